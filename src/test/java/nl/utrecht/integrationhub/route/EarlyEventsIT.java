package nl.utrecht.integrationhub.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.GenericTasklist;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.PartnerEvents;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * Early events: an event that arrives before its process waits for it is parked, never lost and
 * never rejected, and applied when the process gets there; an event about a person the hub does not
 * know yet is kept too, and applied once the person's intake arrives.
 */
@HubIntegrationTest
class EarlyEventsIT extends EndToEndTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ZoneId UTRECHT = ZoneId.of("Europe/Amsterdam");

    private Credentials admin;
    private GenericTasklist tasklist;

    @BeforeEach
    void setUp() {
        admin = TestUsers.ensure(identityService, "it-early-events", "camunda-admin");
        tasklist = new GenericTasklist(hub, admin);
    }

    @Test
    void permitAndLinkingThatArriveWhileReceptionTasksAreOpenAreParkedThenApplied() {
        String main = Events.newVNumber();
        assertThat(hub.postEvent(Events.intake(main), admin).status()).isEqualTo(202);
        String caseId = awaitCaseId(main);
        await().atMost(WITHIN).until(() -> !state.tasks(caseId).isEmpty());

        ObjectNode permit = PartnerEvents.of("nl.ind.residence-permit-granted", main, today());
        ObjectNode linked = PartnerEvents.of("nl.coa.status-holder-linked", main, today());
        assertThat(hub.postEvent(permit, admin).status()).isEqualTo(202);
        assertThat(hub.postEvent(linked, admin).status()).isEqualTo(202);
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(state.inboxStatus("urn:nl:coa", permit.get("id").asText())).contains("PARKED");
            assertThat(state.inboxStatus("urn:nl:coa", linked.get("id").asText())).contains("PARKED");
        });

        // The caseworkers finish reception; the route reaches the permit, then housing waits for the linking.
        completeReceptionTasks(caseId, permit.get("id").asText());

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(state.inboxStatus("urn:nl:coa", permit.get("id").asText())).contains("APPLIED");
            assertThat(state.inboxStatus("urn:nl:coa", linked.get("id").asText())).contains("APPLIED");
            ProcessInstance housing = state.calledInstance(caseId, "housing");
            assertThat(housing).as("housing started").isNotNull();
            assertThat(state.variable(housing.getId(), "linkedOn")).as("linking applied in housing").isNotNull();
        });
    }

    @Test
    void anEventAboutAPersonNotKnownYetIsKeptAndAppliedOnceTheIntakeArrives() {
        String main = Events.newVNumber();
        ObjectNode dossierOpened = Events.dossierOpened(main, "VWMN-EARLY-1");
        assertThat(hub.postEvent(dossierOpened, admin).status()).isEqualTo(202);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(
                state.inboxStatus(Events.SOURCE_VLUCHTELINGENWERK, dossierOpened.get("id").asText())).contains("PARKED"));

        assertThat(hub.postEvent(Events.intake(main), admin).status()).isEqualTo(202);

        String caseId = awaitCaseId(main);
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(state.inboxStatus(Events.SOURCE_VLUCHTELINGENWERK, dossierOpened.get("id").asText()))
                    .contains("APPLIED");
            assertThat(state.tasks(caseId, "UserTask_OpenDossier")).as("dossier step done by the early event").isEmpty();
        });
    }

    /** Completes reception's tasks as caseworkers would, until the parked permit has been applied. */
    private void completeReceptionTasks(String caseId, String permitEventId) {
        await().atMost(WITHIN).until(() -> {
            hub.get("/engine-rest/task?processDefinitionKey=reception&processInstanceBusinessKey=" + caseId, admin)
                    .json().forEach(tasklist::completeWithForm);
            return state.inboxStatus("urn:nl:coa", permitEventId).filter("APPLIED"::equals).isPresent();
        });
    }

    private String awaitCaseId(String subject) {
        return await().atMost(WITHIN).until(() -> hub.cases(subject, admin).json(), cases -> cases.size() == 1)
                .get(0).get("caseId").asText();
    }

    private static LocalDate today() {
        return LocalDate.now(UTRECHT);
    }
}
