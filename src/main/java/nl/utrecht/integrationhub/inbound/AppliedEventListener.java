package nl.utrecht.integrationhub.inbound;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Told of every event applied (not parked), inside the transaction that applies it, so that what it
 * writes (the audit log's entry) commits with the effect or not at all.
 */
public interface AppliedEventListener {

    void applied(InboxEntry entry, JsonNode event, InboundEventHandler.Outcome outcome);
}
