package nl.utrecht.integrationhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubState;
import nl.utrecht.integrationhub.support.HubTestClient;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.HubTestEnvironment;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * The hub stopped and started again on the same data (H2 file and Artemis journal, or PostgreSQL with
 * the {@code postgres} profile) still has its cases and tasks, and goes on accepting and applying events.
 * Starts its own hubs, next to the shared test context, so their engines take generated names.
 */
class RestartIT {

    private static final Logger log = LoggerFactory.getLogger(RestartIT.class);
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);
    /** The open tasks of a new case (Events.intake): dossier, one school placement (the 13-year-old), activation. */
    private static final int TASKS_OF_A_NEW_CASE = 3;

    private final Path dataDir = HubTestEnvironment.newDataDir();
    private final String adminPassword = HubTestEnvironment.randomSecret();
    private ConfigurableApplicationContext hub;

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void casesTasksAndIntakeSurviveARestart() {
        String vNumber = Events.newVNumber();
        ObjectNode intake = Events.intake(vNumber);

        hub = start();
        Response accepted = client().postEvent(intake, TestUsers.coa(bean(IdentityService.class)));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String caseId = await().atMost(APPLIED_WITHIN).until(() -> caseWithTasks(intake.get("id").asText()),
                id -> id != null);
        String processInstanceId = state().processInstances(caseId).get(0).getId();
        String receptionInstanceId = state().calledInstance(caseId, "reception").getId();
        hub.close();

        hub = start();
        Credentials caseworker = TestUsers.vluchtelingenwerkCaseworker(bean(IdentityService.class));
        Response cases = client().cases(vNumber, caseworker);
        assertThat(cases.status()).as(cases.toString()).isEqualTo(200);
        JsonNode found = cases.json();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("caseId").asText()).isEqualTo(caseId);
        assertThat(found.get(0).get("processInstanceId").asText()).isEqualTo(processInstanceId);
        assertThat(found.get(0).get("status").asText()).isEqualTo("open");
        assertThat(state().tasks(caseId, "UserTask_OpenDossier")).hasSize(1);
        assertThat(state().tasks(caseId, "UserTask_PlaceChildInSchool")).hasSize(1);

        ObjectNode dossierOpened = Events.dossierOpened(vNumber, "VW-IT-RESTART");
        Response acceptedAfterRestart = client().postEvent(dossierOpened,
                TestUsers.vluchtelingenwerkSystem(bean(IdentityService.class)));
        assertThat(acceptedAfterRestart.status()).as(acceptedAfterRestart.toString()).isEqualTo(202);
        await().atMost(APPLIED_WITHIN).until(() -> state().tasks(caseId, "UserTask_OpenDossier").isEmpty());
        assertThat(state().variable(receptionInstanceId, "dossierNumber")).isEqualTo("VW-IT-RESTART");
        assertThat(state().tasks(caseId, "UserTask_PlaceChildInSchool")).hasSize(1);
    }

    private ConfigurableApplicationContext start() {
        long startedAt = System.nanoTime();
        // As arguments, not builder.properties(...): those are defaults, beneath application.yaml.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(HubApplication.class).run(
                "--hub.data-dir=" + dataDir,
                "--server.port=0",
                "--hub.broker.port=-1",
                "--camunda.bpm.generate-unique-process-engine-name=true",
                "--hub.inbound.relay-interval=PT1S",
                "--hub.admin.user-id=" + HubTestEnvironment.ADMIN_USER_ID,
                "--hub.admin.password=" + adminPassword);
        log.info("Hub started on {} in {} ms", dataDir, (System.nanoTime() - startedAt) / 1_000_000);
        return context;
    }

    private HubTestClient client() {
        return new HubTestClient(((WebServerApplicationContext) hub).getWebServer().getPort());
    }

    private HubState state() {
        return new HubState(bean(JdbcTemplate.class), bean(RuntimeService.class), bean(TaskService.class));
    }

    private <T> T bean(Class<T> type) {
        return hub.getBean(type);
    }

    private String caseWithTasks(String eventId) {
        return state().inboxRow(Events.SOURCE_COA, eventId)
                .filter(row -> "APPLIED".equals(row.get("status")))
                .map(row -> String.valueOf(row.get("case_id")))
                .filter(caseId -> state().tasks(caseId).size() == TASKS_OF_A_NEW_CASE)
                .orElse(null);
    }
}
