package nl.utrecht.integrationhub.platform.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import jakarta.servlet.http.HttpServletRequest;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.utrecht.integrationhub.platform.camel.DeadLetters;
import nl.utrecht.integrationhub.platform.security.HubPrincipal;
import nl.utrecht.integrationhub.platform.web.ApiProblems;

/**
 * For administrators: the inbound dead-letter queue ({@code hub.inbound.dlq}) with each message's reason,
 * and the replay of one message, once its cause is fixed (a type added, a schema corrected), onto the
 * queue it first came from, in one broker transaction. Bodies are never shown: they hold personal data.
 */
@RestController
@RequestMapping("/api/admin/dead-letters")
class DeadLetterQueueController {

    static final String QUEUE = "hub.inbound.dlq";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueueController.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("ID:[A-Za-z0-9:-]{1,100}");
    private static final int MAX_LIMIT = 1000;
    private static final String INSTANCE = "/api/admin/dead-letters";

    /** What an administrator sees of a dead letter. */
    record DeadLetter(String messageId, Instant deadLetteredAt, String reason, String route) {
    }

    private final JmsTemplate jms;
    private final CamelContext camel;

    DeadLetterQueueController(ConnectionFactory connectionFactory, CamelContext camel) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
        this.jms.setReceiveTimeout(2000);
        this.camel = camel;
    }

    @GetMapping
    ResponseEntity<?> list(@RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return ApiProblems.invalidQuery(INSTANCE, "limit", "range", "limit is between 1 and " + MAX_LIMIT);
        }
        List<DeadLetter> letters = jms.browse(QUEUE, (session, browser) -> {
            List<DeadLetter> found = new ArrayList<>();
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements() && found.size() < limit) {
                Message message = (Message) messages.nextElement();
                found.add(new DeadLetter(message.getJMSMessageID(), Instant.ofEpochMilli(message.getJMSTimestamp()),
                        message.getStringProperty(DeadLetters.REASON), message.getStringProperty(DeadLetters.ROUTE)));
            }
            return found;
        });
        return ResponseEntity.ok(letters);
    }

    /** Moves one dead letter back onto the queue of the route that refused it. 404 when it is not there. */
    @PostMapping("/replay")
    ResponseEntity<?> replay(@RequestParam(name = "messageId", required = false) String messageId,
                             HttpServletRequest request) {
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            return ApiProblems.invalidQuery(INSTANCE + "/replay", "messageId", messageId == null ? "required" : "jms-message-id",
                    "give the dead letter's messageId as listed (ID:…)");
        }
        String replayedTo = jms.execute(session -> {
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE),
                    "JMSMessageID = '" + messageId + "'")) {
                Message dead = consumer.receive(2000);
                if (dead == null) {
                    return null;
                }
                String queue = originalQueue(dead.getStringProperty(DeadLetters.ROUTE));
                if (queue == null) {
                    session.rollback();
                    return "";
                }
                Message again = dead instanceof TextMessage text
                        ? session.createTextMessage(text.getText())
                        : session.createTextMessage(bytes((BytesMessage) dead));
                copyPartnerProperties(dead, again);
                session.createProducer(session.createQueue(queue)).send(again);
                session.commit();
                return queue;
            }
        }, true);
        if (replayedTo == null) {
            return ApiProblems.of(HttpStatus.NOT_FOUND, "Unknown dead letter",
                    "No message with this id is on the dead-letter queue (replayed already?).", INSTANCE + "/replay");
        }
        if (replayedTo.isEmpty()) {
            return ApiProblems.of(HttpStatus.CONFLICT, "Origin unknown",
                    "The route that refused this message no longer reads a queue; it cannot be replayed.",
                    INSTANCE + "/replay");
        }
        log.info("Administrator {} replayed dead letter {} onto {}", HubPrincipal.of(request).userId(), messageId,
                replayedTo);
        return ResponseEntity.accepted().body(Map.of("messageId", messageId, "replayedTo", replayedTo));
    }

    /** The queue the refusing route consumes ({@code jms:queue:<name>}), or null. */
    private String originalQueue(String routeId) {
        Route route = routeId == null ? null : camel.getRoute(routeId);
        if (route == null) {
            return null;
        }
        String uri = route.getEndpoint().getEndpointUri();
        String path = uri.replaceFirst("^jms:(//)?", "");
        if (path.equals(uri) || !path.startsWith("queue:")) {
            return null;
        }
        String queue = path.substring("queue:".length());
        int options = queue.indexOf('?');
        return options < 0 ? queue : queue.substring(0, options);
    }

    /** The sender's own properties go along; the hub's (reason, route) and the broker's do not. */
    private static void copyPartnerProperties(Message from, Message to) throws JMSException {
        Enumeration<?> names = from.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (!name.startsWith("hub") && !name.startsWith("JMS") && !name.startsWith("_AMQ")) {
                to.setObjectProperty(name, from.getObjectProperty(name));
            }
        }
    }

    private static String bytes(BytesMessage message) throws JMSException {
        byte[] body = new byte[(int) message.getBodyLength()];
        message.readBytes(body);
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
}
