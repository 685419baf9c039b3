package nl.utrecht.integrationhub.support;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.utrecht.integrationhub.inbound.EventTypeCatalog;
import nl.utrecht.integrationhub.inbound.EventValidator;
import nl.utrecht.integrationhub.inbound.Violation;
import nl.utrecht.integrationhub.route.BusinessDates;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.json.SpinJsonNode;

/**
 * TEST-ONLY stand-in for the hub's {@code ${outboundMessage}} in process tests without Spring
 * ({@code camunda.cfg.xml}). It reads a send task's input parameters the way the hub's delegate does
 * ({@code messageType}, optional {@code personRef}, every other parameter one data field; dates as the
 * ISO business date in Utrecht, JSON variables as JSON), checks the data against
 * {@code config/schemas/<messageType>.schema.json} with the hub's own validator, and records the message
 * instead of writing an outbox row. A message that breaks its schema fails the job, as in the hub.
 *
 * <p>The record is static (the engine of the process tests lives for the whole JVM): call
 * {@link #reset()} before each test.
 */
public final class RecordingOutboundMessages implements JavaDelegate {

    /** One message a send task wrote. {@code personRef} is null for the case's main person. */
    public record Recorded(String messageType, String caseId, String personRef, ObjectNode data, String activityId) {
    }

    private static final List<Recorded> RECORDED = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();
    private static final EventValidator VALIDATOR = new EventValidator(new EventTypeCatalog(List.of()),
            Path.of("config/schemas"), Clock.systemUTC(), List.of());

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, Object> inputs = new TreeMap<>(execution.getVariablesLocal());
        Object messageType = inputs.remove("messageType");
        if (!(messageType instanceof String type) || type.isBlank()) {
            throw new IllegalStateException("send task " + execution.getCurrentActivityId()
                    + " has no input parameter messageType");
        }
        Object personRef = inputs.remove("personRef");
        Object caseId = execution.getVariable("caseId");
        if (!(caseId instanceof String)) {
            throw new IllegalStateException("send task " + execution.getCurrentActivityId() + " sees no caseId");
        }
        ObjectNode data = JSON.createObjectNode();
        inputs.forEach((name, value) -> data.set(name, toJson(value)));
        List<Violation> violations = VALIDATOR.validateData(type + ".schema.json", data);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("message " + type + " from " + execution.getCurrentActivityId()
                    + " breaks its schema: " + violations);
        }
        RECORDED.add(new Recorded(type, (String) caseId, personRef instanceof String ref && !ref.isBlank() ? ref : null,
                normalised(data), execution.getCurrentActivityId()));
    }

    private static JsonNode toJson(Object value) {
        if (value instanceof Date date) {
            return JSON.getNodeFactory().textNode(BusinessDates.dayOf(date).toString());
        }
        if (value instanceof SpinJsonNode json) {
            try {
                return JSON.readTree(json.toString());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON variable could not be read", e);
            }
        }
        return JSON.valueToTree(value);
    }

    /** The data as it travels (JSON text) and is read back: numbers compare by value, not by Java type. */
    private static ObjectNode normalised(ObjectNode data) {
        try {
            return (ObjectNode) JSON.readTree(data.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Expected data for assertions, written with single quotes: {@code json("{'adults': 2}")}. */
    public static JsonNode json(String text) {
        try {
            return LENIENT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    /** Forgets every recorded message. */
    public static void reset() {
        RECORDED.clear();
    }

    /** Every message recorded since the last reset, in the order written. */
    public static List<Recorded> all() {
        return List.copyOf(RECORDED);
    }

    /** The messages of one type recorded since the last reset. */
    public static List<Recorded> ofType(String messageType) {
        return RECORDED.stream().filter(message -> message.messageType().equals(messageType)).toList();
    }

    /** The one message of this type recorded since the last reset; fails if there is none or more than one. */
    public static Recorded sentOnce(String messageType) {
        List<Recorded> sent = ofType(messageType);
        if (sent.size() != 1) {
            throw new AssertionError("expected exactly one " + messageType + " message, recorded " + sent.size()
                    + ": " + all());
        }
        return sent.get(0);
    }
}
