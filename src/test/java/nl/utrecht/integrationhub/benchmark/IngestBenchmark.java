package nl.utrecht.integrationhub.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest, start and memory (issue 7), on the database of {@code benchmark.db}, in one run with one hub JVM
 * (the packaged jar, {@link BenchHub}):
 * <ol>
 *   <li>cold start on a fresh data directory (time to ready), idle memory after a quiet period;</li>
 *   <li>the disk's durable-write limit on the data directory's file system (forced 512-byte writes;
 *       pg_test_fsync with PostgreSQL);</li>
 *   <li>N intakes over HTTP ({@code POST /api/events} as a COA partner user), N over JMS ({@code hub.inbound}),
 *       each from {@code benchmark.senders} concurrent senders as fast as they go: send → case, process
 *       instance and tasks committed (seen by {@link AppliedWatcher}); throughput and p50/p95/p99;</li>
 *   <li>N direct starts of household-route through {@code POST /engine-rest/message} as the administrator,
 *       with the same variables and concurrency (the call returns after the commit);</li>
 *   <li>p95 event → task visible at a paced (open-loop) HTTP load of half the hub's best rate;</li>
 *   <li>the check: every event applied exactly once (inbox APPLIED, one case, one household-route instance
 *       and its tasks per event, each direct start one instance with tasks, nothing failed, parked,
 *       dead-lettered or left on hub.inbound); otherwise the benchmark fails and writes nothing;</li>
 *   <li>warm start on the same data; the figures into docs/benchmarks.md (blocks ingest:&lt;db&gt; and
 *       startup:&lt;db&gt;).</li>
 * </ol>
 * System properties: see docs/benchmarks.md.
 */
class IngestBenchmark {

    private static final Logger log = LoggerFactory.getLogger(IngestBenchmark.class);

    private static final int EVENTS = Integer.getInteger("benchmark.events", 2000);
    private static final int SENDERS = Integer.getInteger("benchmark.senders", 8);
    private static final int WARM_UP = Integer.getInteger("benchmark.warm-up", 100);
    private static final int SUSTAINED_SECONDS = Integer.getInteger("benchmark.sustained-seconds", 45);
    private static final int FSYNC_SECONDS = Integer.getInteger("benchmark.fsync-seconds", 5);
    private static final int IDLE_SECONDS = Integer.getInteger("benchmark.idle-seconds", 30);
    private static final Duration POLL = Duration.ofMillis(Long.getLong("benchmark.poll-ms", 25));
    private static final Duration PATIENCE = Duration.ofMinutes(Long.getLong("benchmark.patience-minutes", 15));
    private static final String PARTNER_GROUP = "partner-coa";

    /** Figures of one path. */
    record PathResult(String path, int events, double perSecond, Latencies latency, Latencies ack, Double commitsPerEvent) {
    }

    private BenchHub hub;
    private Intakes intakes;
    private String partnerUser;
    private String partnerPassword;
    private final AtomicLong maxRss = new AtomicLong();
    private volatile boolean sampling;

    @Test
    void ingestStartAndMemory() throws Exception {
        BenchHub.Database database = BenchHub.Database.fromSystemProperties();
        Path dataDir = Files.createTempDirectory("bench-ingest-");
        String loadBefore = BenchDoc.loadAverage();
        intakes = new Intakes();
        log.info("Ingest benchmark on {}: {} events per path, {} senders, run {}, data {}", database.label(), EVENTS,
                SENDERS, intakes.run(), dataDir);
        hub = new BenchHub(database, dataDir, Map.of(), true);
        ScheduledExecutorService rssSampler = Executors.newSingleThreadScheduledExecutor();
        try {
            hub.start();
            Duration coldReady = hub.timeToReady();
            Double coldStarted = hub.startedInSeconds().orElse(Double.NaN);
            log.info("Cold start: ready after {} ms (Spring: {} s)", coldReady.toMillis(), coldStarted);
            Thread.sleep(IDLE_SECONDS * 1000L); // the quiet period before idle memory is read (a measurement, not a wait)
            long idleRss = hub.rss();
            log.info("Idle RSS {} MB", idleRss / 1048576);

            double forcedWrites = DiskLimit.forcedWritesPerSecond(dataDir, Duration.ofSeconds(FSYNC_SECONDS));
            Map<String, Double> pgFsync = database == BenchHub.Database.POSTGRES
                    ? DiskLimit.pgTestFsync(dataDir, 3) : Map.of();
            log.info("Durable writes: {} /s forced; pg_test_fsync {}", Math.round(forcedWrites), pgFsync);

            partnerUser = "bench-coa-" + intakes.run();
            partnerPassword = "pw-" + java.util.UUID.randomUUID();
            hub.createUser(partnerUser, partnerPassword, PARTNER_GROUP);

            rssSampler.scheduleAtFixedRate(() -> {
                if (sampling && hub.isAlive()) {
                    maxRss.accumulateAndGet(hub.rss(), Math::max);
                }
            }, 0, 250, TimeUnit.MILLISECONDS);

            int next = 0;
            // Warm-up (JIT, pools, first REST calls): not measured, but checked with the rest.
            runHub("warm-up", next, WARM_UP, this::postEvent);
            directStarts(100_000 - WARM_UP, WARM_UP);
            next += WARM_UP;

            sampling = true;
            PathResult http = runHub("HTTP", next, EVENTS, this::postEvent);
            next += EVENTS;
            PathResult jms = runJms(next, EVENTS);
            next += EVENTS;
            PathResult direct = directStarts(0, EVENTS);
            sampling = false;
            long loadRss = maxRss.get();

            double best = Math.max(http.perSecond(), jms.perSecond());
            double paceRate = best / 2;
            int pacedCount = (int) Math.min(Math.round(paceRate * SUSTAINED_SECONDS), 99_999 - next - WARM_UP);
            PathResult sustained = paced(next, pacedCount, paceRate);
            next += pacedCount;

            int hubEvents = next;
            check(hubEvents, EVENTS + WARM_UP);

            hub.stop();
            hub.start();
            Duration warmReady = hub.timeToReady();
            Double warmStarted = hub.startedInSeconds().orElse(Double.NaN);
            log.info("Warm start: ready after {} ms (Spring: {} s)", warmReady.toMillis(), warmStarted);
            hub.stop();
            String loadAfter = BenchDoc.loadAverage();

            String block = ingestBlock(database, http, jms, direct, sustained, paceRate, forcedWrites, pgFsync,
                    loadBefore, loadAfter, dataDir);
            String startup = startupBlock(database, coldReady, coldStarted, warmReady, warmStarted, idleRss, loadRss);
            log.info("\n{}\n\n{}", block, startup);
            String key = database == BenchHub.Database.H2 ? "h2" : "postgres";
            BenchDoc.replaceBlock("ingest:" + key, block);
            BenchDoc.replaceBlock("startup:" + key, startup);
        } finally {
            rssSampler.shutdownNow();
            hub.stop();
        }
    }

    /** One event's send; returns the acknowledgement time (nanos) or throws. */
    interface Sender {
        void send(HttpClient client, Intakes.Intake intake) throws Exception;
    }

    private void postEvent(HttpClient client, Intakes.Intake intake) throws IOException, InterruptedException {
        HttpRequest request = hub.request("/api/events", partnerUser, partnerPassword)
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(intake.json(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("event " + intake.number() + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /** {@code count} events over HTTP from the senders as fast as they go; waits until all are applied. */
    private PathResult runHub(String path, int first, int count, Sender sender) throws Exception {
        Long commitsBefore = commits();
        long[] ack = new long[count];
        try (AppliedWatcher watcher = new AppliedWatcher(hub.openDatabase(), intakes.eventIdPrefix(), first, count, POLL)) {
            AtomicInteger cursor = new AtomicInteger();
            concurrently(SENDERS, () -> {
                HttpClient client = BenchHub.newClient();
                for (int i = cursor.getAndIncrement(); i < count; i = cursor.getAndIncrement()) {
                    watcher.sent(i);
                    sender.send(client, intakes.intake(first + i));
                    ack[i] = System.nanoTime() - watcher.sentNanos(i);
                }
                return null;
            });
            watcher.awaitAll(PATIENCE);
            PathResult result = new PathResult(path, count, watcher.throughput(), Latencies.ofNanos(watcher.latencies()),
                    Latencies.ofNanos(ack), perEvent(commitsBefore, watcher.polls(), count));
            log.info("{}: {} events, {}/s, latency p50/p95/p99 {} ms, acknowledged {} ms, {} polls", path, count,
                    Math.round(result.perSecond()), result.latency().summary(), result.ack().summary(), watcher.polls());
            return result;
        }
    }

    /** {@code count} events over JMS to hub.inbound, persistent, one connection per sender. */
    private PathResult runJms(int first, int count) throws Exception {
        Long commitsBefore = commits();
        long[] ack = new long[count];
        try (AppliedWatcher watcher = new AppliedWatcher(hub.openDatabase(), intakes.eventIdPrefix(), first, count, POLL)) {
            AtomicInteger cursor = new AtomicInteger();
            concurrently(SENDERS, () -> {
                try (ActiveMQConnectionFactory factory = hub.brokerConnectionFactory("callTimeout=30000");
                     jakarta.jms.Connection connection = factory.createConnection()) {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(session.createQueue("hub.inbound"));
                    // Persistent and not transacted: send() returns once the broker has the message durably.
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    for (int i = cursor.getAndIncrement(); i < count; i = cursor.getAndIncrement()) {
                        String body = intakes.intake(first + i).json();
                        watcher.sent(i);
                        producer.send(session.createTextMessage(body));
                        ack[i] = System.nanoTime() - watcher.sentNanos(i);
                    }
                }
                return null;
            });
            watcher.awaitAll(PATIENCE);
            PathResult result = new PathResult("JMS", count, watcher.throughput(), Latencies.ofNanos(watcher.latencies()),
                    Latencies.ofNanos(ack), perEvent(commitsBefore, watcher.polls(), count));
            log.info("JMS: {} events, {}/s, latency p50/p95/p99 {} ms, sent {} ms", count, Math.round(result.perSecond()),
                    result.latency().summary(), result.ack().summary());
            return result;
        }
    }

    /**
     * {@code count} direct starts through {@code POST /engine-rest/message} as the administrator, from the
     * senders as fast as they go; the call returns after the commit, so its duration is the latency.
     */
    private PathResult directStarts(int first, int count) throws Exception {
        Long commitsBefore = commits();
        long[] latency = new long[count];
        AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastEnd = new AtomicLong();
        AtomicInteger cursor = new AtomicInteger();
        concurrently(SENDERS, () -> {
            HttpClient client = BenchHub.newClient();
            for (int i = cursor.getAndIncrement(); i < count; i = cursor.getAndIncrement()) {
                HttpRequest request = hub.request("/engine-rest/message").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(intakes.directStart(first + i))).build();
                long start = System.nanoTime();
                firstStart.accumulateAndGet(start, Math::min);
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                long end = System.nanoTime();
                if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException("direct start " + i + ": HTTP " + response.statusCode() + " " + response.body());
                }
                latency[i] = end - start;
                lastEnd.accumulateAndGet(end, Math::max);
            }
            return null;
        });
        PathResult result = new PathResult("direct /engine-rest", count, count / ((lastEnd.get() - firstStart.get()) / 1e9),
                Latencies.ofNanos(latency), Latencies.ofNanos(latency), perEvent(commitsBefore, 0, count));
        log.info("direct: {} starts, {}/s, latency p50/p95/p99 {} ms", count, Math.round(result.perSecond()),
                result.latency().summary());
        return result;
    }

    /**
     * Open-loop paced HTTP load: event i is due at start + i / rate and counts its latency from then, late
     * or not (no coordinated omission); enough sender threads that a slow answer does not hold back the rest.
     */
    private PathResult paced(int first, int count, double rate) throws Exception {
        long[] ack = new long[count];
        try (AppliedWatcher watcher = new AppliedWatcher(hub.openDatabase(), intakes.eventIdPrefix(), first, count, POLL)) {
            AtomicInteger cursor = new AtomicInteger();
            long startNanos = System.nanoTime() + 200_000_000L;
            long startWall = System.currentTimeMillis() + 200;
            double intervalNanos = 1e9 / rate;
            concurrently(Math.max(SENDERS, 16), () -> {
                HttpClient client = BenchHub.newClient();
                for (int i = cursor.getAndIncrement(); i < count; i = cursor.getAndIncrement()) {
                    long due = startNanos + (long) (i * intervalNanos);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    watcher.sent(i, due, startWall + (long) (i * intervalNanos / 1e6));
                    postEvent(client, intakes.intake(first + i));
                    ack[i] = System.nanoTime() - due;
                }
                return null;
            });
            watcher.awaitAll(PATIENCE);
            PathResult result = new PathResult("HTTP paced", count, rate, Latencies.ofNanos(watcher.latencies()),
                    Latencies.ofNanos(ack), null);
            log.info("paced at {}/s: {} events, latency p50/p95/p99 {} ms", Math.round(rate), count, result.latency().summary());
            return result;
        }
    }

    private static void concurrently(int threads, java.util.concurrent.Callable<Void> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(work));
            }
            for (Future<Void> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** PostgreSQL: committed transactions of the hub's database so far; null on H2. */
    private Long commits() throws SQLException {
        if (hub.database() != BenchHub.Database.POSTGRES) {
            return null;
        }
        try (Connection db = hub.openDatabase(); PreparedStatement query = db.prepareStatement(
                "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Transactions per event over a path's run, without the watcher's own queries and this one. */
    private Double perEvent(Long commitsBefore, long ownQueries, int events) throws SQLException {
        if (commitsBefore == null) {
            return null;
        }
        // A backend reports its counts to pg_stat_database at the end of a transaction, at most every 1 s
        // (PG 15): the last second of a run may be missing, a small error against thousands of transactions.
        return (commits() - commitsBefore - ownQueries - 1) / (double) events;
    }

    /**
     * Every hub event applied exactly once, every direct start one instance with tasks, nothing failed,
     * parked, dead-lettered or left queued; fails otherwise (no figures are written then).
     */
    private void check(int hubEvents, int directStarts) throws Exception {
        try (Connection db = hub.openDatabase()) {
            Map<String, Long> statuses = new LinkedHashMap<>();
            try (PreparedStatement query = db.prepareStatement(
                    "SELECT status, COUNT(*) FROM hub_inbox WHERE source = ? AND event_id LIKE ? GROUP BY status")) {
                query.setString(1, Intakes.SOURCE);
                query.setString(2, intakes.eventIdPrefix() + "%");
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        statuses.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            assertThat(statuses).as("inbox rows of the run by status").isEqualTo(Map.of("APPLIED", (long) hubEvents));
            String vNumbers = intakes.vNumberPrefix() + "%";
            assertThat(longs(db, """
                    SELECT COUNT(*), COUNT(DISTINCT p.v_number) FROM hub_case c JOIN hub_person p ON p.id = c.main_person_id
                    WHERE p.v_number LIKE ?""", vNumbers))
                    .as("cases, and distinct main persons with a case").containsExactly((long) hubEvents, (long) hubEvents);
            assertThat(longs(db, """
                    SELECT COUNT(*), COUNT(DISTINCT h.BUSINESS_KEY_) FROM ACT_HI_PROCINST h
                    JOIN hub_case c ON c.case_id = h.BUSINESS_KEY_ JOIN hub_person p ON p.id = c.main_person_id
                    WHERE h.PROC_DEF_KEY_ = 'household-route' AND p.v_number LIKE ?""", vNumbers))
                    .as("household-route instances of the run's cases, and distinct cases").containsExactly((long) hubEvents, (long) hubEvents);
            assertThat(longs(db, """
                    SELECT COUNT(DISTINCT e.BUSINESS_KEY_), COUNT(*) FROM ACT_RU_TASK t JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_
                    JOIN hub_case c ON c.case_id = e.BUSINESS_KEY_ JOIN hub_person p ON p.id = c.main_person_id
                    WHERE p.v_number LIKE ?""", vNumbers)[0])
                    .as("cases of the run with open tasks").isEqualTo(hubEvents);
            assertThat(longs(db, """
                    SELECT COUNT(*), COUNT(DISTINCT BUSINESS_KEY_) FROM ACT_HI_PROCINST
                    WHERE PROC_DEF_KEY_ = 'household-route' AND BUSINESS_KEY_ LIKE ?""", intakes.directKeyPrefix() + "%"))
                    .as("direct starts: instances and distinct business keys").containsExactly((long) directStarts, (long) directStarts);
            assertThat(longs(db, """
                    SELECT COUNT(DISTINCT e.BUSINESS_KEY_), COUNT(*) FROM ACT_RU_TASK t JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_
                    WHERE e.BUSINESS_KEY_ LIKE ?""", intakes.directKeyPrefix() + "%")[0])
                    .as("direct starts with open tasks").isEqualTo(directStarts);
            assertThat(longs(db, "SELECT COUNT(*), 0 FROM hub_inbox WHERE status <> 'APPLIED' AND source = ?", Intakes.SOURCE)[0])
                    .as("inbox rows not applied (failed, parked, waiting)").isZero();
        }
        Map<String, Integer> queues = new LinkedHashMap<>();
        try (ActiveMQConnectionFactory factory = hub.brokerConnectionFactory("callTimeout=10000");
             jakarta.jms.Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : List.of("hub.inbound", "hub.inbound.dlq", "DLQ::DLQ.hub.inbound")) {
                queues.put(queue, browse(session, queue));
            }
        }
        assertThat(queues).as("messages left on hub.inbound and its dead-letter queues")
                .isEqualTo(Map.of("hub.inbound", 0, "hub.inbound.dlq", 0, "DLQ::DLQ.hub.inbound", 0));
        log.info("Check passed: {} hub events applied exactly once, {} direct starts, no dead letters", hubEvents, directStarts);
    }

    private static int browse(Session session, String queue) throws JMSException {
        int count = 0;
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                messages.nextElement();
                count++;
            }
        } catch (jakarta.jms.InvalidDestinationException e) {
            return 0;
        }
        return count;
    }

    private static long[] longs(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        }
    }

    // --- the page ------------------------------------------------------------------------------------------

    private String ingestBlock(BenchHub.Database database, PathResult http, PathResult jms, PathResult direct,
                               PathResult sustained, double paceRate, double forcedWrites, Map<String, Double> pgFsync,
                               String loadBefore, String loadAfter, Path dataDir) {
        double best = Math.max(http.perSecond(), jms.perSecond());
        double limit = forcedWrites;
        StringBuilder md = new StringBuilder();
        md.append("Run ").append(BenchDoc.now()).append(", commit ").append(BenchDoc.gitCommit()).append(", ")
                .append(database.label()).append(", ").append(String.format(Locale.ROOT, "%,d", EVENTS))
                .append(" events per path, ").append(SENDERS).append(" concurrent senders, one-person households. ")
                .append("Load average (1/5/15 min) before ").append(loadBefore).append(", after ").append(loadAfter)
                .append(heavyLoad(loadBefore, loadAfter) ? " — the machine was busy with other work: the latencies are upper bounds, the rates lower bounds." : ".")
                .append("\n\n");
        md.append("| path | events/s | send → tasks visible p50 / p95 / p99 (ms) | acknowledged p50 / p95 (ms)")
                .append(database == BenchHub.Database.POSTGRES ? " | transactions per event" : "").append(" |\n");
        md.append("|---|---:|---:|---:|").append(database == BenchHub.Database.POSTGRES ? "---:|" : "").append("\n");
        for (PathResult path : List.of(http, jms, direct)) {
            md.append("| ").append(path.path()).append(" | ").append(rate(path.perSecond())).append(" | ")
                    .append(path.latency().summary()).append(" | ").append(path == direct ? "(the same: returns after the commit)"
                            : Latencies.ms(path.ack().p50()) + " / " + Latencies.ms(path.ack().p95()));
            if (database == BenchHub.Database.POSTGRES) {
                md.append(" | ").append(path.commitsPerEvent() == null ? "–" : String.format(Locale.ROOT, "%.1f", path.commitsPerEvent()));
            }
            md.append(" |\n");
        }
        md.append("| durable-write limit (512 B + `force`, sequential) | ").append(rate(forcedWrites)).append(" | | |")
                .append(database == BenchHub.Database.POSTGRES ? " |" : "").append("\n");
        md.append("\n");
        if (!pgFsync.isEmpty()) {
            md.append("`pg_test_fsync -s 3` on the same file system, one 8 kB write, ops/s: ");
            pgFsync.forEach((method, ops) -> md.append(method).append(' ').append(rate(ops)).append(", "));
            md.setLength(md.length() - 2);
            md.append(" (PostgreSQL's WAL uses fdatasync here).\n\n");
        }
        if (database == BenchHub.Database.POSTGRES) {
            md.append("Transactions per event: `xact_commit` of `pg_stat_database` over the path's run, read-only ones included, "
                    + "the benchmark's own polling queries subtracted.\n\n");
        }
        double hubDirect = best / direct.perSecond();
        double hubLimit = best / limit;
        md.append("| target | figure | met? |\n|---|---:|---|\n");
        md.append("| hub ≥ 2× direct `/engine-rest` starts | ").append(ratio(http.perSecond() / direct.perSecond())).append(" (HTTP), ")
                .append(ratio(jms.perSecond() / direct.perSecond())).append(" (JMS) | ").append(met(hubDirect >= 2)).append(" |\n");
        md.append("| hub ≥ 25% of the durable-write limit | ").append(percent(http.perSecond() / limit)).append(" (HTTP), ")
                .append(percent(jms.perSecond() / limit)).append(" (JMS) | ").append(met(hubLimit >= 0.25)).append(" |\n");
        md.append("| p95 event → task visible < 500 ms at half the best hub rate (")
                .append(rate(paceRate)).append("/s over HTTP, ").append(String.format(Locale.ROOT, "%,d", sustained.events()))
                .append(" events, open loop) | ").append(Latencies.ms(sustained.latency().p95())).append(" ms (p50 ")
                .append(Latencies.ms(sustained.latency().p50())).append(", p99 ").append(Latencies.ms(sustained.latency().p99()))
                .append(") | ").append(met(sustained.latency().p95() < 500)).append(" |\n");
        md.append("| nothing lost or applied twice | every event applied exactly once, no dead letters | met |\n\n");
        md.append("Machine:\n\n").append(BenchDoc.machine(dataDir)).append("\n");
        if (!pgFsync.isEmpty()) {
            md.append("- PostgreSQL's data directory is on the same file system as the probe files (one disk, /dev/vda).\n");
        }
        return md.toString();
    }

    private String startupBlock(BenchHub.Database database, Duration coldReady, Double coldStarted, Duration warmReady,
                                Double warmStarted, long idleRss, long loadRss) {
        StringBuilder md = new StringBuilder();
        md.append(database.label()).append(", run ").append(BenchDoc.now()).append(", commit ").append(BenchDoc.gitCommit())
                .append(", JVM options: ").append(BenchHub.jvmOptions().isEmpty() ? "none (no config/jvm.options)"
                        : "`" + String.join(" ", BenchHub.jvmOptions()) + "`").append(".\n\n");
        md.append("| measure | figure | target | met? |\n|---|---:|---|---|\n");
        md.append("| time to ready, cold (fresh data directory; JVM launch → readiness 200) | ")
                .append(seconds(coldReady)).append(" (Spring: ").append(spring(coldStarted)).append(") | < 10 s | ")
                .append(met(coldReady.toMillis() < 10_000)).append(" |\n");
        md.append("| time to ready, warm (restart on the same data) | ").append(seconds(warmReady)).append(" (Spring: ")
                .append(spring(warmStarted)).append(") | < 10 s | ").append(met(warmReady.toMillis() < 10_000)).append(" |\n");
        md.append("| resident memory idle (VmRSS, ").append(IDLE_SECONDS).append(" s after ready) | ").append(mb(idleRss))
                .append(" | < 600 MB | ").append(met(idleRss < 600L * 1024 * 1024)).append(" |\n");
        md.append("| resident memory under load (max VmRSS during the ingest runs) | ").append(mb(loadRss)).append(" | | |\n");
        return md.toString();
    }

    private static boolean heavyLoad(String before, String after) {
        int cpus = Runtime.getRuntime().availableProcessors();
        return Double.parseDouble(before.split(" ")[0]) > cpus || Double.parseDouble(after.split(" ")[0]) > cpus;
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%,.0f" : "%.1f", perSecond);
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static String met(boolean met) {
        return met ? "met" : "**missed**";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String spring(Double seconds) {
        return seconds == null || seconds.isNaN() ? "–" : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,d MB", bytes / (1024 * 1024));
    }
}
