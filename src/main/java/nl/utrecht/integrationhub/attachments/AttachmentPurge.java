package nl.utrecht.integrationhub.attachments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.attachments.AttachmentRepository.Attachment;
import nl.utrecht.integrationhub.attachments.AttachmentRepository.PurgeReason;
import nl.utrecht.integrationhub.attachments.AttachmentRepository.Status;

/**
 * Deletes documents the hub no longer needs: fetched ones after {@code hub.attachments.grace-period},
 * never fetched ones after {@code hub.attachments.max-retention}. The row stays, marked purged, as
 * proof (media type, size, SHA-256, who and when); the file goes first, then the row is marked.
 */
@Component
class AttachmentPurge {

    /** An upload or crash leftover (a file without a row) is removed after this long. */
    static final Duration LEFTOVER_AGE = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(AttachmentPurge.class);
    private static final int BATCH = 500;

    private final AttachmentRepository repository;
    private final AttachmentStore store;
    private final AttachmentProperties properties;
    private final Clock clock;

    AttachmentPurge(AttachmentRepository repository, AttachmentStore store, AttachmentProperties properties,
                    Clock clock) {
        this.repository = repository;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${hub.attachments.purge-interval:PT1H}",
            initialDelayString = "${hub.attachments.purge-interval:PT1H}")
    void purgeScheduled() {
        try {
            int purged = purge(clock.instant());
            int leftovers = store.removeLeftovers(LEFTOVER_AGE);
            if (purged > 0 || leftovers > 0) {
                log.info("Attachments purged: {} document(s), {} leftover file(s)", purged, leftovers);
            }
        } catch (RuntimeException e) {
            log.warn("Purging attachments failed ({}); tried again at the next interval", e.getClass().getSimpleName());
        }
    }

    /** Purges what is due at {@code now}; returns how many documents lost their content. */
    int purge(Instant now) {
        int purged = 0;
        for (Attachment attachment : repository.dueForPurge(now.minus(properties.gracePeriod()),
                now.minus(properties.maxRetention()), BATCH)) {
            PurgeReason reason = attachment.status() == Status.FETCHED ? PurgeReason.DELIVERED : PurgeReason.NEVER_FETCHED;
            if (reason == PurgeReason.NEVER_FETCHED && !repository.markPurged(attachment.id(), Status.STORED, reason, now)) {
                continue; // fetched meanwhile: its grace period starts now
            }
            if (!store.deleteContent(attachment.id())) {
                continue; // tried again next time
            }
            if (reason == PurgeReason.DELIVERED) {
                repository.markPurged(attachment.id(), Status.FETCHED, reason, now);
            }
            purged++;
        }
        return purged;
    }
}
