package nl.utrecht.integrationhub.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.utrecht.integrationhub.outbound.Connectors.Connector;
import nl.utrecht.integrationhub.outbound.Connectors.Transport;
import nl.utrecht.integrationhub.outbound.Outbox.Message;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds, after the writing transaction committed: each message through its
 * party's connector route ({@code direct:<party>-out}, in routes/connectors/) and transport. A failed
 * attempt waits out the party's backoff; when the retry budget is spent, or the receiver refuses the
 * message for good (HTTP 4xx other than 408/429), it becomes a dead letter with its reason. Parties are
 * sent to in parallel, each in order, so a slow partner holds up only its own messages.
 */
@Component
class OutboxRelay implements OutboxListener, SmartLifecycle {

    /** Exchange properties the connector and transport routes read (never sent as headers). */
    static final String MESSAGE_ID = "hubMessageId";
    static final String MESSAGE_TYPE = "hubMessageType";
    static final String PARTY = "hubParty";
    static final String ENDPOINT = "hubEndpoint";
    static final String DESTINATION = "hubDestination";
    static final String AUTHORIZATION = "hubAuthorization";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int MAX_REASON = 300;

    private final Outbox outbox;
    private final Connectors connectors;
    private final List<OutboundEnricher> enrichers;
    private final ObjectProvider<CamelContext> camelProvider;
    private volatile CamelContext camel;
    private final Environment environment;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final Duration interval;
    private final int batchSize;
    private final int senderThreads;
    private final Duration lease;
    /** This relay among others on the same database (hub nodes): host, process and a random part. */
    private final String node = nodeName();
    private final Set<String> busyParties = ConcurrentHashMap.newKeySet();

    private volatile boolean running;
    private ScheduledExecutorService scheduler;
    private ExecutorService senders;
    private volatile ProducerTemplate producer;

    OutboxRelay(Outbox outbox, Connectors connectors, List<OutboundEnricher> enrichers,
                ObjectProvider<CamelContext> camelProvider,
                Environment environment, ObjectMapper objectMapper, Clock clock,
                @Value("${hub.outbox.relay-interval:PT1S}") Duration interval,
                @Value("${hub.outbox.batch-size:100}") int batchSize,
                @Value("${hub.outbox.sender-threads:4}") int senderThreads,
                @Value("${hub.outbox.lease:PT2M}") Duration lease) {
        this.outbox = outbox;
        this.connectors = connectors;
        this.enrichers = List.copyOf(enrichers);
        this.camelProvider = camelProvider;
        this.environment = environment;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.interval = interval;
        this.batchSize = batchSize;
        this.senderThreads = senderThreads;
        this.lease = lease;
    }

    @Override
    public void start() {
        senders = Executors.newFixedThreadPool(senderThreads, runnable -> {
            Thread thread = new Thread(runnable, "hub-outbox-sender");
            thread.setDaemon(true);
            return thread;
        });
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hub-outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
    }

    /**
     * Relaying begins once the application is ready: Camel has its routes then. (Camel is looked up
     * only now: a lifecycle bean that depends on it would have Spring start Camel before its routes
     * are added.)
     */
    @EventListener(ApplicationReadyEvent.class)
    void beginRelaying() {
        camel = camelProvider.getObject();
        producer = camel.createProducerTemplate();
        scheduler.scheduleWithFixedDelay(this::relaySafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        scheduler.shutdownNow();
        senders.shutdown();
        try {
            // A send in flight finishes (or times out) before Camel stops; what is not marked sent is sent
            // again after the restart, with the same id.
            if (!senders.awaitTermination(30, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before Camel and the web server, starts after them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    @Override
    public void messageWritten() {
        if (running && producer != null) {
            scheduler.execute(this::relaySafely);
        }
    }

    private void relaySafely() {
        try {
            relay();
        } catch (RuntimeException e) {
            log.warn("Outbox relay round failed; trying again in {}: {}", interval, e.toString());
        }
    }

    private void relay() {
        Map<String, List<Message>> byParty = new LinkedHashMap<>();
        for (Message message : outbox.due(batchSize)) {
            byParty.computeIfAbsent(message.party(), party -> new java.util.ArrayList<>()).add(message);
        }
        byParty.forEach((party, messages) -> {
            if (busyParties.add(party)) {
                senders.execute(() -> {
                    try {
                        messages.forEach(this::send);
                    } finally {
                        busyParties.remove(party);
                    }
                    if (running && messages.size() == batchSize) {
                        messageWritten();
                    }
                });
            }
        });
    }

    private void send(Message message) {
        if (!running) {
            return;
        }
        Connector connector = connectors.find(message.party()).orElse(null);
        if (connector == null || connector.outbound() == null) {
            outbox.markDead(message, null, "no outbound connector configured for party " + message.party());
            return;
        }
        Transport transport = connector.outbound().transport();
        String channel = transport.name().toLowerCase();
        String target = transport == Transport.HTTP ? connector.outbound().endpoint() : connector.outbound().destination();
        if (target == null || target.isBlank()) {
            outbox.postpone(message, "no " + (transport == Transport.HTTP ? "endpoint" : "destination")
                    + " configured (hub.connectors." + message.party() + ".outbound)",
                    clock.instant().plus(connector.retry().maxBackoff()));
            return;
        }
        if (!outbox.lease(message, node, lease)) {
            return;
        }
        Exchange exchange = producer.send("direct:" + message.party() + "-out", out -> {
            out.setProperty(MESSAGE_ID, message.id());
            out.setProperty(MESSAGE_TYPE, message.messageType());
            out.setProperty(PARTY, message.party());
            out.setProperty(transport == Transport.HTTP ? ENDPOINT : DESTINATION, target);
            String credentials = connector.outbound().credentials();
            String secret = credentials == null || credentials.isBlank() ? null : environment.getProperty(credentials);
            if (secret != null && !secret.isBlank()) {
                out.setProperty(AUTHORIZATION, "Bearer " + secret.trim());
            }
            out.getIn().setBody(payload(message));
        });
        Exception failure = exchange.getException();
        if (failure == null) {
            outbox.markSent(message, channel);
            log.info("Delivered message {} of type {} to {} over {}", message.id(), message.messageType(),
                    message.party(), channel);
            return;
        }
        if (!running || camel.isStopping()) {
            // Shutting down: not the partner's failure; the message stays due and goes after the restart.
            outbox.release(message, node);
            return;
        }
        String reason = reason(failure);
        int attempt = message.attempts() + 1;
        if (permanent(failure) || attempt >= connector.retry().maxAttempts()) {
            outbox.markDead(message, channel, (permanent(failure) ? "refused by the receiver: " : "retry budget of "
                    + connector.retry().maxAttempts() + " attempts spent; last: ") + reason);
            log.warn("Dead-lettered message {} of type {} to {} after {} attempt(s): {}", message.id(),
                    message.messageType(), message.party(), attempt, reason);
        } else {
            outbox.markFailed(message, channel, reason, clock.instant().plus(connector.retry().backoffAfter(attempt)));
            log.info("Sending message {} to {} failed (attempt {}): {}", message.id(), message.party(), attempt, reason);
        }
    }

    private String payload(Message message) {
        List<OutboundEnricher> applicable = enrichers.stream().filter(e -> e.appliesTo(message.messageType())).toList();
        if (applicable.isEmpty()) {
            return message.payload();
        }
        try {
            ObjectNode event = (ObjectNode) objectMapper.readTree(message.payload());
            ObjectNode data = (ObjectNode) event.get("data");
            applicable.forEach(enricher -> enricher.enrich(message.messageType(), message.caseId(), data));
            return event.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox payload is not JSON", e);
        }
    }

    private static String nodeName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        String name = host + ":" + ProcessHandle.current().pid() + ":" + java.util.UUID.randomUUID().toString().substring(0, 8);
        return name.length() <= 64 ? name : name.substring(name.length() - 64);
    }

    /** The receiver said no and will say no again: a 4xx other than timeout and rate limit. */
    private static boolean permanent(Exception failure) {
        return failure instanceof HttpOperationFailedException http && http.getStatusCode() >= 400
                && http.getStatusCode() < 500 && http.getStatusCode() != 408 && http.getStatusCode() != 429;
    }

    /** The reason for the log and the dead letter: the kind of failure, never a body (it may hold personal data). */
    private static String reason(Exception failure) {
        String text;
        if (failure instanceof HttpOperationFailedException http) {
            text = "HTTP " + http.getStatusCode() + (http.getStatusText() == null ? "" : " " + http.getStatusText());
        } else {
            Throwable cause = failure;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON);
    }
}
