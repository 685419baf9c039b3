package nl.utrecht.integrationhub.support;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CloudEvents as the partners send them, with obviously fake personal data: family name
 * "Testpersoon", V-numbers 99xxxxxxxx, BSN {@link #TEST_BSN}. Every call makes new ids, so tests never
 * meet each other's data (the PostgreSQL run shares one database). Returned as mutable trees, so a
 * test can break exactly one thing.
 */
public final class Events {

    public static final String TYPE_INTAKE = "nl.coa.azc-intake-registered";
    public static final String TYPE_DOSSIER_OPENED = "nl.vluchtelingenwerk.dossier-opened";
    public static final String SOURCE_COA = "urn:nl:coa";
    public static final String SOURCE_VLUCHTELINGENWERK = "urn:nl:vluchtelingenwerk-midden-nederland";
    /** A fake BSN that passes the 11-test. */
    public static final String TEST_BSN = "999999990";
    public static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private Events() {
    }

    /** A fresh fake V-number: "99" and 8 random digits. */
    public static String newVNumber() {
        return String.format("99%08d", RANDOM.nextInt(100_000_000));
    }

    /** A fresh event id. */
    public static String newEventId() {
        return "it-" + UUID.randomUUID();
    }

    /** Today in Utrecht: the business date the hub reasons with. */
    public static LocalDate today() {
        return LocalDate.now(AMSTERDAM);
    }

    /** The default arrival date of {@link #intake(String)}: two days ago. */
    public static LocalDate defaultArrivalDate() {
        return today().minusDays(2);
    }

    /**
     * An AZC intake of a household of two adults and two children, aged 4 and 13 on the arrival date
     * (so exactly one child of school age), arrived two days ago.
     */
    public static ObjectNode intake(String mainVNumber) {
        return intake(mainVNumber, defaultArrivalDate());
    }

    public static ObjectNode intake(String mainVNumber, LocalDate arrivalDate) {
        LocalDate mainBirthDate = LocalDate.of(1990, 5, 17);
        ObjectNode data = NODES.objectNode();
        data.put("vNumber", mainVNumber);
        data.put("familyName", "Testpersoon");
        data.put("givenNames", "Test");
        data.put("birthDate", mainBirthDate.toString());
        data.put("nationality", "XXA");
        data.putArray("languages").add("ar").add("en");
        data.put("azcLocation", "Ravellaan");
        data.put("arrivalDate", arrivalDate.toString());
        ArrayNode household = data.putArray("household");
        household.add(member(mainVNumber, mainBirthDate, "main"));
        household.add(member(newVNumber(), LocalDate.of(1992, 2, 29), "partner"));
        household.add(member(newVNumber(), arrivalDate.minusYears(4).minusMonths(2), "child"));
        household.add(member(newVNumber(), arrivalDate.minusYears(13).minusMonths(2), "child"));
        return envelope(TYPE_INTAKE, SOURCE_COA, mainVNumber, data);
    }

    /** Vluchtelingenwerk's system reports the dossier of {@code subject} (V-number or BSN) opened today. */
    public static ObjectNode dossierOpened(String subject, String dossierNumber) {
        ObjectNode data = NODES.objectNode();
        data.put("dossierNumber", dossierNumber);
        data.put("openedOn", today().toString());
        return envelope(TYPE_DOSSIER_OPENED, SOURCE_VLUCHTELINGENWERK, subject, data);
    }

    public static ObjectNode member(String vNumber, LocalDate birthDate, String relation) {
        ObjectNode member = NODES.objectNode();
        member.put("vNumber", vNumber);
        member.put("birthDate", birthDate.toString());
        member.put("relation", relation);
        return member;
    }

    /** The event's {@code data} object, to change in place. */
    public static ObjectNode data(JsonNode event) {
        return (ObjectNode) event.get("data");
    }

    /** The {@code index}th member of an intake's household, to change in place. */
    public static ObjectNode householdMember(JsonNode event, int index) {
        return (ObjectNode) event.get("data").get("household").get(index);
    }

    private static ObjectNode envelope(String type, String source, String subject, ObjectNode data) {
        ObjectNode event = NODES.objectNode();
        event.put("specversion", "1.0");
        event.put("id", newEventId());
        event.put("source", source);
        event.put("type", type);
        event.put("subject", subject);
        event.put("time", OffsetDateTime.now(ZoneOffset.UTC).format(RFC3339));
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        return event;
    }
}
