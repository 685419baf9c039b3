package nl.utrecht.integrationhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.utrecht.integrationhub.support.HubTestEnvironment;

/**
 * Fault 3 of the fault-injection suite: the PostgreSQL server stopped for 30 s under load and started
 * again, with {@code pg_ctlcluster} (Debian's PostgreSQL, as scripts/postgres-start.sh installs it; needs
 * root, as in CI). Runs in the {@code postgres} profile only. The hub must notice (readiness down),
 * refuse or hold what it cannot record (HTTP 5xx, JMS redelivery), come back by itself (readiness up)
 * and apply everything acknowledged exactly once, with no dead letters.
 *
 * <p>Knobs: {@code reliability.pg-down-ms} (30000), {@code reliability.pg-stop-mode} (fast; or
 * immediate, which makes PostgreSQL recover from its WAL), {@code reliability.pg-events} (300).
 */
@EnabledIfSystemProperty(named = "spring.profiles.active", matches = ".*postgres.*")
class PostgresRestartIT {

    private static final Logger log = LoggerFactory.getLogger(PostgresRestartIT.class);
    private static final long DOWN_MILLIS = Long.getLong("reliability.pg-down-ms", 30_000);
    private static final String STOP_MODE = System.getProperty("reliability.pg-stop-mode", "fast");
    private static final int EVENTS = Integer.getInteger("reliability.pg-events", 300);
    private static final Duration NOTICE_WITHIN = Duration.ofSeconds(60);
    private static final Duration RECOVER_WITHIN = Duration.ofMinutes(3);

    @Test
    void aThirtySecondDatabaseOutageUnderLoadLosesNothing() throws Exception {
        String[] cluster = onlineCluster();
        Instant started = Instant.now();
        QueueChecker.Verdict verdict;
        FaultRun run;
        long down;
        long readyAgain;
        long applied;
        int backlogSize;
        long acknowledgedWhileDown;
        try (HubProcess hub = new HubProcess(HubTestEnvironment.newDataDir())) {
            hub.start();
            run = new FaultRun(hub, EVENTS, 4);
            log.info("PostgreSQL restart run {}: cluster {} {}, down {} ms ({} stop), {} events", run.ledger().run(),
                    cluster[0], cluster[1], DOWN_MILLIS, STOP_MODE, EVENTS);
            run.startSending(Duration.ofMillis(20));
            run.awaitAcknowledged(60);

            List<Ledger.Entry> backlog = run.backlog();
            long acknowledgedBefore = run.acknowledged();
            try {
                pgCtlCluster(cluster, "stop", "-m", STOP_MODE);
                down = FaultRun.millisUntil(() -> !hub.isReady(), NOTICE_WITHIN);
                Thread.sleep(DOWN_MILLIS);
                acknowledgedWhileDown = run.acknowledged() - acknowledgedBefore;
            } finally {
                pgCtlCluster(cluster, "start");
            }
            long restartedAt = System.nanoTime();
            readyAgain = FaultRun.millisUntil(hub::isReady, RECOVER_WITHIN);
            backlogSize = backlog.size();
            run.awaitApplied(run.backlog());
            applied = FaultRun.millisSince(restartedAt);
            verdict = run.finish();
        }
        String report = run.reportHead("PostgreSQL restart", 0, Duration.between(started, Instant.now()), verdict)
                + "PostgreSQL " + cluster[0] + " stopped (" + STOP_MODE + ") for " + DOWN_MILLIS + " ms under load\n"
                + "| backlog at stop | acknowledged while down | stop -> readiness down (ms) "
                + "| database up -> hub ready (ms) | database up -> all acknowledged applied (ms) |\n|---|---|---|---|---|\n"
                + "| " + backlogSize + " | " + acknowledgedWhileDown + " | " + down + " | " + readyAgain + " | " + applied
                + " |\n";
        run.writeReport("postgres-restart", report);
        log.info("\n{}", report);

        assertThat(down).as("readiness went down while the database was gone").isNotNegative();
        assertThat(readyAgain).as("the hub was ready again by itself after the database came back").isNotNegative();
        FaultRun.assertExactlyOnce(verdict, EVENTS);
    }

    /** The version and name of the online cluster (pg_lsclusters), e.g. {"15", "main"}. */
    private static String[] onlineCluster() throws IOException, InterruptedException {
        Process list = new ProcessBuilder("pg_lsclusters", "-h").redirectErrorStream(true).start();
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor(30, TimeUnit.SECONDS);
        for (String line : out.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[3].startsWith("online")) {
                return new String[] {columns[0], columns[1]};
            }
        }
        throw new IllegalStateException("no online PostgreSQL cluster (pg_lsclusters): " + out);
    }

    private static void pgCtlCluster(String[] cluster, String... action) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("pg_ctlcluster", cluster[0], cluster[1]));
        command.addAll(List.of(action));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
