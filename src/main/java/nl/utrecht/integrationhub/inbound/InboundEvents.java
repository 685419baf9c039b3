package nl.utrecht.integrationhub.inbound;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The inbound contract every partner uses, whatever the transport: validate the CloudEvent, record it
 * durably in the inbox, then have it applied. A true duplicate is accepted again without a second
 * effect; a known (source, id) with a different payload is a conflict.
 */
@Service
public class InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    public record Acceptance(String id, boolean duplicate) {
    }

    private final EventValidator validator;
    private final Inbox inbox;
    private final EventApplier applier;
    private final ObjectMapper objectMapper;

    InboundEvents(EventValidator validator, Inbox inbox, EventApplier applier, ObjectMapper objectMapper) {
        this.validator = validator;
        this.inbox = inbox;
        this.applier = applier;
        this.objectMapper = objectMapper;
    }

    /**
     * Validates and records the event; returns once it is durably in the inbox. Applying follows
     * asynchronously (and again after a restart if the hub stopped in between).
     *
     * @throws InvalidEventException      when a rule is broken (nothing recorded)
     * @throws DuplicateConflictException when (source, id) is known with another payload
     */
    public Acceptance accept(String body, String channel) {
        return accept(body, channel, null);
    }

    /**
     * As {@link #accept(String, String)}, for a sender that may speak only for some sources.
     *
     * @param allowedSources comma-separated sources the sender may send for; {@code *} or null: any
     * @throws SourceNotAllowedException when the event's source is not among them (nothing recorded)
     */
    public Acceptance accept(String body, String channel, String allowedSources) {
        JsonNode event = validator.validate(body);
        Inbox.Key key = new Inbox.Key(event.get("source").asText(), event.get("id").asText());
        if (allowedSources != null && !"*".equals(allowedSources)
                && !List.of(allowedSources.split(",")).contains(key.source())) {
            log.warn("Refused event {}: the sender may not send for source {}", key.eventId(), key.source());
            throw new SourceNotAllowedException();
        }
        String type = event.get("type").asText();
        if (inbox.insert(key, type, channel, event.toString())) {
            log.info("Accepted event {} of type {} from {} over {}", key.eventId(), type, key.source(), channel);
            // Inside a caller's transaction (a CSV file's batch of rows) the row is not there for the
            // apply threads until it commits.
            inbox.whenCommitted(() -> applier.applySoon(key));
            return new Acceptance(key.eventId(), false);
        }
        InboxEntry known = inbox.find(key).orElseThrow(() -> new IllegalStateException("inbox row vanished"));
        if (!sameEvent(known.payload(), event)) {
            log.warn("Rejected event {} from {}: same id, different payload", key.eventId(), key.source());
            throw new DuplicateConflictException();
        }
        log.info("Event {} from {} is a duplicate; accepted without a second effect", key.eventId(), key.source());
        return new Acceptance(key.eventId(), true);
    }

    private boolean sameEvent(String recorded, JsonNode event) {
        try {
            return objectMapper.readTree(recorded).equals(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recorded payload is not JSON", e);
        }
    }
}
