package nl.utrecht.integrationhub.route;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.inbound.EventTypeCatalog;
import nl.utrecht.integrationhub.inbound.EventTypeCatalog.EventType;
import nl.utrecht.integrationhub.inbound.InboundEventHandler;

/**
 * Every event type whose catalogue entry has a {@code correlate} block and no handler of its own:
 * integration engineers add such types with configuration and a schema only.
 */
@Component
class CorrelatingEventHandler implements InboundEventHandler {

    private final EventTypeCatalog catalog;
    private final CaseCorrelation correlation;

    CorrelatingEventHandler(EventTypeCatalog catalog, CaseCorrelation correlation) {
        this.catalog = catalog;
        this.correlation = correlation;
    }

    @Override
    public String type() {
        return ANY_CORRELATED_TYPE;
    }

    @Override
    public Outcome apply(JsonNode event) {
        EventType type = catalog.find(event.get("type").asText())
                .filter(t -> t.correlate() != null)
                .orElseThrow(() -> new IllegalStateException("no correlation configured for this event type"));
        return correlation.correlate(event, type.correlate());
    }
}
