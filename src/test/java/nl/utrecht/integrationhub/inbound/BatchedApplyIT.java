package nl.utrecht.integrationhub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;

/**
 * Several events applied in one transaction (docs/reliability.md, "Batched apply"), on the real hub:
 * the events are recorded in the inbox as {@link InboundEvents} records them and handed to
 * {@link EventApplier#applyAll} as one batch. A failing event rolls the batch back, after which every
 * event is applied on its own: the others once, the failing one with its attempt counted. Two events
 * about one household keep their order inside a batch: the later one sees what the earlier one did.
 */
@HubIntegrationTest
class BatchedApplyIT extends EndToEndTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String NO_SUCH_TYPE = "nl.example.type-without-handler";

    @Autowired
    Inbox inbox;
    @Autowired
    EventApplier applier;

    @Test
    void aFailingEventInABatchDoesNotHoldBackTheOthersAndAloneHasItsAttemptCounted() {
        String first = Events.newVNumber();
        String last = Events.newVNumber();
        Inbox.Key firstIntake = record(Events.intake(first));
        // Valid JSON of a type no handler and no correlation knows: applying it throws, every time.
        ObjectNode failing = Events.intake(Events.newVNumber());
        failing.put("type", NO_SUCH_TYPE);
        Inbox.Key failingKey = record(failing);
        Inbox.Key lastIntake = record(Events.intake(last));

        applier.applyAll(List.of(firstIntake, failingKey, lastIntake));

        for (Map.Entry<Inbox.Key, String> intake : Map.of(firstIntake, first, lastIntake, last).entrySet()) {
            Map<String, Object> row = state.inboxRow(intake.getKey().source(), intake.getKey().eventId()).orElseThrow();
            assertThat(row.get("status")).isEqualTo("APPLIED");
            assertThat(((Number) row.get("attempts")).intValue()).as("claimed once, never counted as failed").isEqualTo(1);
            assertThat(row.get("last_error")).isEqualTo("");
            // The rolled-back batch left nothing of its own behind: one case, one process instance.
            assertThat(state.casesOfPerson(intake.getValue())).isEqualTo(1);
            assertThat(state.processInstances(String.valueOf(row.get("case_id")))).hasSize(1);
        }
        Map<String, Object> failed = state.inboxRow(failingKey.source(), failingKey.eventId()).orElseThrow();
        assertThat(failed.get("status")).as("kept for a retry").isIn("RECEIVED", "FAILED");
        assertThat(((Number) failed.get("attempts")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(String.valueOf(failed.get("last_error"))).contains("no correlation configured for this event type");
    }

    @Test
    void twoEventsOfOneHouseholdInOneBatchKeepTheirOrder() {
        // The intake first: the dossier event in the same transaction finds the person and the case.
        String vNumber = Events.newVNumber();
        Inbox.Key intake = record(Events.intake(vNumber));
        Inbox.Key dossierOpened = record(Events.dossierOpened(vNumber, "VWMN-BATCH-1"));

        applier.applyAll(List.of(intake, dossierOpened));

        Map<String, Object> intakeRow = state.inboxRow(intake.source(), intake.eventId()).orElseThrow();
        assertThat(intakeRow.get("status")).isEqualTo("APPLIED");
        Map<String, Object> dossierRow = state.inboxRow(dossierOpened.source(), dossierOpened.eventId()).orElseThrow();
        assertThat(dossierRow.get("case_id")).as("the dossier event found the case opened before it")
                .isEqualTo(intakeRow.get("case_id"));
        assertThat(dossierRow.get("outcome")).isNotEqualTo("the person is not known yet");
        String caseId = String.valueOf(intakeRow.get("case_id"));
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(state.inboxStatus(dossierOpened.source(), dossierOpened.eventId())).contains("APPLIED");
            assertThat(state.tasks(caseId, "UserTask_OpenDossier")).as("the dossier step done by the event").isEmpty();
        });
        assertThat(state.processInstances(caseId)).hasSize(1);
    }

    @Test
    void anEventBeforeItsIntakeInOneBatchIsParkedAsAloneAndAppliedOnceTheIntakeIs() {
        // The other order: the dossier event comes first and finds no person, so it is parked exactly as
        // it would be on its own; the intake after it in the same batch opens the case.
        String vNumber = Events.newVNumber();
        Inbox.Key dossierOpened = record(Events.dossierOpened(vNumber, "VWMN-BATCH-2"));
        Inbox.Key intake = record(Events.intake(vNumber));

        applier.applyAll(List.of(dossierOpened, intake));

        Map<String, Object> intakeRow = state.inboxRow(intake.source(), intake.eventId()).orElseThrow();
        assertThat(intakeRow.get("status")).isEqualTo("APPLIED");
        String caseId = String.valueOf(intakeRow.get("case_id"));
        assertThat(state.casesOfPerson(vNumber)).isEqualTo(1);
        // Parked by the batch (or, if the parked retry was quicker than this assertion, applied since).
        Map<String, Object> parked = state.inboxRow(dossierOpened.source(), dossierOpened.eventId()).orElseThrow();
        assertThat(parked.get("status")).isIn("PARKED", "APPLIED");
        await().atMost(WITHIN).untilAsserted(() -> {
            Map<String, Object> row = state.inboxRow(dossierOpened.source(), dossierOpened.eventId()).orElseThrow();
            assertThat(row.get("status")).isEqualTo("APPLIED");
            assertThat(row.get("case_id")).isEqualTo(caseId);
            assertThat(state.tasks(caseId, "UserTask_OpenDossier")).isEmpty();
        });
        assertThat(state.processInstances(caseId)).hasSize(1);
    }

    /** Records the event in the inbox as accepting does, without handing it to the apply threads. */
    private Inbox.Key record(ObjectNode event) {
        Inbox.Key key = new Inbox.Key(event.get("source").asText(), event.get("id").asText());
        assertThat(inbox.insert(key, event.get("type").asText(), "http", event.toString())).isTrue();
        return key;
    }
}
