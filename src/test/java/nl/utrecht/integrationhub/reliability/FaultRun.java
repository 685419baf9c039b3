package nl.utrecht.integrationhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import nl.utrecht.integrationhub.support.HubTestEnvironment;

/**
 * One run of the fault-injection suite against a {@link HubProcess}: a ledger sent by a partner thread
 * (HTTP as a COA partner user, every n-th event over JMS), waiting until events are applied (asked
 * through the API), and the verdict after quiescence ({@link QueueChecker}). The fault itself is the
 * test's: it calls {@link #backlog()} before the fault and {@link #awaitApplied(List)} after it.
 */
final class FaultRun {

    /** How long the partner keeps trying one event, and how long applying a backlog may take. */
    static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubProcess hub;
    private final Ledger ledger;
    private final Set<Ledger.Entry> confirmed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sending = new AtomicBoolean(false);
    private final Instant started = Instant.now();
    private Thread sender;

    FaultRun(HubProcess hub, int events, int jmsEvery) {
        this.hub = hub;
        Ledger candidate = Ledger.of(events, jmsEvery);
        while (HubProcess.onPostgres() && runTaken(candidate)) {
            candidate = Ledger.of(events, jmsEvery);
        }
        this.ledger = candidate;
    }

    Ledger ledger() {
        return ledger;
    }

    Instant started() {
        return started;
    }

    /** Creates a COA partner user and starts sending the ledger, pausing between events. */
    void startSending(Duration pause) throws IOException, InterruptedException {
        String user = "fault-coa-" + ledger.run();
        String password = HubTestEnvironment.randomSecret();
        hub.createPartnerUser(user, password, "partner-coa");
        sending.set(true);
        sender = new Thread(() -> {
            try (PartnerClient partner = new PartnerClient(hub, user, password, PATIENCE)) {
                for (Ledger.Entry entry : ledger.entries()) {
                    partner.send(entry);
                    Thread.sleep(pause.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sending.set(false);
            }
        }, "ledger-sender");
        sender.start();
    }

    boolean sending() {
        return sending.get();
    }

    /** Waits until at least this many events were acknowledged (or the sender finished). */
    void awaitAcknowledged(int events) {
        Awaitility.await("acknowledged: " + events).atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> !sending.get() || acknowledged() >= events);
    }

    long acknowledged() {
        return ledger.entries().stream().filter(Ledger.Entry::acknowledged).count();
    }

    /** The events acknowledged so far that were not yet seen applied. */
    List<Ledger.Entry> backlog() {
        return ledger.entries().stream().filter(e -> e.acknowledged() && !confirmed.contains(e)).toList();
    }

    /**
     * Waits until every given entry has its case (asked through the API), at most {@link #PATIENCE}; what
     * is not applied by then is left to the checker.
     */
    void awaitApplied(List<Ledger.Entry> entries) {
        List<Ledger.Entry> waiting = new ArrayList<>(entries);
        try {
            Awaitility.await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        waiting.removeIf(entry -> {
                            if (hasCase(entry)) {
                                confirmed.add(entry);
                                return true;
                            }
                            return false;
                        });
                        return waiting.isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            // Not applied within the patience: the checker classifies these entries after quiescence.
        }
    }

    /**
     * Lets the sender finish, waits for the rest to be applied, browses the broker, stops the hub
     * gracefully and classifies every entry from the database and the broker.
     */
    QueueChecker.Verdict finish() throws Exception {
        sender.join(PATIENCE.toMillis() * 2);
        assertThat(sender.isAlive()).as("the sender finished").isFalse();
        awaitApplied(backlog());
        QueueChecker.BrokerState broker = QueueChecker.browse(hub);
        hub.stop();
        return QueueChecker.classify(ledger, hub, broker, started);
    }

    /** The verdict every fault run must reach: each of its events applied exactly once, nothing else. */
    static void assertExactlyOnce(QueueChecker.Verdict verdict, int events) {
        assertThat(verdict.lost()).as("lost: acknowledged, not applied").isEmpty();
        assertThat(verdict.duplicated()).as("duplicated: more than one case or household-route instance").isEmpty();
        assertThat(verdict.deadLettered()).as("dead-lettered").isEmpty();
        assertThat(verdict.unacknowledged()).as("never acknowledged by the hub").isEmpty();
        assertThat(verdict.orphanInstances()).as("household-route instances without a case").isZero();
        assertThat(verdict.stillQueued()).as("messages left on hub.inbound").isZero();
        assertThat(verdict.appliedOnce()).as("applied exactly once").isEqualTo(events);
    }

    /** The report's common head: the run, the events and the verdict with its evidence. */
    String reportHead(String fault, long seed, Duration took, QueueChecker.Verdict verdict) {
        StringBuilder text = new StringBuilder();
        long overJms = ledger.entries().stream().filter(e -> e.channel() == Ledger.Channel.JMS).count();
        long retried = ledger.entries().stream().filter(e -> e.attempts() > 1).count();
        text.append(fault).append(" fault run ").append(ledger.run()).append(" on ").append(HubProcess.database())
                .append(", seed ").append(seed).append(", ").append(took.toSeconds()).append(" s\n");
        text.append("events: ").append(ledger.entries().size()).append(" (").append(overJms).append(" over JMS), ")
                .append(retried).append(" needed more than one attempt\n");
        text.append("verdict: ").append(verdict.summary()).append('\n');
        appendEvidence(text, "lost", verdict.lost());
        appendEvidence(text, "duplicated", verdict.duplicated());
        appendEvidence(text, "dead-lettered", verdict.deadLettered());
        appendEvidence(text, "unacknowledged", verdict.unacknowledged());
        return text.toString();
    }

    /** Writes a report to target/reliability/&lt;name&gt;-&lt;database&gt;-&lt;run&gt;.md. */
    Path writeReport(String name, String text) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "reliability"));
        return Files.writeString(dir.resolve(name + "-" + HubProcess.database().toLowerCase() + "-" + ledger.run()
                + ".md"), text);
    }

    static String stats(List<Long> values) {
        if (values.isEmpty()) {
            return "-";
        }
        List<Long> sorted = values.stream().sorted().toList();
        return "min " + sorted.get(0) + ", median " + sorted.get(sorted.size() / 2) + ", max "
                + sorted.get(sorted.size() - 1);
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** Polls until the condition holds; the milliseconds it took, or -1 when it did not within the limit. */
    static long millisUntil(Supplier<Boolean> condition, Duration atMost) {
        long from = System.nanoTime();
        try {
            Awaitility.await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(condition::get);
            return millisSince(from);
        } catch (ConditionTimeoutException e) {
            return -1;
        }
    }

    private static void appendEvidence(StringBuilder text, String bucket, Map<String, String> entries) {
        entries.forEach((entry, evidence) -> text.append(bucket).append(": ").append(entry).append(": ")
                .append(evidence).append('\n'));
    }

    private boolean hasCase(Ledger.Entry entry) {
        try {
            var response = hub.get("/api/cases?subject=" + entry.vNumber());
            return response.statusCode() == 200 && JSON.readTree(response.body()).size() > 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** On PostgreSQL the database outlives the run: an earlier run may have used the same V-numbers. */
    private static boolean runTaken(Ledger ledger) {
        try (java.sql.Connection db = HubProcess.openPostgres();
             PreparedStatement query = db.prepareStatement("SELECT COUNT(*) FROM hub_person WHERE v_number LIKE ?")) {
            query.setString(1, "98" + ledger.run() + "%");
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getInt(1) > 0;
            }
        } catch (SQLException e) {
            return false; // no schema yet: a fresh database
        }
    }
}
