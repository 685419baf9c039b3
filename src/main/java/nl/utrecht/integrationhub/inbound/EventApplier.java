package nl.utrecht.integrationhub.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
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
 *
 * <p>Under load several events are applied in one transaction ({@code hub.inbound.apply-batch-size}),
 * one after the other in the order they were accepted, with one commit for all of them. If that
 * transaction fails, nothing of it stays, and each of its events is applied again in a transaction of
 * its own: one failing event never holds back the others, and it alone is counted as a failed attempt
 * (docs/reliability.md, "Batched apply").
 */
@Component
public class EventApplier {

    private static final Logger log = LoggerFactory.getLogger(EventApplier.class);
    /** Events accepted and not yet handed to a batch; beyond this the relay picks them up. */
    private static final int READY_CAPACITY = 10_000;

    /** What applying one claimed event did, logged once its transaction has committed. */
    private record Applied(Inbox.Key key, String type, InboundEventHandler.Outcome outcome) {
    }

    private final Inbox inbox;
    private final Map<String, InboundEventHandler> handlers;
    private final TransactionTemplate transaction;
    private final TaskExecutor executor;
    private final ObjectMapper objectMapper;
    private final InboundProperties properties;
    private final List<AppliedEventListener> listeners;
    private final BlockingQueue<Inbox.Key> ready = new LinkedBlockingQueue<>(READY_CAPACITY);
    /**
     * Events handed to the apply threads and not yet done with: the relay leaves them alone instead of
     * claiming the same rows at the same time (it would wait for their locks and then find them applied).
     */
    private final Set<Inbox.Key> inFlight = ConcurrentHashMap.newKeySet();
    /** Events the relay takes per page. */
    static final int RELAY_PAGE = 500;
    /** How long one run of the relay goes on with the next page while it finds full ones. */
    static final java.time.Duration RELAY_RUN_LIMIT = java.time.Duration.ofMinutes(1);
    /** Parked events tried again per periodic retry. */
    static final int PARKED_RETRY_PAGE = 500;
    /** Where the periodic retry of parked events goes on (null: from the first); only its scheduler thread uses it. */
    private volatile Inbox.ParkedPosition parkedPosition;

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

    /**
     * Hands the event to the apply threads: the next free one takes it together with the events
     * accepted meanwhile (at most a batch). If they are saturated, the relay picks it up later.
     */
    void applySoon(Inbox.Key key) {
        inFlight.add(key);
        if (!ready.offer(key)) {
            inFlight.remove(key);
            log.debug("Apply queue full; event {} waits for the relay", key.eventId());
            return;
        }
        try {
            executor.execute(this::applyReady);
        } catch (RejectedExecutionException e) {
            // Unless a batch took it meanwhile, the event is left to the relay.
            if (ready.remove(key)) {
                inFlight.remove(key);
            }
            log.debug("Apply threads saturated; event {} waits for the relay", key.eventId());
        }
    }

    /** Applies the events waiting in the ready queue, at most a batch, in the order they were accepted. */
    private void applyReady() {
        List<Inbox.Key> batch = new ArrayList<>(properties.applyBatchSize());
        ready.drainTo(batch, properties.applyBatchSize());
        try {
            if (!batch.isEmpty()) {
                applyAll(batch);
            }
        } finally {
            batch.forEach(inFlight::remove);
        }
    }

    /**
     * Applies these events in this order, in batches of at most {@code hub.inbound.apply-batch-size},
     * each batch in one transaction; a batch whose transaction fails is applied again event by event.
     */
    public void applyAll(List<Inbox.Key> keys) {
        int size = properties.applyBatchSize();
        for (int from = 0; from < keys.size(); from += size) {
            applyBatch(keys.subList(from, Math.min(keys.size(), from + size)));
        }
    }

    private void applyBatch(List<Inbox.Key> batch) {
        if (batch.size() == 1) {
            apply(batch.get(0));
            return;
        }
        List<Applied> done;
        try {
            done = transaction.execute(status -> {
                List<Applied> applied = new ArrayList<>(batch.size());
                for (Inbox.Key key : batch) {
                    Applied one = claimAndApply(key);
                    if (one != null) {
                        applied.add(one);
                    }
                }
                return applied;
            });
        } catch (RuntimeException e) {
            // Nothing of the batch was committed (or, after a commit whose answer was lost, everything
            // was and the claims below find nothing left to apply): each event on its own now.
            log.info("A batch of {} events failed ({}); applying each of them on its own", batch.size(),
                    e.getClass().getSimpleName());
            batch.forEach(this::apply);
            return;
        }
        done.forEach(EventApplier::logApplied);
    }

    /** Applies one event exactly once; a failure is counted and retried by the relay. */
    public void apply(Inbox.Key key) {
        try {
            Applied applied = transaction.execute(status -> claimAndApply(key));
            if (applied != null) {
                logApplied(applied);
            }
        } catch (RuntimeException e) {
            log.warn("Applying event {} failed ({}); it stays in the inbox for a retry", key.eventId(),
                    e.getClass().getSimpleName());
            inbox.recordFailure(key, reason(e), properties.maxApplyAttempts());
        }
    }

    /**
     * Claims the event and applies it, inside the caller's transaction; null when it was not there to
     * claim (applied already, failed for good, or claimed by another thread or hub node).
     */
    private Applied claimAndApply(Inbox.Key key) {
        if (!inbox.claim(key)) {
            return null;
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
        return new Applied(key, entry.type(), outcome);
    }

    private static void logApplied(Applied applied) {
        log.info("Event {} of type {} {}: {}", applied.key().eventId(), applied.type(),
                applied.outcome().parked() ? "parked" : "applied", applied.outcome().description());
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

    /**
     * Applies what is still waiting: left over by a crash, a full queue or an earlier failure. Page by
     * page while it finds full pages (a backlog, such as the rows of a large file beyond the apply
     * threads' queue), for at most {@link #RELAY_RUN_LIMIT} per run; not page by page per interval.
     */
    @Scheduled(fixedDelayString = "${hub.inbound.relay-interval:PT5S}", initialDelayString = "${hub.inbound.relay-interval:PT5S}")
    public void relay() {
        long deadline = System.nanoTime() + RELAY_RUN_LIMIT.toNanos();
        while (true) {
            List<Inbox.Key> page = inbox.pending(properties.relayInterval(), RELAY_PAGE);
            List<Inbox.Key> waiting = page.stream().filter(key -> !inFlight.contains(key)).toList();
            applyAll(waiting);
            // A short page was the last; a page of events all in the apply threads' hands would come
            // back as it is (they stay RECEIVED until applied): that is for the next run.
            if (page.size() < RELAY_PAGE || waiting.isEmpty() || System.nanoTime() > deadline
                    || Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** Tries the case's parked events again, in arrival order, after its process reached a wait state. */
    public void applyParkedSoon(String caseId) {
        try {
            executor.execute(() -> applyAll(inbox.parked(caseId, 100)));
        } catch (RejectedExecutionException e) {
            log.debug("Apply queue full; parked events wait for the periodic retry");
        }
    }

    /**
     * Tries parked events again now and then: a person may have become known, a case may wait. Each
     * time the next {@value #PARKED_RETRY_PAGE} in arrival order, from where the last time stopped, and
     * from the first again after the last: with more parked events than that, every one still gets its
     * turn (not only the oldest page, over and over).
     */
    @Scheduled(fixedDelayString = "${hub.inbound.parked-retry-interval:PT1M}",
            initialDelayString = "${hub.inbound.parked-retry-interval:PT1M}")
    public void retryParked() {
        List<Inbox.ParkedEvent> page = inbox.parkedAfter(parkedPosition, PARKED_RETRY_PAGE);
        parkedPosition = page.size() < PARKED_RETRY_PAGE ? null : page.get(page.size() - 1).position();
        applyAll(page.stream().map(Inbox.ParkedEvent::key).toList());
    }

    /** Whether the apply threads have this event in hand (handed over and not yet done with). */
    boolean inHand(Inbox.Key key) {
        return inFlight.contains(key);
    }

    private JsonNode parse(String payload) {
        try {
            return objectMapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recorded payload is not JSON", e);
        }
    }
}
