package nl.utrecht.integrationhub.inbound;

import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies recorded events: claims the inbox row and runs the type's handler in one database
 * transaction (shared with the process engine), so the effect and the "applied" mark commit together
 * or not at all. Events left over by a crash or a failed attempt are picked up by the relay.
 */
@Component
public class EventApplier {

    private static final Logger log = LoggerFactory.getLogger(EventApplier.class);

    private final Inbox inbox;
    private final Map<String, InboundEventHandler> handlers;
    private final TransactionTemplate transaction;
    private final TaskExecutor executor;
    private final ObjectMapper objectMapper;
    private final InboundProperties properties;
    private final List<AppliedEventListener> listeners;

    EventApplier(Inbox inbox, List<InboundEventHandler> handlers, TransactionTemplate transaction,
                 @Qualifier("inboundApplyExecutor") TaskExecutor executor, ObjectMapper objectMapper,
                 InboundProperties properties, List<AppliedEventListener> listeners) {
        this.inbox = inbox;
        this.handlers = handlers.stream().collect(Collectors.toMap(InboundEventHandler::type, Function.identity()));
        this.transaction = transaction;
        this.executor = executor;
        this.objectMapper = objectMapper;
        this.properties = properties;
        this.listeners = List.copyOf(listeners);
    }

    /** Hands the event to the apply threads; if they are saturated, the relay picks it up later. */
    void applySoon(Inbox.Key key) {
        try {
            executor.execute(() -> apply(key));
        } catch (RejectedExecutionException e) {
            log.debug("Apply queue full; event {} waits for the relay", key.eventId());
        }
    }

    /** Applies one event exactly once; a failure is counted and retried by the relay. */
    public void apply(Inbox.Key key) {
        try {
            transaction.executeWithoutResult(status -> {
                if (!inbox.claim(key)) {
                    return;
                }
                InboxEntry entry = inbox.find(key).orElseThrow();
                InboundEventHandler handler = handlers.getOrDefault(entry.type(),
                        handlers.get(InboundEventHandler.ANY_CORRELATED_TYPE));
                if (handler == null) {
                    throw new IllegalStateException("no handler for event type " + entry.type());
                }
                JsonNode event = parse(entry.payload());
                InboundEventHandler.Outcome outcome = handler.apply(event);
                if (!outcome.parked()) {
                    listeners.forEach(listener -> listener.applied(entry, event, outcome));
                }
                inbox.settle(key, outcome.parked() ? InboxStatus.PARKED : InboxStatus.APPLIED,
                        outcome.description(), outcome.caseId());
                log.info("Event {} of type {} {}: {}", key.eventId(), entry.type(),
                        outcome.parked() ? "parked" : "applied", outcome.description());
            });
        } catch (RuntimeException e) {
            log.warn("Applying event {} failed ({}); it stays in the inbox for a retry", key.eventId(),
                    e.getClass().getSimpleName());
            inbox.recordFailure(key, reason(e), properties.maxApplyAttempts());
        }
    }

    /**
     * The failure as administrators see it. A database's own message quotes the values of the row
     * (identifiers, a BSN), so for those only the kind of failure is kept.
     */
    static String reason(RuntimeException e) {
        if (e instanceof org.springframework.dao.DataAccessException) {
            return e.getClass().getName() + ": the database refused the change"
                    + (e instanceof org.springframework.dao.DuplicateKeyException ? " (a unique value is taken)" : "");
        }
        return e.getClass().getName() + ": " + e.getMessage();
    }

    /** Applies what is still waiting: left over by a crash, a full queue or an earlier failure. */
    @Scheduled(fixedDelayString = "${hub.inbound.relay-interval:PT5S}", initialDelayString = "${hub.inbound.relay-interval:PT5S}")
    public void relay() {
        for (Inbox.Key key : inbox.pending(properties.relayInterval(), 500)) {
            apply(key);
        }
    }

    /** Tries the case's parked events again, in arrival order, after its process reached a wait state. */
    public void applyParkedSoon(String caseId) {
        try {
            executor.execute(() -> inbox.parked(caseId, 100).forEach(this::apply));
        } catch (RejectedExecutionException e) {
            log.debug("Apply queue full; parked events wait for the periodic retry");
        }
    }

    /** Tries every parked event again now and then: a person may have become known, a case may wait. */
    @Scheduled(fixedDelayString = "${hub.inbound.parked-retry-interval:PT1M}",
            initialDelayString = "${hub.inbound.parked-retry-interval:PT1M}")
    public void retryParked() {
        inbox.parked(null, 500).forEach(this::apply);
    }

    private JsonNode parse(String payload) {
        try {
            return objectMapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recorded payload is not JSON", e);
        }
    }
}
