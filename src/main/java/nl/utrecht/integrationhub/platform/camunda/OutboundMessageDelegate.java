package nl.utrecht.integrationhub.platform.camunda;

import java.util.Date;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.cases.CaseRegister.Person;
import nl.utrecht.integrationhub.outbound.Outbox;
import nl.utrecht.integrationhub.route.BusinessDates;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * {@code ${outboundMessage}}: the delegate behind every BPMN send task (and its element template).
 * It writes one message to the outbox in the engine's transaction. The task's input parameters say
 * what to send: {@code messageType} (required), {@code personRef} (optional; whose V-number is the
 * subject, default the case's main person) and one parameter per data field. Dates become ISO dates
 * in Utrecht's calendar. The hub, not the model, turns the opaque person reference into the identifier
 * the partner knows.
 */
@Component("outboundMessage")
class OutboundMessageDelegate implements JavaDelegate {

    static final String MESSAGE_TYPE = "messageType";
    static final String PERSON_REF = "personRef";
    static final String CASE_ID = "caseId";

    private final Outbox outbox;
    private final CaseRegister register;
    private final ObjectMapper objectMapper;

    OutboundMessageDelegate(Outbox outbox, CaseRegister register, ObjectMapper objectMapper) {
        this.outbox = outbox;
        this.register = register;
        this.objectMapper = objectMapper;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, Object> inputs = new TreeMap<>(execution.getVariablesLocal());
        Object messageType = inputs.remove(MESSAGE_TYPE);
        if (!(messageType instanceof String type) || type.isBlank()) {
            throw new IllegalStateException("send task " + execution.getCurrentActivityId()
                    + " has no input parameter messageType");
        }
        Object personRef = inputs.remove(PERSON_REF);
        String caseId = (String) execution.getVariable(CASE_ID);
        Person person = (personRef instanceof String ref && !ref.isBlank()
                ? register.findByReference(ref)
                : register.mainPersonOf(caseId))
                .orElseThrow(() -> new IllegalStateException("send task " + execution.getCurrentActivityId()
                        + ": the person the message is about is not in the register"));
        ObjectNode data = objectMapper.createObjectNode();
        inputs.forEach((name, value) -> data.set(name, toJson(value)));
        outbox.write(new Outbox.Draft(type, caseId, person.vNumber() != null ? person.vNumber() : person.bsn(), data,
                execution.getProcessInstanceId(), execution.getCurrentActivityId()));
    }

    private JsonNode toJson(Object value) {
        if (value instanceof Date date) {
            return objectMapper.getNodeFactory().textNode(BusinessDates.dayOf(date).toString());
        }
        if (value instanceof SpinJsonNode json) {
            try {
                return objectMapper.readTree(json.toString());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a JSON variable could not be read", e);
            }
        }
        return objectMapper.valueToTree(value);
    }
}
