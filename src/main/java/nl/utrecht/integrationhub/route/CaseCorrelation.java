package nl.utrecht.integrationhub.route;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.cases.CaseRegister.Case;
import nl.utrecht.integrationhub.cases.CaseRegister.Person;
import nl.utrecht.integrationhub.inbound.EventTypeCatalog.Correlation;
import nl.utrecht.integrationhub.inbound.EventTypeCatalog.Scope;
import nl.utrecht.integrationhub.inbound.InboundEventHandler.Outcome;
import nl.utrecht.integrationhub.platform.camunda.ProcessCorrelator;

/**
 * Delivers a partner's event to the case of its subject as the BPMN message named by the event type:
 * by business key (scope household) or by business key and {@code personRef} (scope person), with the
 * variables the catalogue lists. An event whose process does not wait for it yet is parked.
 */
@Component
public class CaseCorrelation {

    static final String PERSON_REF = "personRef";
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final CaseRegister register;
    private final ProcessCorrelator processes;

    CaseCorrelation(CaseRegister register, ProcessCorrelator processes) {
        this.register = register;
        this.processes = processes;
    }

    public Outcome correlate(JsonNode event, Correlation correlation) {
        String type = event.get("type").asText();
        Optional<Person> person = register.findBySubject(event.get("subject").asText());
        if (person.isEmpty()) {
            return Outcome.parked("the person is not known yet", null);
        }
        Optional<Case> openCase = register.casesOf(person.get()).stream()
                .filter(c -> processes.isRunning(c.caseId()))
                .findFirst();
        if (openCase.isEmpty()) {
            return Outcome.parked("the person has no open case", null);
        }
        String caseId = openCase.get().caseId();
        Map<String, Object> variables = variables(event.get("data"), correlation);
        Map<String, Object> correlationKeys = correlation.scope() == Scope.PERSON
                ? Map.of(PERSON_REF, person.get().reference())
                : Map.of();
        if (processes.correlate(type, caseId, correlationKeys, variables)) {
            return Outcome.applied("delivered to the case's process", caseId);
        }
        return correlation.parkWhenNotWaiting()
                ? Outcome.parked("the case does not wait for this event yet", caseId)
                : Outcome.applied("the case does not wait for this event; recorded only", caseId);
    }

    /**
     * The listed data fields as variables, named as the field or, for an entry {@code field:variable},
     * as the variable; ISO dates become dates (00:00 Utrecht time).
     */
    static Map<String, Object> variables(JsonNode data, Correlation correlation) {
        Map<String, Object> variables = new HashMap<>();
        for (String entry : correlation.variables()) {
            int colon = entry.indexOf(':');
            String field = colon < 0 ? entry : entry.substring(0, colon).trim();
            String variable = colon < 0 ? entry : entry.substring(colon + 1).trim();
            JsonNode value = data == null ? null : data.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            variables.put(variable, toVariable(value));
        }
        return variables;
    }

    private static Object toVariable(JsonNode value) {
        if (value.isTextual()) {
            String text = value.asText();
            return ISO_DATE.matcher(text).matches()
                    ? BusinessDates.startOf(LocalDate.parse(text))
                    : text;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToInt() ? (Object) value.asInt() : (Object) value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        StringBuilder joined = new StringBuilder();
        for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
            joined.append(it.next().asText()).append(it.hasNext() ? "," : "");
        }
        return joined.toString();
    }
}
