package nl.utrecht.integrationhub.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * The inbound dead-letter queue for administrators: a refused JMS message is listed with its reason
 * (never its body), and a replay puts it back once on the queue it came from, where it is judged again.
 */
@HubIntegrationTest
class DeadLetterReplayIT extends EndToEndTest {

    @Autowired
    JmsTemplate jms;

    private Credentials admin;
    private Credentials caseworker;

    @BeforeEach
    void users() {
        admin = TestUsers.ensure(identityService, "it-dlq-admin", "camunda-admin");
        caseworker = TestUsers.ensure(identityService, "it-dlq-caseworker", "housing");
    }

    @Test
    void aRefusedMessageIsListedWithItsReasonAndReplayedOnceOntoItsQueue() throws Exception {
        String marker = "m" + UUID.randomUUID().toString().replace("-", "");
        String vNumber = Events.newVNumber();
        ObjectNode unknownType = Events.intake(vNumber);
        unknownType.put("type", "nl.coa.no-such-type");
        jms.convertAndSend("hub.inbound", unknownType.toString(), message -> {
            message.setStringProperty("testMarker", marker);
            return message;
        });
        String firstId = awaitDeadLetter(marker);

        assertThat(hub.get("/api/admin/dead-letters", caseworker).status()).isEqualTo(403);
        Response listed = hub.get("/api/admin/dead-letters?limit=1000", admin);
        assertThat(listed.status()).isEqualTo(200);
        JsonNode entry = find(listed.json(), firstId);
        assertThat(entry).as("listed").isNotNull();
        assertThat(entry.get("reason").asText()).isEqualTo("invalid event: /type unknown-type");
        assertThat(entry.get("route").asText()).isEqualTo("hub-in-jms-events");
        assertThat(listed.body()).doesNotContain(vNumber);

        Response replay = hub.postJson("/api/admin/dead-letters/replay?messageId=" + firstId, null, admin);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().get("replayedTo").asText()).isEqualTo("hub.inbound");

        // Judged again on hub.inbound: still an unknown type, so a new dead letter with the same reason.
        String secondId = await().atMost(Duration.ofSeconds(20)).until(() -> deadLettersWith(marker),
                ids -> ids.size() == 1 && !ids.contains(firstId)).get(0);
        assertThat(secondId).isNotEqualTo(firstId);
        assertThat(hub.postJson("/api/admin/dead-letters/replay?messageId=" + firstId, null, admin).status())
                .as("replayed once: the first letter is gone").isEqualTo(404);
        assertThat(hub.postJson("/api/admin/dead-letters/replay?messageId=not-an-id", null, admin).status())
                .isEqualTo(400);
        assertThat(state.casesOfPerson(vNumber)).isZero();
    }

    private String awaitDeadLetter(String marker) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> deadLettersWith(marker), ids -> ids.size() == 1)
                .get(0);
    }

    private List<String> deadLettersWith(String marker) {
        return jms.browseSelected("hub.inbound.dlq", "testMarker = '" + marker + "'", (session, browser) -> {
            List<String> ids = new java.util.ArrayList<>();
            java.util.Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                ids.add(((Message) messages.nextElement()).getJMSMessageID());
            }
            return ids;
        });
    }

    private static JsonNode find(JsonNode list, String messageId) {
        for (JsonNode entry : list) {
            if (entry.get("messageId").asText().equals(messageId)) {
                return entry;
            }
        }
        return null;
    }
}
