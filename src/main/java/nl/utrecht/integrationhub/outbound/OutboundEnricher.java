package nl.utrecht.integrationhub.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Adds to an outbound message's data what only exists at the moment of sending, such as short-lived
 * links to a dossier's documents. Called by the relay before every send attempt, outside the
 * engine's transaction; the stored outbox row is not changed.
 */
public interface OutboundEnricher {

    boolean appliesTo(String messageType);

    /**
     * @param messageType the CloudEvent type
     * @param caseId      the household's case the message is about
     * @param data        the message's data, to add fields to
     */
    void enrich(String messageType, String caseId, ObjectNode data);
}
