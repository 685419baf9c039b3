package nl.utrecht.integrationhub.inbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The inbox: every accepted event, keyed by (source, id). A row is written before the sender hears
 * "accepted"; it is claimed in the same database transaction as the event's effect, so an event is
 * applied exactly once whatever crashes in between.
 */
@Repository
public class Inbox {

    public record Key(String source, String eventId) {
    }

    private static final RowMapper<InboxEntry> ENTRY = (rs, row) -> new InboxEntry(
            rs.getString("source"), rs.getString("event_id"), rs.getString("event_type"), rs.getString("payload"),
            InboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
            rs.getTimestamp("received_at").toInstant());

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Inbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Inserts a new event; false when (source, id) is there already (nothing written then). */
    boolean insert(Key key, String type, String channel, String payload) {
        try {
            jdbc.update("""
                    INSERT INTO hub_inbox (source, event_id, event_type, channel, payload, status, attempts, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, 0, ?)""",
                    key.source(), key.eventId(), type, channel, payload, InboxStatus.RECEIVED.name(), now());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** What the message log shows of a received event: no payload, no outcome text. */
    public record Hop(String source, String eventId, String type, String channel, InboxStatus status, String caseId,
                      int attempts, java.time.Instant receivedAt, java.time.Instant appliedAt) {
    }

    private static final RowMapper<Hop> HOP = (rs, row) -> new Hop(rs.getString("source"), rs.getString("event_id"),
            rs.getString("event_type"), rs.getString("channel"), InboxStatus.valueOf(rs.getString("status")),
            rs.getString("case_id"), rs.getInt("attempts"), rs.getTimestamp("received_at").toInstant(),
            rs.getTimestamp("applied_at") == null ? null : rs.getTimestamp("applied_at").toInstant());

    private static final String HOP_COLUMNS =
            "SELECT source, event_id, event_type, channel, status, case_id, attempts, received_at, applied_at FROM hub_inbox";

    /** The events received with this id (one per source that used it). */
    public List<Hop> hopsOfEvent(String eventId) {
        return jdbc.query(HOP_COLUMNS + " WHERE event_id = ? ORDER BY received_at", HOP, eventId);
    }

    /** The events applied to this case, in the order they were received. */
    public List<Hop> hopsOfCase(String caseId) {
        return jdbc.query(HOP_COLUMNS + " WHERE case_id = ? ORDER BY received_at", HOP, caseId);
    }

    public Optional<InboxEntry> find(Key key) {
        return jdbc.query("SELECT * FROM hub_inbox WHERE source = ? AND event_id = ?", ENTRY,
                key.source(), key.eventId()).stream().findFirst();
    }

    /**
     * Claims a received (or parked) event for applying, inside the caller's transaction. The row lock
     * makes a concurrent claim wait and then find nothing to claim.
     */
    boolean claim(Key key) {
        return jdbc.update("""
                UPDATE hub_inbox SET status = ?, attempts = attempts + 1, last_attempt_at = ?, applied_at = ?
                WHERE source = ? AND event_id = ? AND status IN (?, ?)""",
                InboxStatus.APPLIED.name(), now(), now(), key.source(), key.eventId(),
                InboxStatus.RECEIVED.name(), InboxStatus.PARKED.name()) == 1;
    }

    /** Records the outcome of a claimed event, in the same transaction as the claim. */
    void settle(Key key, InboxStatus status, String outcome, String caseId) {
        jdbc.update("UPDATE hub_inbox SET status = ?, outcome = ?, case_id = ?, last_error = NULL WHERE source = ? AND event_id = ?",
                status.name(), outcome, caseId, key.source(), key.eventId());
    }

    /** Counts a failed attempt (in its own transaction); the event fails for good after maxAttempts. */
    void recordFailure(Key key, String error, int maxAttempts) {
        jdbc.update("""
                UPDATE hub_inbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ?,
                       status = CASE WHEN attempts + 1 >= ? THEN ? ELSE status END
                WHERE source = ? AND event_id = ? AND status IN (?, ?)""",
                now(), truncate(error), maxAttempts, InboxStatus.FAILED.name(), key.source(), key.eventId(),
                InboxStatus.RECEIVED.name(), InboxStatus.PARKED.name());
    }

    /** What an administrator sees of an event that failed or waits: no payload. */
    public record Held(String source, String eventId, String type, String channel, InboxStatus status,
                       String caseId, int attempts, String lastError, java.time.Instant receivedAt) {
    }

    /** Events in this status (FAILED or PARKED, typically), oldest first. */
    public List<Held> held(InboxStatus status, int limit) {
        return jdbc.query("""
                SELECT source, event_id, event_type, channel, status, case_id, attempts, last_error, received_at
                FROM hub_inbox WHERE status = ? ORDER BY received_at FETCH FIRST ? ROWS ONLY""",
                (rs, row) -> new Held(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        InboxStatus.valueOf(rs.getString(5)), rs.getString(6), rs.getInt(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant()), status.name(), limit);
    }

    /** A failed event back to RECEIVED with a fresh budget, for an administrator's replay; false if it did not fail. */
    boolean reopen(Key key) {
        return jdbc.update("""
                UPDATE hub_inbox SET status = ?, attempts = 0, last_error = NULL
                WHERE source = ? AND event_id = ? AND status = ?""",
                InboxStatus.RECEIVED.name(), key.source(), key.eventId(), InboxStatus.FAILED.name()) == 1;
    }

    /** Received events waiting to be applied (after a crash, or between retries), oldest first. */
    List<Key> pending(Duration olderThan, int limit) {
        return jdbc.query("""
                SELECT source, event_id FROM hub_inbox
                WHERE status = ? AND COALESCE(last_attempt_at, received_at) < ?
                ORDER BY received_at
                FETCH FIRST ? ROWS ONLY""",
                (rs, row) -> new Key(rs.getString(1), rs.getString(2)),
                InboxStatus.RECEIVED.name(), Timestamp.from(clock.instant().minus(olderThan)), limit);
    }

    /** Parked events of a case, in arrival order. */
    List<Key> parked(String caseId, int limit) {
        return jdbc.query("""
                        SELECT source, event_id FROM hub_inbox WHERE status = ? AND case_id = ?
                        ORDER BY received_at FETCH FIRST ? ROWS ONLY""",
                (rs, row) -> new Key(rs.getString(1), rs.getString(2)), InboxStatus.PARKED.name(), caseId, limit);
    }

    /** Where a walk through the parked events stands: the last one it visited, in arrival order. */
    public record ParkedPosition(Timestamp receivedAt, String source, String eventId) {
    }

    /** A parked event and its place in the walk. */
    record ParkedEvent(Key key, ParkedPosition position) {
    }

    /**
     * The next parked events of every case after {@code after} (from the first with null), in arrival
     * order (ties by source and id), so that a walk page by page visits each parked event once.
     */
    List<ParkedEvent> parkedAfter(ParkedPosition after, int limit) {
        RowMapper<ParkedEvent> mapper = (rs, row) -> new ParkedEvent(new Key(rs.getString(2), rs.getString(3)),
                new ParkedPosition(rs.getTimestamp(1), rs.getString(2), rs.getString(3)));
        if (after == null) {
            return jdbc.query("""
                    SELECT received_at, source, event_id FROM hub_inbox WHERE status = ?
                    ORDER BY received_at, source, event_id FETCH FIRST ? ROWS ONLY""",
                    mapper, InboxStatus.PARKED.name(), limit);
        }
        return jdbc.query("""
                SELECT received_at, source, event_id FROM hub_inbox
                WHERE status = ? AND received_at >= ?
                  AND (received_at > ? OR source > ? OR (source = ? AND event_id > ?))
                ORDER BY received_at, source, event_id FETCH FIRST ? ROWS ONLY""",
                mapper, InboxStatus.PARKED.name(), after.receivedAt(), after.receivedAt(), after.source(),
                after.source(), after.eventId(), limit);
    }

    /**
     * Runs {@code action} once what the caller wrote to the database is visible to other connections:
     * at once when this thread has no database transaction, else after that transaction has committed
     * (never, if it rolls back).
     */
    void whenCommitted(Runnable action) {
        javax.sql.DataSource dataSource = jdbc.getDataSource();
        if (dataSource == null || !TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.hasResource(dataSource)) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
