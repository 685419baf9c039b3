package nl.utrecht.integrationhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.utrecht.integrationhub.support.HubTestEnvironment;

/**
 * Fault 1 of the fault-injection suite: {@code kill -9} of the hub at random moments under load. A sender
 * thread sends the ledger (intakes over HTTP as COA, every {@code jms-every}-th over JMS to hub.inbound),
 * retrying what was not acknowledged; the killer waits 1–4 s after the hub is ready and its backlog is
 * applied, kills it with SIGKILL and starts it again on the same data directory, {@code kills} times.
 * After quiescence every ledger entry is classified ({@link QueueChecker}): none may be lost,
 * duplicated or dead-lettered.
 *
 * <p>Short form (the normal test run): 3 kills, 300 events. Long form, see docs/reliability.md:
 * {@code -Dreliability.kills=20 -Dreliability.events=2000}. Other knobs: {@code reliability.jms-every}
 * (4), {@code reliability.send-pause-ms} (20), {@code reliability.seed} (random, printed). The report is
 * written to target/reliability/.
 */
class KillNineIT {

    private static final Logger log = LoggerFactory.getLogger(KillNineIT.class);
    private static final int KILLS = Integer.getInteger("reliability.kills", 3);
    private static final int EVENTS = Integer.getInteger("reliability.events", 300);
    private static final int JMS_EVERY = Integer.getInteger("reliability.jms-every", 4);
    private static final long SEND_PAUSE_MS = Long.getLong("reliability.send-pause-ms", 20);
    private static final long SEED = Long.getLong("reliability.seed", System.nanoTime());
    /** How long the partner keeps trying one event, and how long applying a backlog may take. */
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    record Kill(int number, int backlog, long readyMillis, long appliedMillis, boolean underLoad) {
    }

    @Test
    void noAcknowledgedEventIsLostDuplicatedOrDeadLetteredAcrossKillMinus9() throws Exception {
        Random random = new Random(SEED);
        Ledger ledger = newLedger();
        log.info("kill -9 run {}: {} kills, {} events, {} database, seed {}", ledger.run(), KILLS, EVENTS,
                HubProcess.database(), SEED);
        Set<Ledger.Entry> confirmed = ConcurrentHashMap.newKeySet();
        List<Kill> kills = new ArrayList<>();
        Instant started = Instant.now();
        QueueChecker.Verdict verdict;
        try (HubProcess hub = new HubProcess(HubTestEnvironment.newDataDir())) {
            hub.start();
            String coaUser = "fault-coa-" + ledger.run();
            String coaPassword = HubTestEnvironment.randomSecret();
            hub.createPartnerUser(coaUser, coaPassword, "partner-coa");

            AtomicBoolean sending = new AtomicBoolean(true);
            Thread sender = new Thread(() -> {
                try (PartnerClient partner = new PartnerClient(hub, coaUser, coaPassword, PATIENCE)) {
                    for (Ledger.Entry entry : ledger.entries()) {
                        partner.send(entry);
                        Thread.sleep(SEND_PAUSE_MS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    sending.set(false);
                }
            }, "ledger-sender");
            sender.start();

            for (int k = 1; k <= KILLS; k++) {
                Thread.sleep(1_000 + random.nextInt(3_001));
                boolean underLoad = sending.get();
                List<Ledger.Entry> backlog = unconfirmedAcknowledged(ledger, confirmed);
                long killedAt = System.nanoTime();
                hub.kill9();
                hub.start();
                long readyAt = System.nanoTime();
                awaitApplied(hub, backlog, confirmed);
                long appliedAt = System.nanoTime();
                Kill kill = new Kill(k, backlog.size(), millis(readyAt - killedAt), millis(appliedAt - killedAt), underLoad);
                kills.add(kill);
                log.info("kill {}/{}: {}", k, KILLS, kill);
            }
            sender.join(PATIENCE.toMillis() * 2);
            assertThat(sender.isAlive()).as("the sender finished").isFalse();
            awaitApplied(hub, unconfirmedAcknowledged(ledger, confirmed), confirmed);

            QueueChecker.BrokerState broker = QueueChecker.browse(hub);
            hub.stop();
            verdict = QueueChecker.classify(ledger, hub, broker, started);
        }
        String report = report(ledger, kills, verdict, Duration.between(started, Instant.now()));
        log.info("\n{}", report);

        assertThat(kills).as("kills done").hasSize(KILLS);
        assertThat(verdict.lost()).as("lost: acknowledged, not applied").isEmpty();
        assertThat(verdict.duplicated()).as("duplicated: more than one case or household-route instance").isEmpty();
        assertThat(verdict.deadLettered()).as("dead-lettered").isEmpty();
        assertThat(verdict.unacknowledged()).as("never acknowledged by the hub").isEmpty();
        assertThat(verdict.orphanInstances()).as("household-route instances without a case").isZero();
        assertThat(verdict.stillQueued()).as("messages left on hub.inbound").isZero();
        assertThat(verdict.appliedOnce()).as("applied exactly once").isEqualTo(EVENTS);
    }

    private static Ledger newLedger() {
        Ledger ledger = Ledger.of(EVENTS, JMS_EVERY);
        while (HubProcess.onPostgres() && runTaken(ledger)) {
            ledger = Ledger.of(EVENTS, JMS_EVERY);
        }
        return ledger;
    }

    /** On PostgreSQL the database outlives the run: an earlier run may have used the same V-numbers. */
    private static boolean runTaken(Ledger ledger) {
        try (java.sql.Connection db = HubProcess.openPostgres();
             java.sql.PreparedStatement query = db.prepareStatement("SELECT COUNT(*) FROM hub_person WHERE v_number LIKE ?")) {
            query.setString(1, "98" + ledger.run() + "%");
            try (java.sql.ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getInt(1) > 0;
            }
        } catch (java.sql.SQLException e) {
            return false; // no schema yet: a fresh database
        }
    }

    private static List<Ledger.Entry> unconfirmedAcknowledged(Ledger ledger, Set<Ledger.Entry> confirmed) {
        return ledger.entries().stream().filter(e -> e.acknowledged() && !confirmed.contains(e)).toList();
    }

    /** Waits until every given entry has its case (asked through the API), at most {@link #PATIENCE}. */
    private static void awaitApplied(HubProcess hub, List<Ledger.Entry> entries, Set<Ledger.Entry> confirmed)
            throws InterruptedException {
        List<Ledger.Entry> waiting = new ArrayList<>(entries);
        try {
            org.awaitility.Awaitility.await().atMost(PATIENCE).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        waiting.removeIf(entry -> {
                            if (hasCase(hub, entry)) {
                                confirmed.add(entry);
                                return true;
                            }
                            return false;
                        });
                        return waiting.isEmpty();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // Not applied within the patience: the checker classifies these entries after quiescence.
        }
    }

    private static boolean hasCase(HubProcess hub, Ledger.Entry entry) {
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static String report(Ledger ledger, List<Kill> kills, QueueChecker.Verdict verdict, Duration took)
            throws IOException {
        StringBuilder text = new StringBuilder();
        long overJms = ledger.entries().stream().filter(e -> e.channel() == Ledger.Channel.JMS).count();
        long retried = ledger.entries().stream().filter(e -> e.attempts() > 1).count();
        text.append("kill -9 fault run ").append(ledger.run()).append(" on ").append(HubProcess.database())
                .append(", seed ").append(SEED).append(", ").append(took.toSeconds()).append(" s\n");
        text.append("events: ").append(EVENTS).append(" (").append(overJms).append(" over JMS), ")
                .append(retried).append(" needed more than one attempt\n");
        text.append("verdict: ").append(verdict.summary()).append('\n');
        text.append("kills: ").append(kills.size()).append(", under load: ")
                .append(kills.stream().filter(Kill::underLoad).count()).append('\n');
        text.append("kill -> ready (ms): ").append(stats(kills.stream().map(Kill::readyMillis).toList())).append('\n');
        text.append("kill -> backlog applied (ms): ").append(stats(kills.stream().map(Kill::appliedMillis).toList()))
                .append('\n');
        text.append("| kill | backlog | ready (ms) | applied (ms) | under load |\n|---|---|---|---|---|\n");
        kills.forEach(k -> text.append("| ").append(k.number()).append(" | ").append(k.backlog()).append(" | ")
                .append(k.readyMillis()).append(" | ").append(k.appliedMillis()).append(" | ")
                .append(k.underLoad() ? "yes" : "no").append(" |\n"));
        appendEvidence(text, "lost", verdict.lost());
        appendEvidence(text, "duplicated", verdict.duplicated());
        appendEvidence(text, "dead-lettered", verdict.deadLettered());
        appendEvidence(text, "unacknowledged", verdict.unacknowledged());
        Path dir = Files.createDirectories(Path.of("target", "reliability"));
        Files.writeString(dir.resolve("kill-9-" + HubProcess.database().toLowerCase() + "-" + ledger.run() + ".md"),
                text.toString());
        return text.toString();
    }

    private static void appendEvidence(StringBuilder text, String bucket, java.util.Map<String, String> entries) {
        entries.forEach((entry, evidence) -> text.append(bucket).append(": ").append(entry).append(": ")
                .append(evidence).append('\n'));
    }

    private static String stats(List<Long> values) {
        if (values.isEmpty()) {
            return "-";
        }
        List<Long> sorted = values.stream().sorted().collect(Collectors.toList());
        return "min " + sorted.get(0) + ", median " + sorted.get(sorted.size() / 2) + ", max " + sorted.get(sorted.size() - 1);
    }
}
