package nl.utrecht.integrationhub.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.outbound.Connectors;
import nl.utrecht.integrationhub.outbound.Connectors.Transport;

/**
 * The HTTP endpoints of the partners the hub sends to over HTTP, as the demo serves them inside the hub
 * ({@code POST /simulators/<party>/events}, routes/demo/partner-endpoints.camel.yaml). Like a real
 * receiver: the bearer token the hub is configured to send must match, the body must be a CloudEvent, an
 * Idempotency-Key is required and a repeated key is the same message (the broker's duplicate detection on
 * hub.sim.&lt;party&gt;); the answer is 202 before the party's work starts.
 */
@Component("simulatedPartnerEndpoint")
@Profile("demo")
public class SimulatedPartnerEndpoint {

    /** A request the simulated partner refuses, with the status it answers. */
    static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String reason) {
            super(reason);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SimulatedPartnerEndpoint.class);

    private final Connectors connectors;
    private final Environment environment;
    private final PartnerSimulators simulators;

    SimulatedPartnerEndpoint(Connectors connectors, Environment environment, PartnerSimulators simulators) {
        this.connectors = connectors;
        this.environment = environment;
        this.simulators = simulators;
    }

    /** Checks the request and prepares it for the party's queue; throws {@link Refused} otherwise. */
    public String admit(Exchange exchange) {
        Message message = exchange.getMessage();
        String party = message.getHeader("party", String.class);
        Connectors.Outbound outbound = party == null ? null : connectors.find(party)
                .map(Connectors.Connector::outbound).filter(o -> o.transport() == Transport.HTTP).orElse(null);
        if (outbound == null) {
            throw new Refused(404, "no simulated HTTP partner here");
        }
        String secret = outbound.credentials() == null ? null : environment.getProperty(outbound.credentials());
        String authorization = message.getHeader("Authorization", String.class);
        if (secret == null || secret.isBlank() || authorization == null
                || !MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8),
                        ("Bearer " + secret.trim()).getBytes(StandardCharsets.UTF_8))) {
            log.warn("Simulated partner {} refused a request without its bearer token", party);
            throw new Refused(401, "a valid bearer token is required");
        }
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !contentType.toLowerCase().startsWith("application/cloudevents+json")) {
            throw new Refused(415, "send a CloudEvent in structured mode");
        }
        String key = message.getHeader("Idempotency-Key", String.class);
        if (key == null || key.isBlank()) {
            throw new Refused(400, "an Idempotency-Key is required");
        }
        return simulators.schedule(exchange, party, key);
    }

    /** 202 Accepted, no body, no headers of the request echoed. */
    public String accepted(Exchange exchange) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        return "";
    }

    /** The refusal's status (400, 401, 404, 415), or 503 when the request could not be kept. */
    public String refused(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status = failure instanceof Refused refused ? refused.status() : 503;
        if (!(failure instanceof Refused)) {
            log.warn("Simulated partner could not keep a request: {}", failure == null ? "?" : failure.getClass().getName());
        }
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        return "{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":\""
                + (failure instanceof Refused ? failure.getMessage() : "not accepted, send again later") + "\"}";
    }
}
