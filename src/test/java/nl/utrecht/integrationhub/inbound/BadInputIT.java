package nl.utrecht.integrationhub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * Bad input over HTTP: each row breaks one thing of an otherwise valid event and expects the status
 * and, for 400, the JSON Pointer and rule among the problem's {@code errors}. Nothing may be recorded
 * and the answer may not repeat the personal data sent.
 */
@HubIntegrationTest
class BadInputIT extends EndToEndTest {

    private static final String CE = HubTestClient.CLOUDEVENTS_JSON;
    /** hub.inbound.max-event-bytes as application.yaml sets it. */
    private static final int MAX_EVENT_BYTES = 262_144;

    Credentials coa;

    @BeforeEach
    void setUp() {
        coa = TestUsers.coa(identityService);
    }

    /**
     * One bad request: the event it starts from, what breaks it, how it is sent, and what the hub must
     * answer. {@code pointer} and {@code rule} are null for answers other than 400.
     */
    record BadInput(String name, ObjectNode event, Body body, String contentType, int status, String pointer,
                    String rule, List<String> mustNotEcho) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** Turns the (already broken) event into the bytes sent. */
    interface Body {
        byte[] of(ObjectNode event);

        Body AS_IS = event -> event.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Stream<BadInput> badInputs() {
        List<BadInput> rows = new ArrayList<>();
        // --- the body is not a CloudEvent at all
        rows.add(raw("malformed JSON", event -> event.toString().substring(0, 60).getBytes(StandardCharsets.UTF_8),
                400, "", "json-syntax"));
        rows.add(raw("JSON array instead of object", event -> ("[" + event + "]").getBytes(StandardCharsets.UTF_8),
                400, "", "type"));
        rows.add(raw("invalid UTF-8 bytes", BadInputIT::withInvalidUtf8, 400, "", "encoding"));
        // --- envelope
        rows.add(intake("specversion missing", event -> event.remove("specversion"), "/specversion", "required"));
        rows.add(intake("specversion 0.3", event -> event.put("specversion", "0.3"), "/specversion", "const"));
        rows.add(intake("id missing", event -> event.remove("id"), "/id", "required"));
        rows.add(intake("source missing", event -> event.remove("source"), "/source", "required"));
        rows.add(intake("unknown type", event -> event.put("type", "nl.coa.azc-intake-cancelled"), "/type",
                "unknown-type"));
        rows.add(intake("source not allowed for the type", event -> event.put("source", "urn:nl:duo"), "/source",
                "source-not-allowed"));
        rows.add(intake("subject missing", event -> event.remove("subject"), "/subject", "required"));
        rows.add(intake("subject with letters", event -> event.put("subject", "99AB123456"), "/subject", "pattern",
                "99AB123456"));
        rows.add(intake("subject of 9 digits (failing the 11-test) where a V-number is required",
                event -> event.put("subject", "999999991"), "/subject", "v-number", "999999991"));
        rows.add(dossierOpened("subject of 9 digits failing the 11-test where a V-number or BSN is allowed",
                event -> event.put("subject", "999999991"), "/subject", "bsn-eleven-test", "999999991"));
        rows.add(intake("time not a date-time", event -> event.put("time", "gisteren om 10 uur"), "/time",
                "format:date-time"));
        rows.add(intake("datacontenttype not application/json", event -> event.put("datacontenttype", "text/plain"),
                "/datacontenttype", "const"));
        rows.add(intake("data missing", event -> event.remove("data"), "/data", "required"));
        rows.add(intake("unknown envelope attribute", event -> event.put("Partner", "x"), "/Partner", "propertyNames"));
        // --- data of the intake
        rows.add(intake("data.vNumber not 10 digits", event -> {
            String bad = "99X" + event.get("subject").asText().substring(3);
            Events.data(event).put("vNumber", bad);
            Events.householdMember(event, 0).put("vNumber", bad);
        }, "/data/vNumber", "pattern"));
        rows.add(intake("data.azcLocation not one of the three", event -> Events.data(event).put("azcLocation", "Overvecht"),
                "/data/azcLocation", "enum"));
        rows.add(intake("data.arrivalDate in the future",
                event -> Events.data(event).put("arrivalDate", Events.today().plusDays(1).toString()),
                "/data/arrivalDate", "format:past-date"));
        rows.add(intake("household member without birthDate", event -> Events.householdMember(event, 0).remove("birthDate"),
                "/data/household/0/birthDate", "required"));
        rows.add(intake("household member born in the future",
                event -> Events.householdMember(event, 3).put("birthDate", Events.today().plusYears(1).toString()),
                "/data/household/3/birthDate", "format:past-date"));
        rows.add(intake("household without the main person", event -> {
            ObjectNode data = Events.data(event);
            data.withArray("household").remove(0);
        }, "/data/household", "contains-main-person"));
        rows.add(intake("unknown field in data", event -> Events.data(event).put("religion", "none"),
                "/data/religion", "not-allowed", "none"));
        rows.add(intake("subject differs from data.vNumber", event -> event.put("subject", Events.newVNumber()),
                "/subject", "subject-is-main-person"));
        rows.add(intake("household member born after arrival",
                event -> Events.householdMember(event, 3).put("birthDate", Events.today().toString()),
                "/data/household/3/birthDate", "not-after-arrival"));
        rows.add(intake("household member listed twice", event -> Events.data(event).withArray("household")
                .add(Events.householdMember(event, 1).deepCopy()), "/data/household/4/vNumber", "unique"));
        rows.add(intake("main person's birthDate differs in the household",
                event -> Events.householdMember(event, 0).put("birthDate", "1990-05-18"),
                "/data/household/0/birthDate", "matches-main-person"));
        rows.add(dossierOpened("dossier opened in the future",
                event -> Events.data(event).put("openedOn", Events.today().plusDays(2).toString()),
                "/data/openedOn", "format:past-date"));
        // --- the HTTP edge
        rows.add(new BadInput("Content-Type application/json", Events.intake(Events.newVNumber()), Body.AS_IS,
                "application/json", 415, null, null, List.of()));
        rows.add(new BadInput("Content-Type missing", Events.intake(Events.newVNumber()), Body.AS_IS,
                null, 415, null, null, List.of()));
        rows.add(new BadInput("charset ISO-8859-1", Events.intake(Events.newVNumber()), Body.AS_IS,
                CE + "; charset=ISO-8859-1", 415, null, null, List.of()));
        rows.add(new BadInput("body over the size limit", Events.intake(Events.newVNumber()),
                event -> padded(event, MAX_EVENT_BYTES + 1), CE, 413, null, null, List.of()));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedAndNotRecorded(BadInput input) {
        String eventId = input.event().path("id").asText(null);
        byte[] body = input.body().of(input.event());

        Response answer = hub.postEvent(body, input.contentType(), coa);

        assertAll(
                () -> assertThat(answer.status()).as(answer.toString()).isEqualTo(input.status()),
                () -> assertThat(answer.isProblem()).as("problem+json: " + answer).isTrue(),
                () -> assertThat(answer.json().path("status").asInt()).isEqualTo(input.status()),
                () -> {
                    if (input.status() == 400) {
                        assertThat(violations(answer.json())).as(answer.body())
                                .contains(input.pointer() + " " + input.rule());
                    }
                },
                () -> assertThat(answer.body()).as("the answer repeats no personal data")
                        .doesNotContain(personalValues(input)),
                () -> {
                    if (eventId != null) {
                        assertThat(state.inboxRows(eventId)).as("inbox rows for " + eventId).isZero();
                    }
                });
    }

    @Test
    void oversizedBodyWithoutContentLengthIsRefused() {
        ObjectNode intake = Events.intake(Events.newVNumber());

        Response answer = hub.postEventChunked(padded(intake, MAX_EVENT_BYTES + 1), CE, coa);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
        assertThat(answer.isProblem()).isTrue();
        assertThat(state.inboxRows(intake.get("id").asText())).isZero();
    }

    @Test
    void bodyOfExactlyTheLimitIsAccepted() {
        ObjectNode intake = Events.intake(Events.newVNumber());

        Response answer = hub.postEvent(padded(intake, MAX_EVENT_BYTES), CE, coa);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(state.inboxRows(intake.get("id").asText())).isEqualTo(1);
    }

    private static BadInput intake(String name, Consumer<ObjectNode> breakIt, String pointer, String rule,
                                   String... mustNotEcho) {
        ObjectNode event = Events.intake(Events.newVNumber());
        breakIt.accept(event);
        return new BadInput(name, event, Body.AS_IS, CE, 400, pointer, rule, List.of(mustNotEcho));
    }

    private static BadInput dossierOpened(String name, Consumer<ObjectNode> breakIt, String pointer, String rule,
                                          String... mustNotEcho) {
        ObjectNode event = Events.dossierOpened(Events.newVNumber(), "VW-IT-0001");
        breakIt.accept(event);
        return new BadInput(name, event, Body.AS_IS, CE, 400, pointer, rule, List.of(mustNotEcho));
    }

    private static BadInput raw(String name, Body body, int status, String pointer, String rule) {
        return new BadInput(name, Events.intake(Events.newVNumber()), body, CE, status, pointer, rule, List.of());
    }

    /** "pointer rule" of every error in a problem. */
    private static List<String> violations(JsonNode problem) {
        List<String> violations = new ArrayList<>();
        problem.path("errors").forEach(error -> violations.add(error.path("pointer").asText() + " "
                + error.path("rule").asText()));
        return violations;
    }

    /** The personal values the event carried (V-numbers, names, birth dates) plus the row's own. */
    private static String[] personalValues(BadInput input) {
        List<String> values = new ArrayList<>(input.mustNotEcho());
        JsonNode event = input.event();
        if (event.hasNonNull("subject")) {
            values.add(event.get("subject").asText());
        }
        JsonNode data = event.path("data");
        for (String field : List.of("vNumber", "familyName", "givenNames", "birthDate")) {
            if (data.hasNonNull(field)) {
                values.add(data.get(field).asText());
            }
        }
        data.path("household").forEach(member -> {
            if (member.hasNonNull("vNumber")) {
                values.add(member.get("vNumber").asText());
            }
            if (member.hasNonNull("birthDate")) {
                values.add(member.get("birthDate").asText());
            }
        });
        return values.toArray(String[]::new);
    }

    /** The event with a bad byte sequence (0xC3 0x28) inside its family name. */
    private static byte[] withInvalidUtf8(ObjectNode event) {
        Events.data(event).put("familyName", "Testpersoon#");
        byte[] bytes = event.toString().getBytes(StandardCharsets.UTF_8);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf('#');
        bytes[at] = (byte) 0xC3;
        byte[] bad = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, bad, 0, at + 1);
        bad[at + 1] = (byte) 0x28;
        System.arraycopy(bytes, at + 1, bad, at + 2, bytes.length - at - 1);
        return bad;
    }

    /** The event followed by spaces (still valid JSON) up to {@code size} bytes. */
    private static byte[] padded(ObjectNode event, int size) {
        byte[] json = event.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[size];
        System.arraycopy(json, 0, body, 0, json.length);
        Arrays.fill(body, json.length, size, (byte) ' ');
        return body;
    }
}
