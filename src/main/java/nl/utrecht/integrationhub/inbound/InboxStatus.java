package nl.utrecht.integrationhub.inbound;

/** Where a recorded event stands. */
public enum InboxStatus {
    /** Durably recorded, not yet applied. */
    RECEIVED,
    /** Applied exactly once. */
    APPLIED,
    /** Valid, but its process does not wait for it yet; kept to be applied later. */
    PARKED,
    /** Applying failed more often than the retry budget allows; kept for an administrator. */
    FAILED
}
