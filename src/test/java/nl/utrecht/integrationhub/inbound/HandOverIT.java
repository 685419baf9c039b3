package nl.utrecht.integrationhub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;

/**
 * How accepted and parked events reach the apply threads, on the real hub and database: an event
 * accepted inside a database transaction (a CSV file's batch of rows) is handed over once that
 * transaction has committed, never before (the apply threads could not see its row yet and would leave
 * it to the relay) and never after a rollback; the periodic retry of parked events walks through all of
 * them page by page, each once, instead of trying the oldest page over and over.
 */
@HubIntegrationTest
class HandOverIT extends EndToEndTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Autowired
    InboundEvents inboundEvents;
    @Autowired
    EventApplier applier;
    @Autowired
    Inbox inbox;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void anEventAcceptedInsideATransactionIsHandedOverWhenItCommits() {
        ObjectNode intake = Events.intake(Events.newVNumber());
        Inbox.Key key = new Inbox.Key(intake.get("source").asText(), intake.get("id").asText());

        transaction.executeWithoutResult(status -> {
            inboundEvents.accept(intake.toString(), "file");
            assertThat(applier.inHand(key)).as("not handed over before the commit").isFalse();
            Map<String, Object> row = state.inboxRow(key.source(), key.eventId()).orElseThrow();
            assertThat(row.get("status")).isEqualTo("RECEIVED");
            assertThat(((Number) row.get("attempts")).intValue()).as("no apply thread tried it").isZero();
        });

        // Handed over by the commit itself: in the apply threads' hands now, or applied by them already.
        boolean inHand = applier.inHand(key);
        assertThat(inHand || state.inboxStatus(key.source(), key.eventId()).orElseThrow().equals("APPLIED"))
                .as("handed to the apply threads when the transaction committed").isTrue();
        await().atMost(WITHIN).untilAsserted(() -> {
            Map<String, Object> row = state.inboxRow(key.source(), key.eventId()).orElseThrow();
            assertThat(row.get("status")).isEqualTo("APPLIED");
            assertThat(((Number) row.get("attempts")).intValue()).as("claimed once").isEqualTo(1);
        });
    }

    @Test
    void anEventAcceptedInsideATransactionThatRollsBackIsNeverHandedOver() {
        ObjectNode intake = Events.intake(Events.newVNumber());
        Inbox.Key key = new Inbox.Key(intake.get("source").asText(), intake.get("id").asText());

        transaction.executeWithoutResult(status -> {
            inboundEvents.accept(intake.toString(), "file");
            status.setRollbackOnly();
        });

        assertThat(applier.inHand(key)).isFalse();
        assertThat(state.inboxRow(key.source(), key.eventId())).isEmpty();
    }

    @Test
    void theWalkThroughParkedEventsVisitsEachOnceInArrivalOrder() {
        // Events about persons nobody knows: parked, and they stay parked.
        List<Inbox.Key> mine = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ObjectNode event = Events.dossierOpened(Events.newVNumber(), "VWMN-WALK-" + i);
            Inbox.Key key = new Inbox.Key(event.get("source").asText(), event.get("id").asText());
            assertThat(inbox.insert(key, event.get("type").asText(), "http", event.toString())).isTrue();
            mine.add(key);
        }
        applier.applyAll(mine);
        for (Inbox.Key key : mine) {
            assertThat(state.inboxStatus(key.source(), key.eventId())).contains("PARKED");
        }

        // Pages of two, as the periodic retry walks them (it takes 500 at a time).
        List<Inbox.Key> walked = new ArrayList<>();
        List<Inbox.ParkedPosition> positions = new ArrayList<>();
        Inbox.ParkedPosition position = null;
        int pages = 0;
        do {
            List<Inbox.ParkedEvent> page = inbox.parkedAfter(position, 2);
            page.forEach(event -> {
                walked.add(event.key());
                positions.add(event.position());
            });
            position = page.size() < 2 ? null : page.get(page.size() - 1).position();
            pages++;
            assertThat(pages).as("the walk ends").isLessThan(100_000);
        } while (position != null);

        Set<Inbox.Key> distinct = new HashSet<>(walked);
        assertThat(distinct).as("no parked event visited twice").hasSameSizeAs(walked);
        assertThat(walked.stream().filter(mine::contains).toList()).as("each of them")
                .containsExactlyInAnyOrderElementsOf(mine);
        assertThat(positions).as("in arrival order (ties by source and id)").isSortedAccordingTo(
                Comparator.comparing(Inbox.ParkedPosition::receivedAt)
                        .thenComparing(Inbox.ParkedPosition::source)
                        .thenComparing(Inbox.ParkedPosition::eventId));
        assertThat(pages).as("more than one page").isGreaterThan(1);
    }
}
