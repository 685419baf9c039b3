package nl.utrecht.integrationhub.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CloudEvents as the simulated partners send them. Everything in an answer is derived from the request
 * it answers (ids, times, choices), so a redelivered request gives the very same answer: the hub's inbox
 * counts it as a duplicate, without a second effect.
 */
final class SimulatedEvents {

    static final ZoneId UTRECHT = ZoneId.of("Europe/Amsterdam");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private SimulatedEvents() {
    }

    /** A structured-mode CloudEvent. */
    static ObjectNode event(String id, String source, String type, String subject, Instant time, ObjectNode data) {
        ObjectNode event = NODES.objectNode();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", source);
        event.put("type", type);
        event.put("subject", subject);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).format(RFC3339));
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        return event;
    }

    static ObjectNode data() {
        return NODES.objectNode();
    }

    /**
     * The id of the answer of {@code type} to the request {@code requestId} (about {@code part}, e.g. one
     * member, or empty): {@code sim-} and a name-based UUID, the same every time.
     */
    static String answerId(String type, String requestId, String part) {
        return "sim-" + UUID.nameUUIDFromBytes((type + '\u0000' + requestId + '\u0000' + part)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A choice among {@code options} that is always the same for the same request. */
    static <T> T pick(List<T> options, String requestId, String salt) {
        return options.get(Math.floorMod((requestId + salt).hashCode(), options.size()));
    }

    /** A number in [0, 1) that is always the same for the same key. */
    static double fraction(String key) {
        return Math.floorMod(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).getLeastSignificantBits(),
                1_000_000L) / 1_000_000.0;
    }

    /** The Utrecht calendar day of a moment, never after today (a "past-date" field). */
    static LocalDate dayOf(Instant moment, Instant now) {
        LocalDate day = moment.atZone(UTRECHT).toLocalDate();
        LocalDate today = now.atZone(UTRECHT).toLocalDate();
        return day.isAfter(today) ? today : day;
    }
}
