package nl.utrecht.integrationhub.route;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.inbound.EventTypeCatalog;
import nl.utrecht.integrationhub.inbound.InboundEventHandler;

/**
 * {@code nl.utrecht.brp-registered}: the person is in the population register and has a BSN. The
 * register links the BSN to the V-number (the link is never lost), then the settlement step is told.
 */
@Component
class BrpRegisteredHandler implements InboundEventHandler {

    static final String TYPE = "nl.utrecht.brp-registered";

    private final CaseRegister register;
    private final EventTypeCatalog catalog;
    private final CaseCorrelation correlation;

    BrpRegisteredHandler(CaseRegister register, EventTypeCatalog catalog, CaseCorrelation correlation) {
        this.register = register;
        this.catalog = catalog;
        this.correlation = correlation;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Outcome apply(JsonNode event) {
        String vNumber = event.get("subject").asText();
        String bsn = event.get("data").get("bsn").asText();
        if (register.findBySubject(vNumber).isEmpty()) {
            return Outcome.parked("the person is not known yet", null);
        }
        register.linkBsn(vNumber, bsn);
        return correlation.correlate(event, catalog.find(TYPE).orElseThrow().correlate());
    }
}
