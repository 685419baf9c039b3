package nl.utrecht.integrationhub.intake;

import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.*;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.cases.CaseRegister.Case;
import nl.utrecht.integrationhub.inbound.InboundEventHandler;
import nl.utrecht.integrationhub.platform.camunda.ProcessCorrelator;

/**
 * {@code nl.vluchtelingenwerk.dossier-opened}: Vluchtelingenwerk's own system reports the dossier
 * opened, which completes the caseworker's task if it comes first. An event whose case is unknown or
 * not waiting for it is parked, not lost.
 */
@Component
class DossierOpenedHandler implements InboundEventHandler {

    private final CaseRegister register;
    private final ProcessCorrelator processes;

    DossierOpenedHandler(CaseRegister register, ProcessCorrelator processes) {
        this.register = register;
        this.processes = processes;
    }

    @Override
    public String type() {
        return MESSAGE_DOSSIER_OPENED;
    }

    @Override
    public Outcome apply(JsonNode event) {
        Optional<Case> openCase = register.findBySubject(event.get("subject").asText()).stream()
                .flatMap(person -> register.casesOf(person).stream())
                .filter(c -> processes.isRunning(c.caseId()))
                .findFirst();
        if (openCase.isEmpty()) {
            return Outcome.parked("no open case for this person", null);
        }
        JsonNode data = event.get("data");
        String caseId = openCase.get().caseId();
        boolean delivered = processes.correlate(MESSAGE_DOSSIER_OPENED, caseId, Map.of(
                VAR_DOSSIER_NUMBER, data.get("dossierNumber").asText(),
                VAR_DOSSIER_OPENED_ON, AzcIntakeHandler.toDate(LocalDate.parse(data.get("openedOn").asText()))));
        return delivered
                ? Outcome.applied("dossier step completed by the partner", caseId)
                : Outcome.parked("the case does not wait for this event (task already done?)", caseId);
    }
}
