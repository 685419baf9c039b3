package nl.utrecht.integrationhub.attachments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The attachments' metadata ({@code hub_attachment}): media type, size, SHA-256, case, uploader and
 * times; never a file name. A purged row stays, without content, as proof of what was delivered.
 */
@Repository
class AttachmentRepository {

    enum Status { STORED, FETCHED, PURGED }

    /** ERASED: the content went with the erasure of a person's data (privacy/PersonErasure). */
    enum PurgeReason { DELIVERED, NEVER_FETCHED, ERASED }

    record Attachment(String id, String caseId, String mediaType, long size, String sha256, Status status,
                      String uploadedBy, Instant uploadedAt, String fetchedBy, Instant fetchedAt,
                      Instant purgedAt, String purgeReason) {
    }

    private static final String COLUMNS = "id, case_id, media_type, size_bytes, sha256, status, uploaded_by, "
            + "uploaded_at, fetched_by, fetched_at, purged_at, purge_reason";

    private final JdbcTemplate jdbc;

    AttachmentRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String caseId, String mediaType, long size, String sha256, String uploadedBy,
                Instant uploadedAt) {
        jdbc.update("INSERT INTO hub_attachment (id, case_id, media_type, size_bytes, sha256, status, uploaded_by, "
                        + "uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, caseId, mediaType, size, sha256, Status.STORED.name(), uploadedBy, Timestamp.from(uploadedAt));
    }

    Optional<Attachment> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hub_attachment WHERE id = ?", AttachmentRepository::row, id)
                .stream().findFirst();
    }

    /** The case's documents that are stored and not fetched yet, oldest first. */
    List<Attachment> notFetchedOf(String caseId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hub_attachment WHERE case_id = ? AND status = ? "
                + "ORDER BY uploaded_at, id", AttachmentRepository::row, caseId, Status.STORED.name());
    }

    /** Records the one complete fetch; false when another fetch completed first (or it was purged). */
    boolean markFetched(String id, String fetchedBy, Instant fetchedAt) {
        return jdbc.update("UPDATE hub_attachment SET status = ?, fetched_by = ?, fetched_at = ? "
                        + "WHERE id = ? AND status = ?",
                Status.FETCHED.name(), fetchedBy, Timestamp.from(fetchedAt), id, Status.STORED.name()) == 1;
    }

    /** Fetched before {@code fetchedBefore}, or never fetched and uploaded before {@code uploadedBefore}. */
    List<Attachment> dueForPurge(Instant fetchedBefore, Instant uploadedBefore, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hub_attachment "
                        + "WHERE (status = ? AND fetched_at <= ?) OR (status = ? AND uploaded_at <= ?) "
                        + "ORDER BY uploaded_at, id",
                ps -> {
                    ps.setString(1, Status.FETCHED.name());
                    ps.setTimestamp(2, Timestamp.from(fetchedBefore));
                    ps.setString(3, Status.STORED.name());
                    ps.setTimestamp(4, Timestamp.from(uploadedBefore));
                    ps.setMaxRows(limit);
                },
                AttachmentRepository::row);
    }

    /** Marks the content deleted; only from the status it was seen in, so a fetch completing meanwhile wins. */
    boolean markPurged(String id, Status seen, PurgeReason reason, Instant purgedAt) {
        return jdbc.update("UPDATE hub_attachment SET status = ?, purged_at = ?, purge_reason = ? "
                        + "WHERE id = ? AND status = ?",
                Status.PURGED.name(), Timestamp.from(purgedAt), reason.name(), id, seen.name()) == 1;
    }

    /** Whether the attachment's content is still to be kept (stored or fetched, not purged). */
    boolean keepsContent(String id) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM hub_attachment WHERE id = ? AND status <> ?",
                Integer.class, id, Status.PURGED.name());
        return count != null && count > 0;
    }

    private static Attachment row(ResultSet rs, int row) throws SQLException {
        return new Attachment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                Status.valueOf(rs.getString(6)), rs.getString(7), instant(rs.getTimestamp(8)), rs.getString(9),
                instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), rs.getString(12));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
