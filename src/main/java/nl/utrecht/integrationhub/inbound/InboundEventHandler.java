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

    /** What applying did; {@code parked} keeps the event for later (its process does not wait yet). */
    record Outcome(boolean parked, String description, String caseId) {

        public static Outcome applied(String description, String caseId) {
            return new Outcome(false, description, caseId);
        }

        public static Outcome parked(String description, String caseId) {
            return new Outcome(true, description, caseId);
        }
    }
}
