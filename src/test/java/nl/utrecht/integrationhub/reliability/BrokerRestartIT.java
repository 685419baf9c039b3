package nl.utrecht.integrationhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * Fault 2 of the fault-injection suite: restarts of an external Artemis broker while events flow. The
 * broker is a separate process from the {@code apache-artemis} distribution, created by
 * scripts/external-broker.sh on free loopback ports; the hub runs with the {@code external-broker}
 * profile. Half the ledger goes over JMS through that broker, the rest over HTTP. Each restart stops the
 * broker (alternately with SIGTERM and with SIGKILL), keeps it down for {@code broker-down-ms}, and
 * starts it again on the same journal; the hub must notice (readiness down), reconnect by itself
 * (readiness up) and apply the backlog. After quiescence no event may be lost, duplicated or
 * dead-lettered.
 *
 * <p>Knobs: {@code reliability.broker-restarts} (2), {@code reliability.broker-events} (300),
 * {@code reliability.broker-down-ms} (10000), {@code reliability.seed}. Report: target/reliability/.
 */
class BrokerRestartIT {

    private static final Logger log = LoggerFactory.getLogger(BrokerRestartIT.class);
    private static final int RESTARTS = Integer.getInteger("reliability.broker-restarts", 2);
    private static final int EVENTS = Integer.getInteger("reliability.broker-events", 300);
    private static final long DOWN_MILLIS = Long.getLong("reliability.broker-down-ms", 10_000);
    private static final long SEED = Long.getLong("reliability.seed", System.nanoTime());
    private static final Duration NOTICE_WITHIN = Duration.ofSeconds(60);
    private static final Duration RECONNECT_WITHIN = Duration.ofMinutes(3);

    record Restart(int number, String how, int backlog, long readinessDownMillis, long readyAgainMillis,
                   long appliedMillis, boolean underLoad) {
    }

    @Test
    void brokerRestartsLoseNothingAndTheHubReconnectsByItself() throws Exception {
        Random random = new Random(SEED);
        List<Restart> restarts = new ArrayList<>();
        Instant started = Instant.now();
        QueueChecker.Verdict verdict;
        FaultRun run;
        var dataDir = HubTestEnvironment.newDataDir();
        try (BrokerProcess broker = new BrokerProcess(dataDir.resolve("broker")).create();
             HubProcess hub = new HubProcess(dataDir.resolve("hub"), broker)) {
            broker.start();
            hub.start();
            run = new FaultRun(hub, EVENTS, 2);
            log.info("broker restart run {}: {} restarts, {} events, {} database, seed {}", run.ledger().run(),
                    RESTARTS, EVENTS, HubProcess.database(), SEED);
            run.startSending(Duration.ofMillis(20));

            for (int r = 1; r <= RESTARTS; r++) {
                run.awaitAcknowledged((int) run.acknowledged() + 20 + random.nextInt(40));
                boolean underLoad = run.sending();
                List<Ledger.Entry> backlog = run.backlog();
                String how = r % 2 == 1 ? "SIGTERM" : "SIGKILL";
                if (r % 2 == 1) {
                    broker.stop();
                } else {
                    broker.kill9();
                }
                long down = FaultRun.millisUntil(() -> !hub.isReady(), NOTICE_WITHIN);
                Thread.sleep(DOWN_MILLIS);
                broker.start();
                long restartedAt = System.nanoTime();
                long readyAgain = FaultRun.millisUntil(hub::isReady, RECONNECT_WITHIN);
                run.awaitApplied(backlog);
                Restart restart = new Restart(r, how, backlog.size(), down, readyAgain,
                        FaultRun.millisSince(restartedAt), underLoad);
                restarts.add(restart);
                log.info("broker restart {}/{}: {}", r, RESTARTS, restart);
            }
            verdict = run.finish();
            broker.stop();
        }
        String report = report(run, restarts, verdict, Duration.between(started, Instant.now()));
        log.info("\n{}", report);

        assertThat(restarts).as("broker restarts done").hasSize(RESTARTS);
        assertThat(restarts).as("readiness went down while the broker was gone")
                .allSatisfy(r -> assertThat(r.readinessDownMillis()).as(r.toString()).isNotNegative());
        assertThat(restarts).as("the hub was ready again by itself after the broker came back")
                .allSatisfy(r -> assertThat(r.readyAgainMillis()).as(r.toString()).isNotNegative());
        FaultRun.assertExactlyOnce(verdict, EVENTS);
    }

    private static String report(FaultRun run, List<Restart> restarts, QueueChecker.Verdict verdict, Duration took)
            throws IOException {
        StringBuilder text = new StringBuilder(run.reportHead("broker restart", SEED, took, verdict));
        text.append("broker down for ").append(DOWN_MILLIS).append(" ms each time\n");
        text.append("| restart | how | backlog | stop -> readiness down (ms) | broker up -> hub ready (ms) "
                + "| broker up -> backlog applied (ms) | under load |\n|---|---|---|---|---|---|---|\n");
        restarts.forEach(r -> text.append("| ").append(r.number()).append(" | ").append(r.how()).append(" | ")
                .append(r.backlog()).append(" | ").append(r.readinessDownMillis()).append(" | ")
                .append(r.readyAgainMillis()).append(" | ").append(r.appliedMillis()).append(" | ")
                .append(r.underLoad() ? "yes" : "no").append(" |\n"));
        run.writeReport("broker-restart", text.toString());
        return text.toString();
    }
}
