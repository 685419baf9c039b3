package nl.utrecht.integrationhub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.TestUsers;

/** COA's AZC intake over HTTP, end to end: 202, then case, process and tasks; duplicates and conflicts. */
@HubIntegrationTest
class IntakeOverHttpIT extends EndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(IntakeOverHttpIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(20);
    /** The open tasks of a new case (Events.intake): dossier, one school placement (the 13-year-old), activation. */
    private static final int TASKS_OF_A_NEW_CASE = 3;

    @Autowired
    DataSource dataSource;
    @Autowired
    @Qualifier("inboundApplyExecutor")
    ThreadPoolTaskExecutor applyExecutor;
    @Value("${hub.inbound.apply-threads}")
    int applyThreads;

    ExecutorService burst;
    Credentials coa;
    Credentials caseworker;

    @BeforeEach
    void setUp() {
        coa = TestUsers.coa(identityService);
        caseworker = TestUsers.vluchtelingenwerkCaseworker(identityService);
        burst = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void tearDown() {
        burst.shutdownNow();
    }

    @Test
    void acceptedIntakeOpensOneCaseWithDossierTaskAndOneSchoolTaskPerSchoolAgeChild() throws Exception {
        String vNumber = Events.newVNumber();
        LocalDate arrival = Events.defaultArrivalDate();
        ObjectNode intake = Events.intake(vNumber, arrival);
        String eventId = intake.get("id").asText();

        long postedAt = System.nanoTime();
        Response answer = hub.postEvent(intake, coa);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json()).isEqualTo(JSON.readTree("{\"id\": \"" + eventId + "\", \"status\": \"accepted\"}"));

        String caseId = await().atMost(APPLIED_WITHIN).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> openCaseWithTasks(vNumber, TASKS_OF_A_NEW_CASE), id -> id != null);
        long visibleAfterMillis = (System.nanoTime() - postedAt) / 1_000_000;
        log.info("Latency POST /api/events -> case and tasks visible (HTTP): {} ms", visibleAfterMillis);

        JsonNode cases = casesOf(vNumber);
        assertThat(cases).hasSize(1);
        assertThat(cases.get(0).get("caseId").asText()).matches("HH-\\d{4}-\\d{6}");
        assertThat(cases.get(0).get("status").asText()).isEqualTo("open");

        var instances = state.processInstances(caseId);
        assertThat(instances).hasSize(1);
        assertThat(instances.get(0).getProcessDefinitionId()).startsWith("household-route:");
        assertThat(cases.get(0).get("processInstanceId").asText()).isEqualTo(instances.get(0).getId());

        List<Task> dossierTasks = state.tasks(caseId, "UserTask_OpenDossier");
        assertThat(dossierTasks).hasSize(1);
        assertThat(state.candidateGroups(dossierTasks.get(0))).containsExactly("vluchtelingenwerk-mn");

        List<Task> schoolTasks = state.tasks(caseId, "UserTask_PlaceChildInSchool");
        assertThat(schoolTasks).as("children aged 4 and 13: only the 13-year-old is of school age").hasSize(1);
        Task schoolTask = schoolTasks.get(0);
        assertThat(state.candidateGroups(schoolTask)).containsExactly("education");
        assertThat(schoolTask.getDueDate()).isNotNull();
        assertThat(schoolTask.getDueDate().toInstant())
                .isEqualTo(arrival.plusDays(3).atStartOfDay(Events.AMSTERDAM).toInstant());
        List<Task> activationTasks = state.tasks(caseId, "UserTask_RecordActivation");
        assertThat(activationTasks).hasSize(1);
        assertThat(state.candidateGroups(activationTasks.get(0))).containsExactly("vluchtelingenwerk-mn");
        assertThat(state.tasks(caseId)).hasSize(TASKS_OF_A_NEW_CASE);

        assertThat(state.inboxStatus(Events.SOURCE_COA, eventId)).contains("APPLIED");
    }

    /** Not a check: logs how long a caseworker waits, one household at a time, for the tasks to appear. */
    @Test
    void latencyFromPostToTasksVisible() {
        int households = 10;
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < households; i++) {
            String vNumber = Events.newVNumber();
            long postedAt = System.nanoTime();
            assertThat(hub.postEvent(Events.intake(vNumber), coa).status()).isEqualTo(202);
            await().atMost(APPLIED_WITHIN).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> openCaseWithTasks(vNumber, TASKS_OF_A_NEW_CASE), id -> id != null);
            millis.add((System.nanoTime() - postedAt) / 1_000_000);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        log.info("Latency POST /api/events -> case and tasks visible, {} households one after another: "
                        + "min {} ms, median {} ms, max {} ms (in order: {})", households, sorted.get(0),
                sorted.get(households / 2), sorted.get(households - 1), millis);
    }

    @Test
    void sameEventAgainIsAcceptedAgainWithoutSecondEffect() {
        String vNumber = Events.newVNumber();
        ObjectNode intake = Events.intake(vNumber);
        Response first = hub.postEvent(intake, coa);
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        String caseId = awaitCaseWithTasks(vNumber);

        Response again = hub.postEvent(intake, coa);

        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(state.inboxRows(intake.get("id").asText())).isEqualTo(1);
        assertThat(state.inboxRow(Events.SOURCE_COA, intake.get("id").asText()).orElseThrow())
                .containsEntry("status", "APPLIED");
        assertThat(casesOf(vNumber)).hasSize(1);
        assertThat(state.casesOfPerson(vNumber)).isEqualTo(1);
        assertThat(state.processInstances(caseId)).hasSize(1);
        assertThat(state.tasks(caseId)).hasSize(TASKS_OF_A_NEW_CASE);
    }

    @Test
    void sameSourceAndIdWithAnotherPayloadIsAConflict() {
        String vNumber = Events.newVNumber();
        ObjectNode intake = Events.intake(vNumber);
        assertThat(hub.postEvent(intake, coa).status()).isEqualTo(202);
        String recorded = String.valueOf(state.inboxRow(Events.SOURCE_COA, intake.get("id").asText())
                .orElseThrow().get("payload"));

        ObjectNode changed = intake.deepCopy();
        Events.data(changed).put("azcLocation", "Einsteindreef");
        Response conflict = hub.postEvent(changed, coa);

        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertThat(conflict.isProblem()).isTrue();
        assertThat(conflict.json().get("status").asInt()).isEqualTo(409);
        assertThat(conflict.body()).doesNotContain(vNumber);
        assertThat(state.inboxRow(Events.SOURCE_COA, intake.get("id").asText()).orElseThrow())
                .containsEntry("payload", recorded);
        awaitCaseWithTasks(vNumber);
        assertThat(state.casesOfPerson(vNumber)).isEqualTo(1);
    }

    @Test
    void secondIntakeForTheSameMainPersonOpensNoSecondCase() {
        String vNumber = Events.newVNumber();
        assertThat(hub.postEvent(Events.intake(vNumber), coa).status()).isEqualTo(202);
        String caseId = awaitCaseWithTasks(vNumber);

        ObjectNode second = Events.intake(vNumber);
        Events.data(second).put("azcLocation", "Joseph Haydnlaan");
        Response answer = hub.postEvent(second, coa);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        await().atMost(APPLIED_WITHIN)
                .until(() -> state.inboxStatus(Events.SOURCE_COA, second.get("id").asText()), status -> status.isPresent()
                        && status.get().equals("APPLIED"));

        Map<String, Object> secondRow = state.inboxRow(Events.SOURCE_COA, second.get("id").asText()).orElseThrow();
        assertThat(secondRow).containsEntry("case_id", caseId);
        JsonNode cases = casesOf(vNumber);
        assertThat(cases).hasSize(1);
        assertThat(cases.get(0).get("caseId").asText()).isEqualTo(caseId);
        assertThat(state.processInstances(caseId)).hasSize(1);
        assertThat(state.tasks(caseId)).hasSize(TASKS_OF_A_NEW_CASE);
    }

    @Test
    void textBeyondAsciiIsRecordedAsSent() {
        ObjectNode intake = Events.intake(Events.newVNumber());
        Events.data(intake).put("givenNames", "Zoë Çağla Øre");

        Response answer = hub.postEvent(intake, coa);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        String recorded = String.valueOf(state.inboxRow(Events.SOURCE_COA, intake.get("id").asText())
                .orElseThrow().get("payload"));
        assertThat(recorded).contains("\"givenNames\":\"Zoë Çağla Øre\"");
    }

    @Test
    void burstOfIntakesIsAcceptedAndEachAppliedOnce() {
        int households = 30;
        List<ObjectNode> intakes = IntStream.range(0, households)
                .mapToObj(i -> Events.intake(Events.newVNumber())).toList();

        long sentAt = System.nanoTime();
        List<CompletableFuture<Long>> answers = intakes.stream()
                .map(intake -> CompletableFuture.supplyAsync(() -> {
                    long start = System.nanoTime();
                    Response answer = hub.postEvent(intake, coa);
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
                    return (System.nanoTime() - start) / 1_000_000;
                }, burst))
                .toList();
        List<Long> acceptMillis = answers.stream().map(CompletableFuture::join).sorted().toList();
        long allAcceptedMillis = (System.nanoTime() - sentAt) / 1_000_000;

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> intakes.stream()
                .allMatch(intake -> state.inboxStatus(Events.SOURCE_COA, intake.get("id").asText())
                        .filter("APPLIED"::equals).isPresent()));
        long allAppliedMillis = (System.nanoTime() - sentAt) / 1_000_000;
        log.info("Burst of {} concurrent intakes over HTTP: 202 after median {} ms, max {} ms; all 202 after {} ms; "
                        + "all applied after {} ms", households, acceptMillis.get(households / 2),
                acceptMillis.get(households - 1), allAcceptedMillis, allAppliedMillis);

        for (ObjectNode intake : intakes) {
            String vNumber = intake.at("/data/vNumber").asText();
            assertThat(state.casesOfPerson(vNumber)).as("cases of " + vNumber).isEqualTo(1);
            String caseId = casesOf(vNumber).get(0).get("caseId").asText();
            assertThat(state.processInstances(caseId)).hasSize(1);
            assertThat(state.tasks(caseId)).hasSize(TASKS_OF_A_NEW_CASE);
        }
    }

    @Test
    void sameEventSentConcurrentlyHasOneEffect() {
        String vNumber = Events.newVNumber();
        ObjectNode intake = Events.intake(vNumber);

        List<Response> answers = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> hub.postEvent(intake, coa), burst))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(202));
        String caseId = awaitCaseWithTasks(vNumber);
        assertThat(state.inboxRows(intake.get("id").asText())).isEqualTo(1);
        assertThat(state.casesOfPerson(vNumber)).isEqualTo(1);
        assertThat(state.processInstances(caseId)).hasSize(1);
    }

    /**
     * Accepting only validates and records; it must not queue behind slow applying. The test blocks
     * both apply threads on a lock of its own (an uncommitted person row with the V-number an intake
     * registers), then expects a third intake's 202 promptly, and every intake applied once the lock
     * is gone.
     */
    @Test
    void acceptingDoesNotWaitForSlowApplying() throws Exception {
        List<ObjectNode> blocked = List.of(Events.intake(Events.newVNumber()), Events.intake(Events.newVNumber()));
        ObjectNode third = Events.intake(Events.newVNumber());
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            for (ObjectNode intake : blocked) {
                try (PreparedStatement insert = lock.prepareStatement(
                        "INSERT INTO hub_person (v_number, birth_date, created_at) VALUES (?, ?, ?)")) {
                    insert.setString(1, intake.at("/data/vNumber").asText());
                    insert.setDate(2, Date.valueOf("1990-05-17"));
                    insert.setTimestamp(3, Timestamp.from(Instant.now()));
                    insert.executeUpdate();
                }
            }
            try {
                for (ObjectNode intake : blocked) {
                    assertThat(hub.postEvent(intake, coa).status()).isEqualTo(202);
                }
                await().atMost(APPLIED_WITHIN).until(() -> applyExecutor.getActiveCount() == applyThreads
                        && applyExecutor.getQueueSize() == 0);

                long postedAt = System.nanoTime();
                Response answer = hub.postEvent(third, coa);
                long acceptMillis = (System.nanoTime() - postedAt) / 1_000_000;
                log.info("202 while every apply thread is blocked: after {} ms", acceptMillis);

                assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
                assertThat(acceptMillis).as("202 while applying is blocked").isLessThan(3_000);
            } finally {
                lock.rollback();
            }
        }
        for (ObjectNode intake : List.of(blocked.get(0), blocked.get(1), third)) {
            awaitCaseWithTasks(intake.at("/data/vNumber").asText());
        }
    }

    private String awaitCaseWithTasks(String vNumber) {
        return await().atMost(APPLIED_WITHIN)
                .until(() -> openCaseWithTasks(vNumber, TASKS_OF_A_NEW_CASE), id -> id != null);
    }

    /** The case id once the API shows one open case for the person and its process has the tasks. */
    private String openCaseWithTasks(String vNumber, int tasks) {
        JsonNode cases = casesOf(vNumber);
        if (cases.size() != 1 || !"open".equals(cases.get(0).get("status").asText())) {
            return null;
        }
        String caseId = cases.get(0).get("caseId").asText();
        return state.tasks(caseId).size() == tasks ? caseId : null;
    }

    private JsonNode casesOf(String vNumber) {
        Response response = hub.cases(vNumber, caseworker);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
