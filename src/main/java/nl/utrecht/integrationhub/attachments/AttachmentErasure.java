package nl.utrecht.integrationhub.attachments;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import nl.utrecht.integrationhub.attachments.AttachmentRepository.PurgeReason;
import nl.utrecht.integrationhub.attachments.AttachmentRepository.Status;

/**
 * The attachments part of erasing a person's data (privacy/PersonErasure): every document of the given
 * cases loses its content, whatever its status. The metadata row stays (no names in it: type, size,
 * hash, who uploaded and fetched it) as proof of what was delivered, marked PURGED with reason ERASED.
 */
@Component
public class AttachmentErasure {

    private final JdbcTemplate jdbc;
    private final AttachmentStore store;
    private final Clock clock;

    AttachmentErasure(JdbcTemplate jdbc, AttachmentStore store, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Marks the cases' documents purged in the caller's transaction; their encrypted files are deleted
     * once it commits (a rolled-back erasure keeps them). Returns how many documents had content.
     */
    public int eraseContentOf(Collection<String> caseIds) {
        int erased = 0;
        for (String caseId : caseIds) {
            List<String> ids = jdbc.queryForList("SELECT id FROM hub_attachment WHERE case_id = ? AND status <> ?",
                    String.class, caseId, Status.PURGED.name());
            for (String id : ids) {
                erased += jdbc.update("UPDATE hub_attachment SET status = ?, purged_at = ?, purge_reason = ? "
                                + "WHERE id = ? AND status <> ?", Status.PURGED.name(),
                        Timestamp.from(clock.instant()), PurgeReason.ERASED.name(), id, Status.PURGED.name());
                deleteAfterCommit(id);
            }
        }
        return erased;
    }

    private void deleteAfterCommit(String id) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    store.deleteContent(id);
                }
            });
        } else {
            store.deleteContent(id);
        }
    }
}
