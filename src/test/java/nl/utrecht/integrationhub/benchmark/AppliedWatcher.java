package nl.utrecht.integrationhub.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;

/**
 * Sees when each event of a phase is applied: one JDBC query every {@code interval} for the phase's
 * events that the hub has marked APPLIED in its inbox. The inbox mark commits in the same transaction as
 * the case, the process instance and its first tasks (no asynchronous step before them), so an APPLIED
 * row seen by another connection means the tasks are visible. The time recorded is when the query that
 * first saw the row returned (an upper bound, at most one interval plus one query late).
 *
 * <p>Senders record {@link #sent(int)} just before sending event {@code index}; the query only reads rows
 * received since the oldest event not yet seen (minus a margin), through the inbox's (status,
 * received_at) index.
 */
final class AppliedWatcher implements AutoCloseable {

    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final Connection db;
    private final String prefix;
    private final int first;
    private final long[] sentNanos;
    private final long[] sentWallMillis;
    private final long[] appliedNanos;
    private final AtomicInteger applied = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "applied-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private int oldestUnseen;
    private final java.util.concurrent.atomic.AtomicLong polls = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Watches events {@code eventIdPrefix + (first + i)}, i in [0, count); {@code db} is the watcher's own
     * connection (auto-commit, read committed).
     */
    AppliedWatcher(Connection db, String eventIdPrefix, int first, int count, Duration interval) {
        this.db = db;
        this.prefix = eventIdPrefix;
        this.first = first;
        this.sentNanos = new long[count];
        this.sentWallMillis = new long[count];
        this.appliedNanos = new long[count];
        Arrays.fill(sentNanos, -1);
        Arrays.fill(appliedNanos, -1);
        poller.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Just before event {@code first + index} is sent. */
    void sent(int index) {
        sentWallMillis[index] = System.currentTimeMillis();
        sentNanos[index] = System.nanoTime();
    }

    /** As {@link #sent(int)}, with the time it was due (open-loop pacing: latency counts from then). */
    void sent(int index, long dueNanos, long dueWallMillis) {
        sentWallMillis[index] = dueWallMillis;
        sentNanos[index] = dueNanos;
    }

    long sentNanos(int index) {
        return sentNanos[index];
    }

    private void poll() {
        try {
            int from = oldestUnseen;
            while (from < sentNanos.length && appliedNanos[from] >= 0) {
                from++;
            }
            oldestUnseen = from;
            if (from == sentNanos.length || sentNanos[from] < 0) {
                return;
            }
            Instant since = Instant.ofEpochMilli(sentWallMillis[from]).minus(MARGIN);
            try (PreparedStatement query = db.prepareStatement(
                    "SELECT event_id FROM hub_inbox WHERE status = 'APPLIED' AND received_at >= ? AND source = ? AND event_id LIKE ?")) {
                query.setTimestamp(1, Timestamp.from(since));
                query.setString(2, Intakes.SOURCE);
                query.setString(3, prefix + "%");
                try (ResultSet rows = query.executeQuery()) {
                    long now = System.nanoTime();
                    while (rows.next()) {
                        int index = Integer.parseInt(rows.getString(1).substring(prefix.length())) - first;
                        if (index >= 0 && index < appliedNanos.length && appliedNanos[index] < 0) {
                            appliedNanos[index] = now;
                            applied.incrementAndGet();
                        }
                    }
                }
            }
            polls.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Waits until every event is seen applied; fails after {@code patience} or on a query failure. */
    void awaitAll(Duration patience) {
        Awaitility.await("events applied").atMost(patience).pollInterval(Duration.ofMillis(50))
                .failFast("the watcher's query failed", () -> failure.get() != null)
                .until(() -> applied.get() == appliedNanos.length);
    }

    int appliedCount() {
        return applied.get();
    }

    /** Queries run so far. */
    long polls() {
        return polls.get();
    }

    /** Send → seen applied, per event, in nanoseconds. */
    long[] latencies() {
        long[] latencies = new long[appliedNanos.length];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = appliedNanos[i] - sentNanos[i];
        }
        return latencies;
    }

    /** Events per second: count / (last seen applied − first sent). */
    double throughput() {
        long firstSent = Arrays.stream(sentNanos).min().orElseThrow();
        long lastApplied = Arrays.stream(appliedNanos).max().orElseThrow();
        return appliedNanos.length / ((lastApplied - firstSent) / 1e9);
    }

    @Override
    public void close() throws SQLException {
        poller.shutdownNow();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
