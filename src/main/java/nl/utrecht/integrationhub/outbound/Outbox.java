package nl.utrecht.integrationhub.outbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.utrecht.integrationhub.audit.ChainAudit;
import nl.utrecht.integrationhub.inbound.EventValidator;
import nl.utrecht.integrationhub.inbound.Violation;
import nl.utrecht.integrationhub.outbound.MessageLog.Direction;
import nl.utrecht.integrationhub.outbound.MessageLog.Hop;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox: every message the hub sends is first a row here, written in the transaction of the
 * process step that sends it (so a rolled-back step sends nothing), then relayed by
 * {@link OutboxRelay}. The row's id is the CloudEvent id and the receiver's deduplication key.
 */
@Repository
public class Outbox {

    public static final String HUB_SOURCE = "urn:nl:utrecht:integration-hub";

    public enum Status { PENDING, SENT, DEAD }

    /** A message to send, before it has an id. */
    public record Draft(String messageType, String caseId, String subject, ObjectNode data,
                        String processInstanceId, String activityId) {
    }

    public record Message(String id, String messageType, String party, String caseId, String payload,
                          Status status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
                          Instant sentAt, Instant deadAt, String replayedBy) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final OutboundTypes types;
    private final EventValidator validator;
    private final ObjectMapper objectMapper;
    private final MessageLog log;
    private final ObjectProvider<OutboxListener> listeners;
    private final ChainAudit audit;

    Outbox(JdbcTemplate jdbc, Clock clock, OutboundTypes types, EventValidator validator, ObjectMapper objectMapper,
           MessageLog log, ObjectProvider<OutboxListener> listeners, ChainAudit audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.types = types;
        this.validator = validator;
        this.objectMapper = objectMapper;
        this.log = log;
        this.listeners = listeners;
        this.audit = audit;
    }

    /**
     * Writes the message in the caller's transaction. The data must satisfy the type's schema; a
     * violation names the field and rule (never the value) and nothing is written.
     *
     * @return the message id
     */
    public String write(Draft draft) {
        OutboundTypes.OutboundType type = types.find(draft.messageType()).orElseThrow(() ->
                new IllegalArgumentException("unknown outbound message type " + draft.messageType()
                        + " (see hub.outbound-types in config/hub-connectors.yaml)"));
        List<Violation> violations = validator.validateData(type.schemaFile(), draft.data());
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("message " + type.type() + " breaks its schema: " + violations.stream()
                    .map(v -> v.pointer() + " (" + v.rule() + ")").toList());
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        ObjectNode event = objectMapper.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", HUB_SOURCE);
        event.put("type", type.type());
        event.put("subject", draft.subject());
        event.put("time", now.toString());
        event.put("datacontenttype", "application/json");
        if (draft.caseId() != null) {
            event.put("caseid", draft.caseId());
        }
        event.set("data", draft.data());
        jdbc.update("""
                INSERT INTO hub_outbox (id, message_type, party, case_id, payload, status, attempts, next_attempt_at,
                                        process_instance_id, activity_id, created_at)
                VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)""",
                id, type.type(), type.party(), draft.caseId(), event.toString(), Timestamp.from(now),
                draft.processInstanceId(), draft.activityId(), Timestamp.from(now));
        log.record(id, Direction.OUT, Hop.WRITTEN, type.type(), type.party(), null, draft.caseId(),
                draft.activityId() == null ? null : "by " + draft.activityId());
        audit.messageWritten(id, type.party(), draft.subject(), draft.caseId());
        afterCommit(() -> listeners.orderedStream().forEach(OutboxListener::messageWritten));
        return id;
    }

    /** PENDING messages whose next attempt is due and that no relay holds, oldest first. */
    List<Message> due(int limit) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.query("""
                SELECT * FROM hub_outbox WHERE status = 'PENDING' AND next_attempt_at <= ?
                AND (lease_until IS NULL OR lease_until < ?)
                ORDER BY created_at, id FETCH FIRST %d ROWS ONLY""".formatted(limit),
                (rs, row) -> message(rs), now, now);
    }

    /**
     * Takes the message for one send attempt by this relay: false when another relay (another hub node
     * on the same database) holds it. The lease ends with the attempt's outcome, or by itself after
     * {@code lease} if the node dies while sending; the message is then sent again with the same id.
     */
    boolean lease(Message message, String node, java.time.Duration lease) {
        Instant now = clock.instant();
        return jdbc.update("""
                UPDATE hub_outbox SET leased_by = ?, lease_until = ?
                WHERE id = ? AND status = 'PENDING' AND (lease_until IS NULL OR lease_until < ?)""",
                node, Timestamp.from(now.plus(lease)), message.id(), Timestamp.from(now)) == 1;
    }

    public Optional<Message> find(String id) {
        return jdbc.query("SELECT * FROM hub_outbox WHERE id = ?", (rs, row) -> message(rs), id).stream().findFirst();
    }

    public List<Message> list(Status status, String caseId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM hub_outbox WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        if (caseId != null) {
            sql.append(" AND case_id = ?");
            args.add(caseId);
        }
        sql.append(" ORDER BY created_at, id FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), (rs, row) -> message(rs), args.toArray());
    }

    /** Gives the lease back without an outcome (the hub is stopping): another attempt may follow at once. */
    void release(Message message, String node) {
        jdbc.update("UPDATE hub_outbox SET leased_by = NULL, lease_until = NULL WHERE id = ? AND leased_by = ?",
                message.id(), node);
    }

    void markSent(Message message, String channel) {
        Instant now = clock.instant();
        int updated = jdbc.update("""
                UPDATE hub_outbox SET status = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = NULL,
                                      leased_by = NULL, lease_until = NULL
                WHERE id = ? AND status = 'PENDING'""", Timestamp.from(now), message.id());
        if (updated == 1) {
            log.record(message.id(), Direction.OUT, Hop.DELIVERED, message.messageType(), message.party(), channel,
                    message.caseId(), "attempt " + (message.attempts() + 1));
        }
    }

    void markFailed(Message message, String channel, String reason, Instant nextAttempt) {
        jdbc.update("""
                UPDATE hub_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,
                                      leased_by = NULL, lease_until = NULL
                WHERE id = ? AND status = 'PENDING'""", Timestamp.from(nextAttempt), reason, message.id());
        log.record(message.id(), Direction.OUT, Hop.SEND_FAILED, message.messageType(), message.party(), channel,
                message.caseId(), "attempt " + (message.attempts() + 1) + ": " + reason);
    }

    /** Not an attempt (e.g. no endpoint configured yet): only when to look again, and why. */
    void postpone(Message message, String reason, Instant nextAttempt) {
        jdbc.update("UPDATE hub_outbox SET next_attempt_at = ?, last_error = ?, leased_by = NULL, lease_until = NULL "
                + "WHERE id = ? AND status = 'PENDING'",
                Timestamp.from(nextAttempt), reason, message.id());
    }

    void markDead(Message message, String channel, String reason) {
        int updated = jdbc.update("""
                UPDATE hub_outbox SET status = 'DEAD', attempts = attempts + 1, dead_at = ?, last_error = ?,
                                      leased_by = NULL, lease_until = NULL
                WHERE id = ? AND status = 'PENDING'""", Timestamp.from(clock.instant()), reason, message.id());
        if (updated == 1) {
            log.record(message.id(), Direction.OUT, Hop.DEAD_LETTERED, message.messageType(), message.party(),
                    channel, message.caseId(), reason);
        }
    }

    /**
     * Sends a dead letter again, once: back to PENDING with a fresh retry budget. Only a DEAD
     * message can be replayed; returns false otherwise.
     */
    public boolean replay(String id, String administrator) {
        Instant now = clock.instant();
        int updated = jdbc.update("""
                UPDATE hub_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = ?, dead_at = NULL,
                                      leased_by = NULL, lease_until = NULL,
                                      replayed_by = ?, replayed_at = ?
                WHERE id = ? AND status = 'DEAD'""", Timestamp.from(now), administrator, Timestamp.from(now), id);
        if (updated != 1) {
            return false;
        }
        Message message = find(id).orElseThrow();
        log.record(id, Direction.OUT, Hop.REPLAYED, message.messageType(), message.party(), null, message.caseId(),
                "by " + administrator);
        afterCommit(() -> listeners.orderedStream().forEach(OutboxListener::messageWritten));
        return true;
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getString("id"), rs.getString("message_type"), rs.getString("party"),
                rs.getString("case_id"), rs.getString("payload"), Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), instant(rs, "next_attempt_at"), rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "sent_at"), instant(rs, "dead_at"), rs.getString("replayed_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
