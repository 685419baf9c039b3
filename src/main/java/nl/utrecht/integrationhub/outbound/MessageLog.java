package nl.utrecht.integrationhub.outbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The message log: every hop of a message through the hub, keyed by message id, without payloads
 * or personal data. Inbound hops come from the inbox itself (received, applied); this log adds the
 * outbound ones.
 */
@Repository
public class MessageLog {

    public enum Direction { IN, OUT }

    public enum Hop {
        /** Written to the outbox by a process step. */
        WRITTEN,
        /** A send attempt failed; another follows. */
        SEND_FAILED,
        /** The receiver (or its queue) accepted the message. */
        DELIVERED,
        /** The retry budget is spent or the receiver refused it for good. */
        DEAD_LETTERED,
        /** An administrator sent a dead letter again. */
        REPLAYED
    }

    public record Entry(String messageId, Direction direction, String hop, String messageType, String party,
                        String channel, String caseId, String detail, Instant at) {
    }

    private static final int MAX_DETAIL = 500;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    MessageLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String messageId, Direction direction, Hop hop, String messageType, String party,
                       String channel, String caseId, String detail) {
        jdbc.update("""
                INSERT INTO hub_message_hop (message_id, direction, hop, message_type, party, channel, case_id, detail, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                messageId, direction.name(), hop.name(), messageType, party, channel, caseId,
                detail == null ? null : truncate(detail), Timestamp.from(clock.instant()));
    }

    public List<Entry> ofMessage(String messageId) {
        return jdbc.query("""
                SELECT message_id, direction, hop, message_type, party, channel, case_id, detail, at
                FROM hub_message_hop WHERE message_id = ? ORDER BY id""", (rs, row) -> entry(rs), messageId);
    }

    public List<Entry> ofCase(String caseId) {
        return jdbc.query("""
                SELECT message_id, direction, hop, message_type, party, channel, case_id, detail, at
                FROM hub_message_hop WHERE case_id = ? ORDER BY id""", (rs, row) -> entry(rs), caseId);
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getString(1), Direction.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant());
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }
}
