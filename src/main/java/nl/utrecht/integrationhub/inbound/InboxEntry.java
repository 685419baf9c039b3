package nl.utrecht.integrationhub.inbound;

import java.time.Instant;

/** A recorded inbound event, keyed by (source, id). */
public record InboxEntry(String source, String eventId, String type, String payload, InboxStatus status,
                         int attempts, Instant receivedAt) {
}
