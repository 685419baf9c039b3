package nl.utrecht.integrationhub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubState;

/** CloudEvents over the JMS queue hub.inbound: applied like HTTP, bad messages to hub.inbound.dlq. */
@HubIntegrationTest
class IntakeOverJmsIT {

    private static final Logger log = LoggerFactory.getLogger(IntakeOverJmsIT.class);
    private static final String INBOUND = "hub.inbound";
    private static final String DEAD_LETTERS = "hub.inbound.dlq";
    /** A JMS property of our own, so a test only ever picks up its own messages. */
    private static final String MARKER = "itMarker";
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(20);
    /** The open tasks of a new case (Events.intake): dossier, one school placement (the 13-year-old), activation. */
    private static final int TASKS_OF_A_NEW_CASE = 3;

    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    CamelContext camelContext;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;

    JmsTemplate jms;
    HubState state;

    @BeforeEach
    void setUp() {
        jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(APPLIED_WITHIN.toMillis());
        state = new HubState(jdbc, runtimeService, taskService);
    }

    @Test
    void intakeOverJmsOpensCaseWithTasks() {
        String vNumber = Events.newVNumber();
        ObjectNode intake = Events.intake(vNumber);

        long sentAt = System.nanoTime();
        send(intake.toString(), newMarker());

        String caseId = await().atMost(APPLIED_WITHIN).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> caseWithTasks(Events.SOURCE_COA, intake.get("id").asText(), TASKS_OF_A_NEW_CASE),
                        id -> id != null);
        log.info("Latency JMS send -> case and tasks visible: {} ms", (System.nanoTime() - sentAt) / 1_000_000);

        assertThat(state.casesOfPerson(vNumber)).isEqualTo(1);
        assertThat(state.processInstances(caseId)).hasSize(1);
        assertThat(state.tasks(caseId, "UserTask_OpenDossier")).hasSize(1);
        assertThat(state.tasks(caseId, "UserTask_PlaceChildInSchool")).hasSize(1);
        assertThat(state.inboxRow(Events.SOURCE_COA, intake.get("id").asText()).orElseThrow())
                .containsEntry("status", "APPLIED");
    }

    @Test
    void sameMessageTwiceOpensOneCase() {
        String vNumber = Events.newVNumber();
        ObjectNode intake = Events.intake(vNumber);
        String marker = newMarker();
        NotifyBuilder bothDone = new NotifyBuilder(camelContext).fromRoute("hub-in-jms-events")
                .filter(exchange -> marker.equals(exchange.getMessage().getHeader(MARKER))).whenDone(2).create();

        send(intake.toString(), marker);
        send(intake.toString(), marker);

        await().atMost(APPLIED_WITHIN).until(bothDone::matches);
        String caseId = await().atMost(APPLIED_WITHIN)
                .until(() -> caseWithTasks(Events.SOURCE_COA, intake.get("id").asText(), TASKS_OF_A_NEW_CASE),
                        id -> id != null);
        assertThat(state.inboxRows(intake.get("id").asText())).isEqualTo(1);
        assertThat(state.casesOfPerson(vNumber)).isEqualTo(1);
        assertThat(state.processInstances(caseId)).hasSize(1);
        assertThat(state.tasks(caseId)).hasSize(TASKS_OF_A_NEW_CASE);
        assertThat(deadLettersMarked(marker)).as("a true duplicate is no dead letter").isEmpty();
    }

    @Test
    void invalidMessageGoesToTheDeadLetterQueueWithItsReason() throws JMSException {
        ObjectNode intake = Events.intake(Events.newVNumber());
        Events.householdMember(intake, 0).remove("birthDate");
        String marker = newMarker();

        send(intake.toString(), marker);

        Message deadLetter = jms.receiveSelected(DEAD_LETTERS, MARKER + " = '" + marker + "'");
        assertThat(deadLetter).as("dead letter within " + APPLIED_WITHIN).isNotNull();
        String reason = deadLetter.getStringProperty("hubDeadLetterReason");
        assertThat(reason).contains("/data/household/0/birthDate").contains("required");
        assertThat(reason).doesNotContain(intake.get("subject").asText());
        assertThat(((TextMessage) deadLetter).getText()).contains(intake.get("id").asText());
        assertThat(state.inboxRows(intake.get("id").asText())).isZero();
    }

    @Test
    void dossierOpenedOverJmsCompletesTheDossierTask() {
        String vNumber = Events.newVNumber();
        ObjectNode intake = Events.intake(vNumber);
        send(intake.toString(), newMarker());
        String caseId = await().atMost(APPLIED_WITHIN)
                .until(() -> caseWithTasks(Events.SOURCE_COA, intake.get("id").asText(), TASKS_OF_A_NEW_CASE),
                        id -> id != null);
        String receptionInstanceId = state.calledInstance(caseId, "reception").getId();

        String dossierNumber = "VW-IT-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode dossierOpened = Events.dossierOpened(vNumber, dossierNumber);
        send(dossierOpened.toString(), newMarker());

        await().atMost(APPLIED_WITHIN).until(() -> state.tasks(caseId, "UserTask_OpenDossier").isEmpty());
        assertThat(state.inboxRow(Events.SOURCE_VLUCHTELINGENWERK, dossierOpened.get("id").asText()).orElseThrow())
                .containsEntry("status", "APPLIED")
                .containsEntry("case_id", caseId);
        assertThat(state.variable(receptionInstanceId, "dossierNumber")).isEqualTo(dossierNumber);
        List<Task> remaining = state.tasks(caseId);
        assertThat(remaining).extracting(Task::getTaskDefinitionKey)
                .containsExactlyInAnyOrder("UserTask_PlaceChildInSchool", "UserTask_RecordActivation");
    }

    private void send(String text, String marker) {
        jms.send(INBOUND, session -> {
            TextMessage message = session.createTextMessage(text);
            message.setStringProperty(MARKER, marker);
            return message;
        });
    }

    /** Messages carrying the marker that are in the dead-letter queue now (browsed, not consumed). */
    private List<String> deadLettersMarked(String marker) {
        return jms.browseSelected(DEAD_LETTERS, MARKER + " = '" + marker + "'", (session, browser) -> {
            List<String> ids = new ArrayList<>();
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                ids.add(((Message) messages.nextElement()).getJMSMessageID());
            }
            return ids;
        });
    }

    /** The case id once the event is applied and its case's process has {@code tasks} open tasks. */
    private String caseWithTasks(String source, String eventId, int tasks) {
        return state.inboxRow(source, eventId)
                .filter(row -> "APPLIED".equals(row.get("status")))
                .map(row -> String.valueOf(row.get("case_id")))
                .filter(caseId -> state.tasks(caseId).size() == tasks)
                .orElse(null);
    }

    private static String newMarker() {
        return UUID.randomUUID().toString();
    }
}
