package nl.utrecht.integrationhub.platform.camel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.inbound.DuplicateConflictException;
import nl.utrecht.integrationhub.inbound.InboundEvents.Acceptance;
import nl.utrecht.integrationhub.inbound.InvalidEventException;
import nl.utrecht.integrationhub.inbound.SourceNotAllowedException;
import nl.utrecht.integrationhub.platform.security.HubPrincipal;
import nl.utrecht.integrationhub.platform.security.PartnerGroups;
import nl.utrecht.integrationhub.inbound.Violation;

/**
 * The HTTP edge of {@code POST /api/events}: admits only CloudEvents JSON of bounded size, and turns
 * outcomes into answers: 202 once recorded, RFC 9457 problem details otherwise.
 */
@Component("httpEdge")
public class HttpEdge {

    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";
    static final String PROBLEM_JSON = "application/problem+json";
    /** Set here from the authenticated principal; whatever a client sent under this name is overwritten. */
    static final String ALLOWED_SOURCES = "hubAllowedSources";
    private static final Logger log = LoggerFactory.getLogger(HttpEdge.class);

    private final ObjectMapper objectMapper;
    private final PartnerGroups partnerGroups;

    HttpEdge(ObjectMapper objectMapper, PartnerGroups partnerGroups) {
        this.objectMapper = objectMapper;
        this.partnerGroups = partnerGroups;
    }

    /** Checks the media type; returns the body as text (UTF-8, strictly decoded). */
    public String admit(Exchange exchange) {
        exchange.getMessage().setHeader(ALLOWED_SOURCES, allowedSources(exchange));
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !mediaType(contentType).equals(CLOUDEVENTS_JSON)) {
            throw new HttpProblemException(415, "Unsupported media type",
                    "Send a CloudEvent in structured mode with Content-Type: " + CLOUDEVENTS_JSON);
        }
        String charset = parameter(contentType, "charset");
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new HttpProblemException(415, "Unsupported media type", "Only UTF-8 is accepted");
        }
        // The size was bounded before the body was read (EventSizeLimitFilter).
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEventException(List.of(Violation.of("", "encoding", "the body is not valid UTF-8")));
        }
    }

    /** The sources the authenticated sender may send for: its partner groups' sources; all for administrators. */
    private String allowedSources(Exchange exchange) {
        PlatformHttpMessage message = exchange.getIn(PlatformHttpMessage.class);
        if (message == null || message.getRequest() == null) {
            throw new IllegalStateException("not an HTTP request");
        }
        HubPrincipal principal = HubPrincipal.of(message.getRequest());
        if (principal.isAdministrator()) {
            return "*";
        }
        return partnerGroups.allowedSources(principal.groups());
    }

    /** 202 with the event id: the event is durably recorded (applying may follow). */
    public String accepted(Exchange exchange) throws JsonProcessingException {
        Acceptance acceptance = exchange.getMessage().getBody(Acceptance.class);
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        return objectMapper.writeValueAsString(Map.of("id", acceptance.id(), "status", "accepted"));
    }

    /** Problem details (RFC 9457) for whatever went wrong; never echoes the offending values. */
    public String problem(Exchange exchange) throws JsonProcessingException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        int status;
        if (failure instanceof InvalidEventException invalid) {
            status = 400;
            problem.put("title", "Invalid event");
            problem.put("detail", invalid.violations().size() + " rule(s) broken; see errors");
            problem.put("errors", invalid.violations());
        } else if (failure instanceof SourceNotAllowedException) {
            status = 403;
            problem.put("title", "Source not allowed");
            problem.put("detail", failure.getMessage());
        } else if (failure instanceof DuplicateConflictException) {
            status = 409;
            problem.put("title", "Conflicting duplicate");
            problem.put("detail", failure.getMessage());
        } else if (failure instanceof HttpProblemException edge) {
            status = edge.status();
            problem.put("title", edge.title());
            problem.put("detail", edge.getMessage());
        } else {
            log.warn("Event not recorded: {}", failure == null ? "unknown failure" : failure.getClass().getName());
            status = 503;
            problem.put("title", "Not recorded");
            problem.put("detail", "The event was not recorded; send it again later.");
        }
        problem.put("status", status);
        problem.put("instance", "/api/events");
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, PROBLEM_JSON);
        return objectMapper.writeValueAsString(problem);
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase();
    }

    private static String parameter(String contentType, String name) {
        for (String part : contentType.split(";")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase(name)) {
                return pair[1].trim().replace("\"", "");
            }
        }
        return null;
    }
}
