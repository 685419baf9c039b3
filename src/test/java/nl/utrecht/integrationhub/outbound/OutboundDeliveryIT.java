package nl.utrecht.integrationhub.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.HubTestEnvironment;
import nl.utrecht.integrationhub.support.TestPartners;
import nl.utrecht.integrationhub.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox end to end, against the real relay, Camel transports, Artemis and a partner HTTP server
 * on loopback: a message written in a transaction is delivered once even when the partner is down for
 * a while; a spent retry budget is a dead letter with its reason that an administrator replays once;
 * a rolled-back step sends nothing; a resend after a crash is dropped by the broker's duplicate detection.
 */
@HubIntegrationTest
class OutboundDeliveryIT extends EndToEndTest {

    private static final String GCA = "gca";
    private static final String MEDICAL_REQUEST = "nl.utrecht.hub.medical-record-handover-requested";
    private static final String HOUSING_REALISED = "nl.utrecht.hub.housing-realised";

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JmsTemplate jms;
    @Autowired
    ObjectMapper objectMapper;

    private final TestPartners partners = TestPartners.instance();
    private Credentials administrator;
    private Credentials caseworker;

    @BeforeEach
    void users() {
        administrator = TestUsers.ensure(identityService, "it-outbox-admin", "camunda-admin");
        caseworker = TestUsers.ensure(identityService, "it-outbox-caseworker", "vluchtelingenwerk-utrecht");
    }

    @Test
    void partnerDownForAWhileGetsTheMessageOnceWhenItIsBack() {
        partners.answerNext(GCA, 503, 503);
        String id = writeMedicalRequest();

        awaitStatus(id, Outbox.Status.SENT);
        List<TestPartners.Received> requests = partners.requestsWithKey(id);
        assertThat(requests).extracting(TestPartners.Received::answeredWith).containsExactly(503, 503, 202);
        assertThat(partners.acceptedWithKey(id)).isEqualTo(1);

        TestPartners.Received delivered = requests.get(2);
        assertThat(delivered.authorization()).isEqualTo("Bearer " + HubTestEnvironment.PARTNER_TOKENS.get(GCA));
        assertThat(delivered.contentType()).startsWith("application/cloudevents+json");
        JsonNode event = json(delivered.body());
        assertThat(event.path("id").asText()).isEqualTo(id);
        assertThat(event.path("type").asText()).isEqualTo(MEDICAL_REQUEST);
        assertThat(event.path("source").asText()).isEqualTo(Outbox.HUB_SOURCE);
        assertThat(event.path("subject").asText()).isEqualTo(subjectOf(id));

        Response trace = hub.get("/api/admin/messages/" + id, administrator);
        assertThat(trace.status()).isEqualTo(200);
        assertThat(trace.json().findValuesAsText("hop"))
                .containsExactly("WRITTEN", "SEND_FAILED", "SEND_FAILED", "DELIVERED");
        assertThat(trace.body()).doesNotContain(subjectOf(id));
    }

    @Test
    void spentRetryBudgetIsADeadLetterThatAnAdministratorReplaysOnce() {
        partners.answerAlways(GCA, 503);
        String id;
        try {
            id = writeMedicalRequest();
            awaitStatus(id, Outbox.Status.DEAD);
        } finally {
            partners.recover(GCA);
        }
        Outbox.Message dead = outbox.find(id).orElseThrow();
        assertThat(dead.attempts()).isEqualTo(4);
        assertThat(dead.lastError()).isEqualTo("retry budget of 4 attempts spent; last: HTTP 503 Service Unavailable");
        assertThat(partners.requestsWithKey(id)).hasSize(4);

        Response deadLetters = hub.get("/api/admin/outbox?status=dead&caseId=" + dead.caseId(), administrator);
        assertThat(deadLetters.status()).isEqualTo(200);
        assertThat(deadLetters.json().findValuesAsText("id")).containsExactly(id);
        assertThat(deadLetters.body()).doesNotContain("\"data\"");

        assertThat(hub.postJson("/api/admin/outbox/" + id + "/replay", objectMapper.createObjectNode(), caseworker)
                .status()).isEqualTo(403);
        Response replay = hub.postJson("/api/admin/outbox/" + id + "/replay", objectMapper.createObjectNode(),
                administrator);
        assertThat(replay.status()).isEqualTo(202);

        awaitStatus(id, Outbox.Status.SENT);
        assertThat(partners.acceptedWithKey(id)).isEqualTo(1);
        assertThat(outbox.find(id).orElseThrow().replayedBy()).isEqualTo("it-outbox-admin");

        Response again = hub.postJson("/api/admin/outbox/" + id + "/replay", objectMapper.createObjectNode(),
                administrator);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
        assertThat(partners.acceptedWithKey(id)).isEqualTo(1);
    }

    @Test
    void aMessageTheReceiverRefusesIsDeadAtOnce() {
        partners.answerNext(GCA, 400);
        String id = writeMedicalRequest();

        awaitStatus(id, Outbox.Status.DEAD);
        assertThat(outbox.find(id).orElseThrow().lastError()).isEqualTo("refused by the receiver: HTTP 400 Bad Request");
        assertThat(partners.requestsWithKey(id)).hasSize(1);
    }

    @Test
    void aRolledBackStepSendsNothing() {
        String caseId = "HH-RB-" + Events.newVNumber();
        transactions.executeWithoutResult(status -> {
            outbox.write(medicalRequest(caseId, Events.newVNumber()));
            status.setRollbackOnly();
        });

        assertThat(outbox.list(null, caseId, 10)).isEmpty();
        // A message written after it is sent; by then the relay had every chance to send the first.
        String later = writeMedicalRequest();
        awaitStatus(later, Outbox.Status.SENT);
        assertThat(partners.receivedBy(GCA)).noneMatch(r -> r.body().contains(caseId));
    }

    @Test
    void aResendAfterACrashIsDroppedByTheBrokersDuplicateDetection() throws Exception {
        String caseId = "HH-JMS-" + Events.newVNumber();
        String id = transactions.execute(status -> outbox.write(housingRealised(caseId, Events.newVNumber())));
        awaitStatus(id, Outbox.Status.SENT);

        jms.setReceiveTimeout(10_000);
        Message first = jms.receiveSelected("hub.out.coa", "_AMQ_DUPL_ID = '" + id + "'");
        assertThat(first).isNotNull();
        JsonNode event = json(first.getBody(String.class));
        assertThat(event.path("id").asText()).isEqualTo(id);
        assertThat(event.path("caseid").asText()).isEqualTo(caseId);

        // The hub crashed after sending and before marking the message sent: it sends it again.
        jdbc.update("UPDATE hub_outbox SET status = 'PENDING', sent_at = NULL WHERE id = ?", id);
        awaitStatus(id, Outbox.Status.SENT);
        assertThat(outbox.find(id).orElseThrow().attempts()).isEqualTo(2);

        jms.setReceiveTimeout(2_000);
        assertThat(jms.receiveSelected("hub.out.coa", "_AMQ_DUPL_ID = '" + id + "'")).isNull();
    }

    @Test
    void aMessageIsHeldByOneRelayAtATime() {
        // Written but not yet due, so this hub's own relay leaves it alone; then play two nodes on one database.
        String caseId = "HH-LEASE-" + Events.newVNumber();
        String id = transactions.execute(status -> {
            String written = outbox.write(medicalRequest(caseId, Events.newVNumber()));
            jdbc.update("UPDATE hub_outbox SET next_attempt_at = ? WHERE id = ?", inAnHour(), written);
            return written;
        });
        Outbox.Message message = outbox.find(id).orElseThrow();

        boolean first = outbox.lease(message, "node-a", Duration.ofMinutes(2));
        boolean second = outbox.lease(message, "node-b", Duration.ofMinutes(2));
        assertThat(first).isTrue();
        assertThat(second).as("a held message is not taken by another node").isFalse();

        jdbc.update("UPDATE hub_outbox SET next_attempt_at = ? WHERE id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), id);
        assertThat(outbox.due(1000)).extracting(Outbox.Message::id).as("held, so not due for any relay").doesNotContain(id);

        // A node that died mid-send loses its lease when it runs out.
        jdbc.update("UPDATE hub_outbox SET next_attempt_at = ?, lease_until = ? WHERE id = ?", inAnHour(),
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), id);
        assertThat(outbox.lease(message, "node-b", Duration.ofMinutes(2))).isTrue();
        assertThat(partners.requestsWithKey(id)).isEmpty();
        jdbc.update("UPDATE hub_outbox SET status = 'DEAD', leased_by = NULL, lease_until = NULL WHERE id = ?", id);
    }

    private static java.sql.Timestamp inAnHour() {
        return java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(3600));
    }

    private String writeMedicalRequest() {
        String caseId = "HH-OUT-" + Events.newVNumber();
        return transactions.execute(status -> outbox.write(medicalRequest(caseId, Events.newVNumber())));
    }

    private Outbox.Draft medicalRequest(String caseId, String vNumber) {
        ObjectNode data = objectMapper.createObjectNode();
        data.put("gpPractice", "Huisartsenpraktijk Testlaan");
        data.put("consentReference", "TOESTEMMING-TEST-0001");
        data.put("requestedOn", Events.today().toString());
        return new Outbox.Draft(MEDICAL_REQUEST, caseId, vNumber, data, null, "SendTask_Test");
    }

    private Outbox.Draft housingRealised(String caseId, String vNumber) {
        ObjectNode data = objectMapper.createObjectNode();
        data.put("moveDate", Events.today().toString());
        data.put("interimHome", false);
        data.put("personsHoused", 2);
        return new Outbox.Draft(HOUSING_REALISED, caseId, vNumber, data, null, "SendTask_Test");
    }

    private String subjectOf(String id) {
        return json(outbox.find(id).orElseThrow().payload()).path("subject").asText();
    }

    private void awaitStatus(String id, Outbox.Status status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.find(id).map(Outbox.Message::status).orElse(null) == status);
    }

    private JsonNode json(String text) {
        try {
            return objectMapper.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + e.getMessage());
        }
    }
}
