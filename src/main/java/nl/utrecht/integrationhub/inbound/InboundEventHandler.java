package nl.utrecht.integrationhub.inbound;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Applies one type of inbound event: registers what it says and starts or correlates the process.
 * Runs inside the transaction that claims the inbox row, so the effect happens exactly once.
 */
public interface InboundEventHandler {

    /** {@link #type()} of the one handler for every type whose catalogue entry says how to correlate it. */
    String ANY_CORRELATED_TYPE = "*";

    /** The CloudEvent type handled, or {@link #ANY_CORRELATED_TYPE}. */
    String type();

    Outcome apply(JsonNode event);

    /**
     * What applying did; {@code parked} keeps the event for later (its process does not wait yet);
     * {@code created}: the event opened the case (the audit log calls it CREATE, else UPDATE).
     */
    record Outcome(boolean parked, String description, String caseId, boolean created) {

        public Outcome(boolean parked, String description, String caseId) {
            this(parked, description, caseId, false);
        }

        public static Outcome applied(String description, String caseId) {
            return new Outcome(false, description, caseId, false);
        }

        /** Applied, and the event opened the case. */
        public static Outcome created(String description, String caseId) {
            return new Outcome(false, description, caseId, true);
        }

        public static Outcome parked(String description, String caseId) {
            return new Outcome(true, description, caseId, false);
        }
    }
}
