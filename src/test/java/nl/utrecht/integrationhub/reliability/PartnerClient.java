package nl.utrecht.integrationhub.reliability;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Sends ledger entries as a well-behaved partner: over HTTP to /api/events as a COA partner user, or over
 * JMS to hub.inbound through the hub's CORE acceptor. An attempt without an acknowledgement (connection
 * refused or reset while the hub is down, a 5xx, a JMS send that threw) is repeated with the same event
 * id until the hub acknowledges it, or the retry window runs out. A definite refusal (4xx) is recorded
 * and not repeated.
 */
public final class PartnerClient implements AutoCloseable {

    /** Answers that say "this event is wrong", as opposed to "not now". */
    private static final Set<Integer> FINAL_REFUSALS = Set.of(400, 403, 409, 413, 415, 422);
    private static final Duration PAUSE_BETWEEN_ATTEMPTS = Duration.ofMillis(200);

    private final HubProcess hub;
    private final String user;
    private final String password;
    private final Duration retryWindow;
    private ActiveMQConnectionFactory factory;
    private Connection jms;
    private Session session;
    private MessageProducer producer;

    public PartnerClient(HubProcess hub, String user, String password, Duration retryWindow) {
        this.hub = hub;
        this.user = user;
        this.password = password;
        this.retryWindow = retryWindow;
    }

    /** Sends until acknowledged, refused for good, or the retry window ran out; true when acknowledged. */
    public boolean send(Ledger.Entry entry) throws InterruptedException {
        long deadline = System.nanoTime() + retryWindow.toNanos();
        while (System.nanoTime() < deadline) {
            entry.attempted();
            Outcome outcome = entry.channel() == Ledger.Channel.HTTP ? postOnce(entry) : sendOnce(entry);
            if (outcome == Outcome.ACKNOWLEDGED) {
                entry.acknowledged(System.nanoTime());
                return true;
            }
            if (outcome == Outcome.REFUSED) {
                return false;
            }
            Thread.sleep(PAUSE_BETWEEN_ATTEMPTS.toMillis());
        }
        return false;
    }

    private enum Outcome { ACKNOWLEDGED, REFUSED, TRY_AGAIN }

    private Outcome postOnce(Ledger.Entry entry) throws InterruptedException {
        HttpRequest request = HubProcess.request(hub.uri("/api/events"), user, password)
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(entry.body(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = hub.send(request);
            if (response.statusCode() / 100 == 2) {
                return Outcome.ACKNOWLEDGED;
            }
            if (FINAL_REFUSALS.contains(response.statusCode())) {
                entry.rejected(response.statusCode() + " " + response.body());
                return Outcome.REFUSED;
            }
            return Outcome.TRY_AGAIN;
        } catch (IOException e) {
            return Outcome.TRY_AGAIN;
        }
    }

    private Outcome sendOnce(Ledger.Entry entry) {
        try {
            if (producer == null) {
                connect();
            }
            // Persistent and not transacted: send() returns once the broker has the message durably.
            producer.send(session.createTextMessage(entry.body()));
            return Outcome.ACKNOWLEDGED;
        } catch (JMSException | RuntimeException e) {
            disconnect();
            return Outcome.TRY_AGAIN;
        }
    }

    private void connect() throws JMSException {
        factory = hub.brokerConnectionFactory("reconnectAttempts=0&initialConnectAttempts=1&callTimeout=5000");
        jms = factory.createConnection();
        session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(session.createQueue("hub.inbound"));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
    }

    private void disconnect() {
        if (jms != null) {
            try {
                jms.close();
            } catch (JMSException | RuntimeException ignored) {
                // the broker is gone; nothing to close cleanly
            }
        }
        if (factory != null) {
            factory.close();
        }
        factory = null;
        jms = null;
        session = null;
        producer = null;
    }

    @Override
    public void close() {
        disconnect();
    }
}
