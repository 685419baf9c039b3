package nl.utrecht.integrationhub.route;

import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.MESSAGE_DOSSIER_OPENED;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_DOSSIER_NUMBER;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_DOSSIER_OPENED_ON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.cases.CaseRegister.Case;
import nl.utrecht.integrationhub.cases.CaseRegister.Person;
import nl.utrecht.integrationhub.inbound.EventTypeCatalog.Correlation;
import nl.utrecht.integrationhub.inbound.EventTypeCatalog.Scope;
import nl.utrecht.integrationhub.inbound.InboundEventHandler.Outcome;
import nl.utrecht.integrationhub.platform.camunda.ProcessCorrelator;

/**
 * A partner's event reaches the case of its subject as configured in the catalogue (here Vluchtelingenwerk
 * reporting a dossier opened): delivered to the open case, or parked, never lost.
 */
@ExtendWith(MockitoExtension.class)
class CaseCorrelationTest {

    private static final Correlation DOSSIER_OPENED = new Correlation(Scope.HOUSEHOLD,
            List.of("dossierNumber", "openedOn:dossierOpenedOn"), null);

    private static final String BSN = "999999990";
    private static final Person PERSON = new Person(41, "1234567890", BSN, LocalDate.of(1990, 1, 1));
    private static final Case ENDED_CASE = new Case(2, "HH-2025-000002", "pi-2");
    private static final Case OPEN_CASE = new Case(9, "HH-2026-000009", "pi-9");

    @Mock
    private CaseRegister register;
    @Mock
    private ProcessCorrelator processes;

    private final ObjectMapper json = new ObjectMapper();
    private CaseCorrelation correlation;

    @BeforeEach
    void createCorrelation() {
        correlation = new CaseCorrelation(register, processes);
    }

    @Test
    void completesTheDossierStepOfThePersonsOpenCase() {
        when(register.findBySubject(BSN)).thenReturn(Optional.of(PERSON));
        when(register.casesOf(PERSON)).thenReturn(List.of(OPEN_CASE, ENDED_CASE));
        when(processes.isRunning(OPEN_CASE.caseId())).thenReturn(true);
        when(processes.correlate(eq(MESSAGE_DOSSIER_OPENED), eq(OPEN_CASE.caseId()), eq(Map.of()), anyMap())).thenReturn(true);

        Outcome outcome = correlation.correlate(dossierOpened(BSN), DOSSIER_OPENED);

        verify(processes).correlate(MESSAGE_DOSSIER_OPENED, OPEN_CASE.caseId(), Map.of(), Map.of(
                VAR_DOSSIER_NUMBER, "VWMN-2026-0001",
                VAR_DOSSIER_OPENED_ON, Date.from(Instant.parse("2026-05-30T22:00:00Z"))));
        assertThat(outcome.parked()).isFalse();
        assertThat(outcome.caseId()).isEqualTo(OPEN_CASE.caseId());
        assertThat(outcome.description()).doesNotContain(BSN);
    }

    @Test
    void findsTheOpenCaseAmongEndedOnes() {
        when(register.findBySubject(BSN)).thenReturn(Optional.of(PERSON));
        when(register.casesOf(PERSON)).thenReturn(List.of(ENDED_CASE, OPEN_CASE));
        when(processes.isRunning(ENDED_CASE.caseId())).thenReturn(false);
        when(processes.isRunning(OPEN_CASE.caseId())).thenReturn(true);
        when(processes.correlate(eq(MESSAGE_DOSSIER_OPENED), eq(OPEN_CASE.caseId()), eq(Map.of()), anyMap())).thenReturn(true);

        assertThat(correlation.correlate(dossierOpened(BSN), DOSSIER_OPENED).caseId()).isEqualTo(OPEN_CASE.caseId());
        verify(processes, never()).correlate(eq(MESSAGE_DOSSIER_OPENED), eq(ENDED_CASE.caseId()), anyMap(), anyMap());
    }

    @Test
    void parksWhenThePersonIsUnknown() {
        when(register.findBySubject("1234567899")).thenReturn(Optional.empty());

        Outcome outcome = correlation.correlate(dossierOpened("1234567899"), DOSSIER_OPENED);

        assertThat(outcome.parked()).isTrue();
        assertThat(outcome.caseId()).isNull();
        verify(processes, never()).correlate(anyString(), anyString(), anyMap(), anyMap());
    }

    @Test
    void parksWhenThePersonHasNoOpenCase() {
        when(register.findBySubject(BSN)).thenReturn(Optional.of(PERSON));
        when(register.casesOf(PERSON)).thenReturn(List.of(ENDED_CASE));
        when(processes.isRunning(ENDED_CASE.caseId())).thenReturn(false);

        Outcome outcome = correlation.correlate(dossierOpened(BSN), DOSSIER_OPENED);

        assertThat(outcome.parked()).isTrue();
        verify(processes, never()).correlate(anyString(), anyString(), anyMap(), anyMap());
    }

    @Test
    void parksWhenTheCaseDoesNotWaitForTheDossier() {
        when(register.findBySubject(BSN)).thenReturn(Optional.of(PERSON));
        when(register.casesOf(PERSON)).thenReturn(List.of(OPEN_CASE));
        when(processes.isRunning(OPEN_CASE.caseId())).thenReturn(true);
        when(processes.correlate(eq(MESSAGE_DOSSIER_OPENED), eq(OPEN_CASE.caseId()), eq(Map.of()), anyMap())).thenReturn(false);

        Outcome outcome = correlation.correlate(dossierOpened(BSN), DOSSIER_OPENED);

        assertThat(outcome.parked()).isTrue();
        assertThat(outcome.caseId()).isEqualTo(OPEN_CASE.caseId());
    }

    @Test
    void aPersonScopedEventReachesOnlyThatPersonsInstance() {
        when(register.findBySubject(BSN)).thenReturn(Optional.of(PERSON));
        when(register.casesOf(PERSON)).thenReturn(List.of(OPEN_CASE));
        when(processes.isRunning(OPEN_CASE.caseId())).thenReturn(true);
        when(processes.correlate(anyString(), anyString(), anyMap(), anyMap())).thenReturn(true);
        Correlation perPerson = new Correlation(Scope.PERSON, List.of("dossierNumber"), null);

        correlation.correlate(dossierOpened(BSN), perPerson);

        verify(processes).correlate(MESSAGE_DOSSIER_OPENED, OPEN_CASE.caseId(), Map.of("personRef", "P-000041"),
                Map.of("dossierNumber", "VWMN-2026-0001"));
    }

    @Test
    void anInformationalEventThatFindsNoWaitingProcessIsRecordedNotParked() {
        when(register.findBySubject(BSN)).thenReturn(Optional.of(PERSON));
        when(register.casesOf(PERSON)).thenReturn(List.of(OPEN_CASE));
        when(processes.isRunning(OPEN_CASE.caseId())).thenReturn(true);
        when(processes.correlate(anyString(), anyString(), anyMap(), anyMap())).thenReturn(false);
        Correlation recordOnly = new Correlation(Scope.HOUSEHOLD, List.of(), false);

        Outcome outcome = correlation.correlate(dossierOpened(BSN), recordOnly);

        assertThat(outcome.parked()).isFalse();
        assertThat(outcome.caseId()).isEqualTo(OPEN_CASE.caseId());
    }

    private JsonNode dossierOpened(String subject) {
        ObjectNode event = json.createObjectNode()
                .put("specversion", "1.0")
                .put("id", "evt-2026-0002")
                .put("source", "urn:nl:vluchtelingenwerk-midden-nederland")
                .put("type", MESSAGE_DOSSIER_OPENED)
                .put("subject", subject);
        event.putObject("data").put("dossierNumber", "VWMN-2026-0001").put("openedOn", "2026-05-31");
        return event;
    }
}
