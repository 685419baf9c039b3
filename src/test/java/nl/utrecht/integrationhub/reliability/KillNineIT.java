package nl.utrecht.integrationhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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

    record Kill(int number, int backlog, long readyMillis, long appliedMillis, boolean underLoad) {
    }

    @Test
    void noAcknowledgedEventIsLostDuplicatedOrDeadLetteredAcrossKillMinus9() throws Exception {
        Random random = new Random(SEED);
        List<Kill> kills = new ArrayList<>();
        Instant started = Instant.now();
        QueueChecker.Verdict verdict;
        FaultRun run;
        try (HubProcess hub = new HubProcess(HubTestEnvironment.newDataDir())) {
            hub.start();
            run = new FaultRun(hub, EVENTS, JMS_EVERY);
            log.info("kill -9 run {}: {} kills, {} events, {} database, seed {}", run.ledger().run(), KILLS, EVENTS,
                    HubProcess.database(), SEED);
            run.startSending(Duration.ofMillis(SEND_PAUSE_MS));

            for (int k = 1; k <= KILLS; k++) {
                Thread.sleep(1_000 + random.nextInt(3_001));
                boolean underLoad = run.sending();
                List<Ledger.Entry> backlog = run.backlog();
                long killedAt = System.nanoTime();
                hub.kill9();
                hub.start();
                long readyMillis = FaultRun.millisSince(killedAt);
                run.awaitApplied(backlog);
                Kill kill = new Kill(k, backlog.size(), readyMillis, FaultRun.millisSince(killedAt), underLoad);
                kills.add(kill);
                log.info("kill {}/{}: {}", k, KILLS, kill);
            }
            verdict = run.finish();
        }
        String report = report(run, kills, verdict, Duration.between(started, Instant.now()));
        log.info("\n{}", report);

        assertThat(kills).as("kills done").hasSize(KILLS);
        FaultRun.assertExactlyOnce(verdict, EVENTS);
    }

    private static String report(FaultRun run, List<Kill> kills, QueueChecker.Verdict verdict, Duration took)
            throws java.io.IOException {
        StringBuilder text = new StringBuilder(run.reportHead("kill -9", SEED, took, verdict));
        text.append("kills: ").append(kills.size()).append(", under load: ")
                .append(kills.stream().filter(Kill::underLoad).count()).append('\n');
        text.append("kill -> ready (ms): ").append(FaultRun.stats(kills.stream().map(Kill::readyMillis).toList()))
                .append('\n');
        text.append("kill -> backlog applied (ms): ")
                .append(FaultRun.stats(kills.stream().map(Kill::appliedMillis).toList())).append('\n');
        text.append("| kill | backlog | ready (ms) | applied (ms) | under load |\n|---|---|---|---|---|\n");
        kills.forEach(k -> text.append("| ").append(k.number()).append(" | ").append(k.backlog()).append(" | ")
                .append(k.readyMillis()).append(" | ").append(k.appliedMillis()).append(" | ")
                .append(k.underLoad() ? "yes" : "no").append(" |\n"));
        run.writeReport("kill-9", text.toString());
        return text.toString();
    }
}
