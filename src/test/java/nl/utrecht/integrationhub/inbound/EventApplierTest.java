package nl.utrecht.integrationhub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** Applying a recorded event: claim and effect in one transaction, exactly once; failures are counted. */
@ExtendWith(MockitoExtension.class)
class EventApplierTest {

    private static final String TYPE = "nl.coa.azc-intake-registered";
    private static final Inbox.Key KEY = new Inbox.Key("urn:nl:coa", "evt-2026-0001");
    private static final String PAYLOAD = "{\"type\":\"" + TYPE + "\",\"subject\":\"1234567890\"}";
    private static final InboundProperties PROPERTIES = new InboundProperties(262_144, 2, Duration.ofSeconds(5), 5, 20);

    @Mock
    private Inbox inbox;
    @Mock
    private InboundEventHandler handler;
    @Mock
    private PlatformTransactionManager transactionManager;
    @Mock
    private AppliedEventListener listener;

    private final ObjectMapper json = new ObjectMapper();
    private final TransactionStatus transactionStatus = new SimpleTransactionStatus();
    private EventApplier applier;

    @BeforeEach
    void createApplier() {
        when(handler.type()).thenReturn(TYPE);
        applier = applier(new SyncTaskExecutor());
    }

    @Test
    void appliesTheEventOnceWhenTheClaimSucceeds() throws Exception {
        recorded(TYPE);
        when(inbox.claim(KEY)).thenReturn(true);
        when(handler.apply(any())).thenReturn(InboundEventHandler.Outcome.applied("case opened", "HH-2026-000001"));

        applier.apply(KEY);

        ArgumentCaptor<JsonNode> event = ArgumentCaptor.forClass(JsonNode.class);
        verify(handler, times(1)).apply(event.capture());
        assertThat(event.getValue()).isEqualTo(json.readTree(PAYLOAD));
        verify(inbox).settle(KEY, InboxStatus.APPLIED, "case opened", "HH-2026-000001");
        verify(transactionManager).commit(transactionStatus);
        verify(transactionManager, never()).rollback(any());
        verify(inbox, never()).recordFailure(any(), anyString(), anyInt());
    }

    @Test
    void appliesNothingWhenTheEventWasClaimedAlready() {
        when(inbox.claim(KEY)).thenReturn(false);

        applier.apply(KEY);

        verify(handler, never()).apply(any());
        verify(inbox, never()).settle(any(), any(), any(), any());
        verify(inbox, never()).recordFailure(any(), anyString(), anyInt());
    }

    @Test
    void settlesAParkedOutcomeAsParked() {
        recorded(TYPE);
        when(inbox.claim(KEY)).thenReturn(true);
        when(handler.apply(any())).thenReturn(InboundEventHandler.Outcome.parked("no open case for this person", null));

        applier.apply(KEY);

        verify(inbox).settle(KEY, InboxStatus.PARKED, "no open case for this person", null);
        verify(transactionManager).commit(transactionStatus);
    }

    @Test
    void recordsAFailingHandlerAndRollsBackWithoutPropagating() {
        recorded(TYPE);
        when(inbox.claim(KEY)).thenReturn(true);
        when(handler.apply(any())).thenThrow(new IllegalStateException("engine unavailable"));

        assertThatNoException().isThrownBy(() -> applier.apply(KEY));

        verify(transactionManager).rollback(transactionStatus);
        verify(transactionManager, never()).commit(any());
        verify(inbox, never()).settle(any(), any(), any(), any());
        verify(inbox).recordFailure(eq(KEY), eq("java.lang.IllegalStateException: engine unavailable"),
                eq(PROPERTIES.maxApplyAttempts()));
    }

    @Test
    void recordsAFailureWhenNoHandlerKnowsTheType() {
        recorded("nl.coa.something-else");
        when(inbox.claim(KEY)).thenReturn(true);

        applier.apply(KEY);

        verify(handler, never()).apply(any());
        verify(transactionManager).rollback(transactionStatus);
        verify(inbox).recordFailure(eq(KEY), anyString(), eq(PROPERTIES.maxApplyAttempts()));
    }

    @Test
    void recordsAFailureWhenSettlingFails() {
        recorded(TYPE);
        when(inbox.claim(KEY)).thenReturn(true);
        when(handler.apply(any())).thenReturn(InboundEventHandler.Outcome.applied("case opened", "HH-2026-000001"));
        doThrow(new IllegalStateException("database gone")).when(inbox)
                .settle(KEY, InboxStatus.APPLIED, "case opened", "HH-2026-000001");

        applier.apply(KEY);

        verify(transactionManager).rollback(transactionStatus);
        verify(inbox).recordFailure(eq(KEY), eq("java.lang.IllegalStateException: database gone"), anyInt());
    }

    @Test
    void tellsTheListenersOfAnAppliedEventInsideItsTransaction() throws Exception {
        recorded(TYPE);
        when(inbox.claim(KEY)).thenReturn(true);
        InboundEventHandler.Outcome created = InboundEventHandler.Outcome.created("case opened", "HH-2026-000001");
        when(handler.apply(any())).thenReturn(created);
        org.mockito.InOrder order = org.mockito.Mockito.inOrder(listener, transactionManager);

        applier.apply(KEY);

        order.verify(listener).applied(any(InboxEntry.class), eq(json.readTree(PAYLOAD)), eq(created));
        order.verify(transactionManager).commit(transactionStatus);
    }

    @Test
    void aParkedEventIsNotToldToTheListenersAndAFailingListenerRollsBack() {
        recorded(TYPE);
        when(inbox.claim(KEY)).thenReturn(true);
        when(handler.apply(any())).thenReturn(InboundEventHandler.Outcome.parked("no open case", null));

        applier.apply(KEY);

        verify(listener, never()).applied(any(), any(), any());

        when(handler.apply(any())).thenReturn(InboundEventHandler.Outcome.applied("delivered", "HH-2026-000001"));
        doThrow(new IllegalStateException("audit log unavailable")).when(listener).applied(any(), any(), any());

        applier.apply(KEY);

        verify(transactionManager).rollback(transactionStatus);
        verify(inbox, never()).settle(KEY, InboxStatus.APPLIED, "delivered", "HH-2026-000001");
        verify(inbox).recordFailure(eq(KEY), anyString(), anyInt());
    }

    @Test
    void relayAppliesEveryPendingEvent() {
        Inbox.Key other = new Inbox.Key("urn:nl:coa", "evt-2026-0002");
        when(inbox.pending(PROPERTIES.relayInterval(), 500)).thenReturn(List.of(KEY, other));
        when(inbox.claim(any())).thenReturn(false);

        applier.relay();

        verify(inbox).claim(KEY);
        verify(inbox).claim(other);
    }

    @Test
    void theRelayTakesTheNextPageAtOnceWhileItFindsFullPages() {
        List<Inbox.Key> fullPage = java.util.stream.IntStream.rangeClosed(1, EventApplier.RELAY_PAGE)
                .mapToObj(i -> new Inbox.Key("urn:nl:coa", String.format("evt-2026-%04d", i))).toList();
        Inbox.Key last = new Inbox.Key("urn:nl:coa", "evt-2026-9999");
        when(inbox.pending(PROPERTIES.relayInterval(), EventApplier.RELAY_PAGE)).thenReturn(fullPage, List.of(last));
        when(inbox.claim(any())).thenReturn(false);

        applier.relay();

        verify(inbox, times(2)).pending(PROPERTIES.relayInterval(), EventApplier.RELAY_PAGE);
        verify(inbox).claim(fullPage.get(0));
        verify(inbox).claim(fullPage.get(EventApplier.RELAY_PAGE - 1));
        verify(inbox).claim(last);
    }

    @Test
    void theRelayStopsAtAFullPageThatTheApplyThreadsHaveInHand() {
        List<Runnable> handedOver = new java.util.ArrayList<>();
        EventApplier queued = applier(handedOver::add);
        List<Inbox.Key> fullPage = java.util.stream.IntStream.rangeClosed(1, EventApplier.RELAY_PAGE)
                .mapToObj(i -> new Inbox.Key("urn:nl:coa", String.format("evt-2026-%04d", i))).toList();
        fullPage.forEach(queued::applySoon);
        when(inbox.pending(PROPERTIES.relayInterval(), EventApplier.RELAY_PAGE)).thenReturn(fullPage);

        queued.relay();

        // One look, nothing of it claimed, and no second look at the same page.
        verify(inbox, times(1)).pending(PROPERTIES.relayInterval(), EventApplier.RELAY_PAGE);
        verify(inbox, never()).claim(any());
    }

    @Test
    void applySoonHandsTheEventToTheApplyThreads() {
        when(inbox.claim(KEY)).thenReturn(false);

        applier.applySoon(KEY);

        verify(inbox).claim(KEY);
    }

    @Test
    void applySoonLeavesTheEventToTheRelayWhenTheApplyThreadsAreSaturated() {
        TaskExecutor saturated = task -> {
            throw new RejectedExecutionException("queue full");
        };

        EventApplier saturatedApplier = applier(saturated);
        assertThatNoException().isThrownBy(() -> saturatedApplier.applySoon(KEY));
        verify(inbox, never()).claim(any());
        verify(inbox, never()).recordFailure(any(), anyString(), anyInt());

        when(inbox.pending(PROPERTIES.relayInterval(), 500)).thenReturn(List.of(KEY));
        saturatedApplier.relay();
        verify(inbox).claim(KEY);
    }

    @Test
    void theRelayLeavesEventsAloneThatTheApplyThreadsHaveInHand() {
        List<Runnable> handedOver = new java.util.ArrayList<>();
        EventApplier queued = applier(handedOver::add);
        Inbox.Key other = new Inbox.Key("urn:nl:coa", "evt-2026-0002");
        when(inbox.pending(PROPERTIES.relayInterval(), 500)).thenReturn(List.of(KEY, other));
        when(inbox.claim(any())).thenReturn(false);

        queued.applySoon(KEY);
        queued.relay();

        verify(inbox, never()).claim(KEY);
        verify(inbox).claim(other);

        handedOver.forEach(Runnable::run);
        verify(inbox).claim(KEY);
        // done with: the relay takes it again if it is still waiting (a failed attempt)
        queued.relay();
        verify(inbox, times(2)).claim(KEY);
    }

    @Test
    void theParkedRetryGoesOnWhereItStoppedAndStartsOverAfterTheLastPage() {
        when(inbox.claim(any())).thenReturn(false);
        List<Inbox.ParkedEvent> fullPage = java.util.stream.IntStream.rangeClosed(1, EventApplier.PARKED_RETRY_PAGE)
                .mapToObj(i -> parkedEvent(String.format("evt-2026-%04d", i))).toList();
        Inbox.ParkedEvent lastOfPage = fullPage.get(fullPage.size() - 1);
        Inbox.ParkedEvent afterIt = parkedEvent("evt-2026-9999");
        when(inbox.parkedAfter(null, EventApplier.PARKED_RETRY_PAGE)).thenReturn(fullPage);
        when(inbox.parkedAfter(lastOfPage.position(), EventApplier.PARKED_RETRY_PAGE)).thenReturn(List.of(afterIt));

        applier.retryParked();
        applier.retryParked();
        applier.retryParked();

        org.mockito.InOrder order = org.mockito.Mockito.inOrder(inbox);
        order.verify(inbox).parkedAfter(null, EventApplier.PARKED_RETRY_PAGE);
        order.verify(inbox).parkedAfter(lastOfPage.position(), EventApplier.PARKED_RETRY_PAGE);
        order.verify(inbox).parkedAfter(null, EventApplier.PARKED_RETRY_PAGE);
        verify(inbox).claim(afterIt.key());
        verify(inbox, times(2)).claim(lastOfPage.key());
    }

    @Test
    void appliesABatchInOneTransactionInTheGivenOrder() {
        List<Inbox.Key> keys = keys(3);
        keys.forEach(key -> recorded(key, TYPE));
        when(inbox.claim(any())).thenReturn(true);
        when(handler.apply(any())).thenReturn(InboundEventHandler.Outcome.applied("case opened", "HH-2026-000001"));
        org.mockito.InOrder order = org.mockito.Mockito.inOrder(inbox, transactionManager);

        applier.applyAll(keys);

        order.verify(transactionManager).getTransaction(any());
        for (Inbox.Key key : keys) {
            order.verify(inbox).claim(key);
            order.verify(inbox).settle(key, InboxStatus.APPLIED, "case opened", "HH-2026-000001");
        }
        order.verify(transactionManager).commit(transactionStatus);
        verify(transactionManager, times(1)).getTransaction(any());
        verify(transactionManager, never()).rollback(any());
        verify(listener, times(3)).applied(any(), any(), any());
    }

    @Test
    void aFailingEventRollsTheBatchBackAndEveryEventIsAppliedOnItsOwnWithOnlyItsFailureCounted() {
        List<Inbox.Key> keys = keys(3);
        Inbox.Key failing = keys.get(1);
        keys.forEach(key -> recorded(key, TYPE));
        when(inbox.claim(any())).thenReturn(true);
        when(handler.apply(any())).thenAnswer(call -> {
            if (((JsonNode) call.getArgument(0)).path("id").asText().equals(failing.eventId())) {
                throw new IllegalStateException("engine unavailable");
            }
            return InboundEventHandler.Outcome.applied("case opened", "HH-2026-000001");
        });

        applier.applyAll(keys);

        // the batch, then one transaction per event
        verify(transactionManager, times(4)).getTransaction(any());
        // the batch and the failing event rolled back; the other two committed on their own
        verify(transactionManager, times(2)).rollback(transactionStatus);
        verify(transactionManager, times(2)).commit(transactionStatus);
        // the first event was settled in the rolled-back batch too, then again in its own transaction
        verify(inbox, times(2)).settle(keys.get(0), InboxStatus.APPLIED, "case opened", "HH-2026-000001");
        verify(inbox, times(1)).settle(keys.get(2), InboxStatus.APPLIED, "case opened", "HH-2026-000001");
        verify(inbox, never()).settle(eq(failing), any(), any(), any());
        verify(inbox, times(1)).recordFailure(eq(failing), eq("java.lang.IllegalStateException: engine unavailable"),
                eq(PROPERTIES.maxApplyAttempts()));
        verify(inbox, never()).recordFailure(eq(keys.get(0)), anyString(), anyInt());
        verify(inbox, never()).recordFailure(eq(keys.get(2)), anyString(), anyInt());
    }

    @Test
    void aParkedEventInABatchIsSettledAsParkedInTheSameTransaction() {
        List<Inbox.Key> keys = keys(2);
        keys.forEach(key -> recorded(key, TYPE));
        when(inbox.claim(any())).thenReturn(true);
        when(handler.apply(any())).thenReturn(
                InboundEventHandler.Outcome.parked("the person is not known yet", null),
                InboundEventHandler.Outcome.applied("delivered", "HH-2026-000001"));

        applier.applyAll(keys);

        verify(inbox).settle(keys.get(0), InboxStatus.PARKED, "the person is not known yet", null);
        verify(inbox).settle(keys.get(1), InboxStatus.APPLIED, "delivered", "HH-2026-000001");
        verify(listener, times(1)).applied(any(), any(), any());
        verify(transactionManager, times(1)).commit(transactionStatus);
        verify(transactionManager, never()).rollback(any());
    }

    @Test
    void anEventClaimedElsewhereIsLeftOutOfTheBatch() {
        List<Inbox.Key> keys = keys(3);
        recorded(keys.get(0), TYPE);
        recorded(keys.get(2), TYPE);
        when(inbox.claim(any())).thenAnswer(call -> !call.getArgument(0).equals(keys.get(1)));
        when(handler.apply(any())).thenReturn(InboundEventHandler.Outcome.applied("case opened", "HH-2026-000001"));

        applier.applyAll(keys);

        verify(handler, times(2)).apply(any());
        verify(inbox, never()).find(keys.get(1));
        verify(inbox, never()).settle(eq(keys.get(1)), any(), any(), any());
        verify(transactionManager, times(1)).commit(transactionStatus);
    }

    @Test
    void eventsAcceptedWhileTheApplyThreadsAreBusyAreAppliedTogether() {
        List<Runnable> handedOver = new java.util.ArrayList<>();
        EventApplier queued = applier(handedOver::add);
        List<Inbox.Key> keys = keys(3);
        keys.forEach(key -> recorded(key, TYPE));
        when(inbox.claim(any())).thenReturn(true);
        when(handler.apply(any())).thenReturn(InboundEventHandler.Outcome.applied("case opened", "HH-2026-000001"));

        keys.forEach(queued::applySoon);
        handedOver.forEach(Runnable::run);

        verify(transactionManager, times(1)).getTransaction(any());
        verify(transactionManager, times(1)).commit(transactionStatus);
        verify(handler, times(3)).apply(any());
    }

    @Test
    void theRelayAppliesInBatchesOfTheConfiguredSize() {
        List<Inbox.Key> pending = keys(45);
        when(inbox.pending(PROPERTIES.relayInterval(), 500)).thenReturn(pending);
        when(inbox.claim(any())).thenReturn(false);

        applier.relay();

        // 20 + 20 + 5
        verify(transactionManager, times(3)).getTransaction(any());
        pending.forEach(key -> verify(inbox).claim(key));
    }

    private static List<Inbox.Key> keys(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(i -> new Inbox.Key("urn:nl:coa", String.format("evt-2026-%04d", i))).toList();
    }

    private static Inbox.ParkedEvent parkedEvent(String eventId) {
        return new Inbox.ParkedEvent(new Inbox.Key("urn:nl:coa", eventId),
                new Inbox.ParkedPosition(java.sql.Timestamp.from(Instant.parse("2026-06-01T10:00:00Z")), "urn:nl:coa", eventId));
    }

    private void recorded(Inbox.Key key, String type) {
        String payload = "{\"id\":\"" + key.eventId() + "\",\"type\":\"" + type + "\",\"subject\":\"1234567890\"}";
        when(inbox.find(key)).thenReturn(Optional.of(
                new InboxEntry(key.source(), key.eventId(), type, payload, InboxStatus.RECEIVED, 1, Instant.now())));
    }

    private EventApplier applier(TaskExecutor executor) {
        // lenient: when the apply threads are saturated, no transaction is begun at all
        lenient().when(transactionManager.getTransaction(any())).thenReturn(transactionStatus);
        return new EventApplier(inbox, List.of(handler), new TransactionTemplate(transactionManager), executor,
                json, PROPERTIES, List.of(listener));
    }

    private void recorded(String type) {
        when(inbox.find(KEY)).thenReturn(Optional.of(
                new InboxEntry(KEY.source(), KEY.eventId(), type, PAYLOAD, InboxStatus.RECEIVED, 1, Instant.now())));
    }
}
