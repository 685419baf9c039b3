package nl.utrecht.integrationhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

import nl.utrecht.integrationhub.outbound.Outbox;
import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.TestPartners;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * Fault 5 of the fault-injection suite, on the suite's hub (H2, and PostgreSQL in the postgres run):
 * <ul>
 *   <li>the same event sent at the same moment four times, twice over HTTP and twice over JMS: one inbox
 *       row, one case, one process instance, every HTTP sender answered 202 and no copy dead-lettered;</li>
 *   <li>a process step that fails after its send task wrote an outbound message in the same transaction:
 *       while the step fails (and its job is retried) nothing is in the outbox and nothing reaches the
 *       partner; once it succeeds the message is written and delivered exactly once.</li>
 * </ul>
 */
@HubIntegrationTest
class DuplicatesAndRollbacksIT extends EndToEndTest {

    private static final int EVENTS = 20;
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(60);
    private static final String MEDICAL_REQUEST = "nl.utrecht.hub.medical-record-handover-requested";

    @Autowired
    JmsTemplate jms;
    @Autowired
    Outbox outbox;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;

    @Test
    void theSameEventSentFourTimesAtOnceOverHttpAndJmsHasOneEffect() throws Exception {
        Credentials coa = TestUsers.coa(identityService);
        List<ObjectNode> intakes = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            intakes.add(Events.intake(Events.newVNumber()));
        }
        List<Response> answers = Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            for (ObjectNode intake : intakes) {
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<?>> copies = List.of(
                        CompletableFuture.runAsync(() -> { waitFor(go); answers.add(hub.postEvent(intake, coa)); }, senders),
                        CompletableFuture.runAsync(() -> { waitFor(go); answers.add(hub.postEvent(intake, coa)); }, senders),
                        CompletableFuture.runAsync(() -> { waitFor(go); jms.convertAndSend("hub.inbound", intake.toString()); }, senders),
                        CompletableFuture.runAsync(() -> { waitFor(go); jms.convertAndSend("hub.inbound", intake.toString()); }, senders));
                go.countDown();
                CompletableFuture.allOf(copies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }

        assertThat(answers).hasSize(2 * EVENTS)
                .allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(202));
        for (ObjectNode intake : intakes) {
            String vNumber = intake.at("/data/vNumber").asText();
            String eventId = intake.get("id").asText();
            await().atMost(APPLIED_WITHIN).until(() -> state.casesOfPerson(vNumber) >= 1
                    && state.inboxStatus(Events.SOURCE_COA, eventId).filter("APPLIED"::equals).isPresent());
        }
        // The JMS copies are consumed after the HTTP ones may already have been applied: wait until the
        // queue is empty, so a late copy cannot slip past the checks below.
        await().atMost(APPLIED_WITHIN).until(() -> browse("hub.inbound").isEmpty());
        List<String> deadLetters = new ArrayList<>(browse("hub.inbound.dlq"));
        deadLetters.addAll(browse("DLQ::DLQ.hub.inbound"));
        for (ObjectNode intake : intakes) {
            String vNumber = intake.at("/data/vNumber").asText();
            String eventId = intake.get("id").asText();
            assertThat(state.inboxRows(eventId)).as("inbox rows of " + eventId).isEqualTo(1);
            assertThat(state.casesOfPerson(vNumber)).as("cases of the person of " + eventId).isEqualTo(1);
            String caseId = jdbc.queryForObject("""
                    SELECT c.case_id FROM hub_case c JOIN hub_person p ON p.id = c.main_person_id
                    WHERE p.v_number = ?""", String.class, vNumber);
            assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId)
                    .rootProcessInstances().count()).as("route instances of " + caseId).isEqualTo(1);
            assertThat(deadLetters).as("dead letters").noneMatch(body -> body.contains(eventId));
        }
    }

    @Test
    void aStepRolledBackAfterItsSendTaskWroteAMessageSendsNothingAndOnceItSucceedsSendsOnce() {
        repositoryService.createDeployment().name("test-rollback-after-send")
                .addClasspathResource("reliability/rollback-after-send.bpmn").deploy();
        String vNumber = Events.newVNumber();
        assertThat(hub.postEvent(Events.intake(vNumber), TestUsers.coa(identityService)).status()).isEqualTo(202);
        await().atMost(APPLIED_WITHIN).until(() -> state.casesOfPerson(vNumber) == 1);
        String caseId = jdbc.queryForObject("""
                SELECT c.case_id FROM hub_case c JOIN hub_person p ON p.id = c.main_person_id
                WHERE p.v_number = ?""", String.class, vNumber);

        String instance = runtimeService.startProcessInstanceByKey("test-rollback-after-send", caseId,
                java.util.Map.of("caseId", caseId)).getId();

        // The send task's job ran and failed at least twice: each time the outbox row was rolled back.
        await().atMost(APPLIED_WITHIN).until(() -> {
            Job job = managementService.createJobQuery().processInstanceId(instance).singleResult();
            return job != null && job.getRetries() <= 8 && job.getExceptionMessage() != null;
        });
        assertThat(outbox.list(null, caseId, 10)).as("outbox rows while the step fails").isEmpty();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("ServiceTask_FailsUntilReleased").count()).as("the failing step never committed").isZero();

        FailsUntilReleased.release(caseId);
        await().atMost(APPLIED_WITHIN).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(instance).finished().count() == 1);
        List<Outbox.Message> written = outbox.list(null, caseId, 10);
        assertThat(written).as("outbox rows once the step succeeded").hasSize(1);
        assertThat(written.get(0).messageType()).isEqualTo(MEDICAL_REQUEST);
        String id = written.get(0).id();
        await().atMost(APPLIED_WITHIN).until(() -> outbox.find(id).orElseThrow().status() == Outbox.Status.SENT);
        assertThat(TestPartners.instance().acceptedWithKey(id)).as("deliveries of " + id).isEqualTo(1);
        assertThat(TestPartners.instance().receivedBy("gca")).as("requests for this case")
                .filteredOn(r -> r.body().contains("\"" + caseId + "\"")).hasSize(1);
    }

    private static void waitFor(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The bodies of the messages on a queue, left on it; none when the queue does not exist (yet). */
    private List<String> browse(String queue) {
        try {
            return browseExisting(queue);
        } catch (org.springframework.jms.InvalidDestinationException e) {
            return List.of();
        }
    }

    private List<String> browseExisting(String queue) {
        return jms.browse(queue, (session, browser) -> {
            List<String> bodies = new ArrayList<>();
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message message = (Message) messages.nextElement();
                bodies.add(message instanceof TextMessage text ? text.getText() : String.valueOf(message));
            }
            return bodies;
        });
    }
}
