package nl.utrecht.integrationhub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import nl.utrecht.integrationhub.inbound.EventTypeCatalog.EventType;
import nl.utrecht.integrationhub.inbound.EventTypeCatalog.SubjectKind;
import nl.utrecht.integrationhub.outbound.OutboundTypes;

/**
 * The validator as the hub runs it (config/hub-events.yaml, config/schemas/, the intake's cross-field
 * rules), without Spring, on a fixed day: 1 June 2026 in Utrecht. Every person in here is made up.
 */
class EventValidatorTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final Path SCHEMAS = Path.of("config/schemas");
    private static final Path HUB_EVENTS = Path.of("config/hub-events.yaml");
    private static final String INTAKE = "nl.coa.azc-intake-registered";
    private static final String DOSSIER_OPENED = "nl.vluchtelingenwerk.dossier-opened";
    private static final String MAIN = "1234567890";
    private static final String CHILD = "1234567891";

    private final ObjectMapper json = new ObjectMapper();
    private EventValidator validator;

    @BeforeEach
    void createValidator() throws ReflectiveOperationException, IOException {
        validator = validatorAt(ZonedDateTime.of(2026, 6, 1, 12, 0, 0, 0, AMSTERDAM));
    }

    // --- valid events ---

    @Test
    void acceptsValidIntakeAndReturnsItsTree() throws IOException {
        ObjectNode intake = intake();

        JsonNode tree = validator.validate(json.writeValueAsString(intake));

        assertThat(tree).isEqualTo(intake);
        assertThat(tree.at("/data/household/1/vNumber").asText()).isEqualTo(CHILD);
    }

    @Test
    void acceptsValidDossierOpenedWithBsnOrVNumberAsSubject() throws IOException {
        assertThat(validator.validate(body(dossierOpened()))).isNotNull();
        assertThat(validator.validate(body(dossierOpened(), e -> e.put("subject", "111222333")))).isNotNull();
        assertThat(validator.validate(body(dossierOpened(), e -> e.put("subject", MAIN)))).isNotNull();
    }

    @Test
    void acceptsExtensionAttributesOfSimpleTypes() throws IOException {
        String body = body(intake(), e -> e.put("traceparent", "00-abc-def-01").put("partition", 3).put("replay", false));

        assertThat(validator.validate(body).get("partition").asInt()).isEqualTo(3);
    }

    @Test
    void acceptsDatesOfTodayInUtrechtEvenWhileItIsStillYesterdayInUtc() throws Exception {
        EventValidator justAfterMidnight = validatorAt(ZonedDateTime.of(2026, 6, 1, 0, 30, 0, 0, AMSTERDAM));
        String body = body(intake(), e -> data(e).put("arrivalDate", "2026-06-01"));

        assertThat(justAfterMidnight.validate(body)).isNotNull();
    }

    // --- envelope ---

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data"})
    void rejectsEnvelopeWithoutRequiredAttribute(String attribute) throws IOException {
        assertThat(violations(body(intake(), e -> e.remove(attribute))))
                .extracting(Violation::pointer, Violation::rule)
                .containsExactly(tuple("/" + attribute, "required"));
    }

    @Test
    void rejectsOtherSpecVersion() throws IOException {
        assertSingleViolation(body(intake(), e -> e.put("specversion", "0.3")), "/specversion", "const");
    }

    @Test
    void rejectsIdWithCharactersOutsideTheAllowedSet() throws IOException {
        assertSingleViolation(body(intake(), e -> e.put("id", "evt 1")), "/id", "pattern");
    }

    @Test
    void rejectsSourceThatIsNoDutchUrn() throws IOException {
        assertSingleViolation(body(intake(), e -> e.put("source", "https://coa.example")), "/source", "pattern");
    }

    @Test
    void rejectsTypeNotInReverseDomainForm() throws IOException {
        assertSingleViolation(body(intake(), e -> e.put("type", "AzcIntakeRegistered")), "/type", "pattern");
    }

    @Test
    void rejectsSubjectThatIsNoPersonNumber() throws IOException {
        assertSingleViolation(body(intake(), e -> e.put("subject", "12345")), "/subject", "pattern");
    }

    @Test
    void rejectsTimeThatIsNoRfc3339DateTime() throws IOException {
        assertSingleViolation(body(intake(), e -> e.put("time", "yesterday")), "/time", "format:date-time");
    }

    @Test
    void rejectsDataContentTypeOtherThanJson() throws IOException {
        assertSingleViolation(body(intake(), e -> e.put("datacontenttype", "application/xml")), "/datacontenttype", "const");
    }

    @Test
    void rejectsDataThatIsNoObject() throws IOException {
        assertSingleViolation(body(intake(), e -> e.putArray("data")), "/data", "type");
    }

    @Test
    void rejectsExtensionAttributeWithStructuredValue() throws IOException {
        assertSingleViolation(body(intake(), e -> e.putObject("partnerinfo").put("x", 1)), "/partnerinfo", "type");
    }

    @Test
    void pointsAtExtensionAttributeWhoseNameCloudEventsDoesNotAllow() throws IOException {
        assertSingleViolation(body(intake(), e -> e.put("Partner_Info", "x")), "/Partner_Info", "propertyNames");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"event\"", "42", "null", ""})
    void rejectsBodyThatIsNoJsonObject(String body) {
        assertThat(violations(body)).extracting(Violation::pointer).containsExactly("");
    }

    // --- catalogue ---

    @Test
    void rejectsUnknownType() throws IOException {
        assertSingleViolation(body(intake(), e -> e.put("type", "nl.coa.azc-intake-cancelled")), "/type", "unknown-type");
    }

    @Test
    void rejectsSourceNotAllowedToSendTheType() throws IOException {
        assertSingleViolation(body(intake(), e -> e.put("source", "urn:nl:vluchtelingenwerk-midden-nederland")),
                "/source", "source-not-allowed");
    }

    // --- subject ---

    @Test
    void rejectsBsnAsSubjectWhereOnlyVNumberIsAllowed() throws IOException {
        assertSingleViolation(body(intake(), e -> e.put("subject", "999999990")), "/subject", "v-number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789", "000000000"})
    void rejectsBsnFailingElevenTest(String subject) throws IOException {
        assertSingleViolation(body(dossierOpened(), e -> e.put("subject", subject)), "/subject", "bsn-eleven-test");
    }

    // --- data schema ---

    @Test
    void rejectsIntakeWithoutRequiredProperty() throws IOException {
        assertSingleViolation(body(intake(), e -> data(e).remove("nationality")), "/data/nationality", "required");
    }

    @Test
    void pointsAtTheMissingPropertyOfAHouseholdMember() throws IOException {
        assertSingleViolation(body(intake(), e -> member(e, 0).remove("birthDate")),
                "/data/household/0/birthDate", "required");
    }

    @Test
    void rejectsPropertyTheSchemaDoesNotDefine() throws IOException {
        assertSingleViolation(body(intake(), e -> data(e).put("bsn", "999999990")), "/data/bsn", "not-allowed");
    }

    @Test
    void rejectsHouseholdMemberPropertyTheSchemaDoesNotDefine() throws IOException {
        assertSingleViolation(body(intake(), e -> member(e, 1).put("nickname", "Testkind")),
                "/data/household/1/nickname", "not-allowed");
    }

    @Test
    void escapesSlashAndTildeInPointers() throws IOException {
        assertSingleViolation(body(intake(), e -> data(e).put("a/b~c", "x")), "/data/a~1b~0c", "not-allowed");
    }

    @Test
    void rejectsDateAfterToday() throws IOException {
        assertSingleViolation(body(intake(), e -> data(e).put("arrivalDate", "2026-06-02")),
                "/data/arrivalDate", "format:past-date");
    }

    @Test
    void rejectsDateThatIsNoIsoDate() throws IOException {
        assertSingleViolation(body(intake(), e -> member(e, 1).put("birthDate", "01-03-2015")),
                "/data/household/1/birthDate", "format:past-date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0001-01-01", "+2001-01-01", "0000-01-01x", "2001-1-1", "2001-02-30", " 2001-01-01"})
    void rejectsDateNotWrittenAsYyyyMmDd(String date) throws IOException {
        assertSingleViolation(body(intake(), e -> member(e, 1).put("birthDate", date)),
                "/data/household/1/birthDate", "format:past-date");
    }

    @Test
    void acceptsDateOfToday() throws IOException {
        assertThat(validator.validate(body(dossierOpened(), e -> data(e).put("openedOn", "2026-06-01")))).isNotNull();
    }

    @Test
    void rejectsValueOutsideEnumeration() throws IOException {
        assertSingleViolation(body(intake(), e -> data(e).put("azcLocation", "Overvecht")), "/data/azcLocation", "enum");
        assertSingleViolation(body(intake(), e -> member(e, 1).put("relation", "cousin")),
                "/data/household/1/relation", "enum");
    }

    @Test
    void rejectsValueNotMatchingPattern() throws IOException {
        assertSingleViolation(body(intake(), e -> data(e).put("nationality", "sy")), "/data/nationality", "pattern");
        assertSingleViolation(body(intake(), e -> languages(e).set(1, json.getNodeFactory().textNode("English"))),
                "/data/languages/1", "pattern");
        assertSingleViolation(body(dossierOpened(), e -> data(e).put("dossierNumber", "VW 1")),
                "/data/dossierNumber", "pattern");
    }

    // --- cross-field rules of the intake ---

    @Test
    void rejectsHouseholdWithoutMainPerson() throws IOException {
        assertSingleViolation(body(intake(), e -> household(e).remove(0)), "/data/household", "contains-main-person");
    }

    @Test
    void rejectsSubjectOtherThanTheMainPerson() throws IOException {
        assertSingleViolation(body(intake(), e -> e.put("subject", CHILD)), "/subject", "subject-is-main-person");
    }

    @Test
    void rejectsHouseholdMemberListedTwice() throws IOException {
        assertSingleViolation(body(intake(), e -> household(e).add(member(e, 1).deepCopy())),
                "/data/household/2/vNumber", "unique");
    }

    @Test
    void rejectsMemberBornAfterArrival() throws IOException {
        assertSingleViolation(body(intake(), e -> member(e, 1).put("birthDate", "2026-05-31")),
                "/data/household/1/birthDate", "not-after-arrival");
    }

    @Test
    void rejectsMainPersonWhoseBirthDateDiffersFromTheHousehold() throws IOException {
        assertSingleViolation(body(intake(), e -> member(e, 0).put("birthDate", "1990-01-02")),
                "/data/household/0/birthDate", "matches-main-person");
    }

    @Test
    void checksCrossFieldRulesOnlyOnceTheSchemasPass() throws IOException {
        String body = body(intake(), e -> {
            e.put("subject", CHILD);
            data(e).put("nationality", "sy");
        });

        assertThat(violations(body)).extracting(Violation::rule).containsExactly("pattern");
    }

    // --- several at once ---

    @Test
    void reportsEveryBrokenRuleTogether() throws IOException {
        String body = body(intake(), e -> {
            e.put("source", "urn:nl:vluchtelingenwerk-midden-nederland");
            e.put("subject", "999999990");
            data(e).remove("familyName");
            data(e).put("azcLocation", "Overvecht");
            member(e, 1).put("nickname", "Testkind");
        });

        assertThat(violations(body)).extracting(Violation::pointer, Violation::rule).containsExactlyInAnyOrder(
                tuple("/source", "source-not-allowed"),
                tuple("/subject", "v-number"),
                tuple("/data/familyName", "required"),
                tuple("/data/azcLocation", "enum"),
                tuple("/data/household/1/nickname", "not-allowed"));
    }

    @Test
    void reportsEveryBrokenEnvelopeRuleTogether() throws IOException {
        String body = body(intake(), e -> {
            e.remove("id");
            e.put("specversion", "1.1");
            e.put("time", "gisteren");
        });

        assertThat(violations(body)).extracting(Violation::pointer, Violation::rule).containsExactlyInAnyOrder(
                tuple("/id", "required"),
                tuple("/specversion", "const"),
                tuple("/time", "format:date-time"));
    }

    // --- what the sender hears never repeats what it sent ---

    @Test
    void neverRepeatsTheOffendingDataValuesInTheViolations() throws IOException {
        String body = body(intake(), e -> {
            data(e).put("familyName", "Qxzwv".repeat(50));
            data(e).put("nationality", "QXZWV");
            data(e).put("azcLocation", "Qxzwv-laan");
            data(e).put("birthDate", "2099-07-13");
            data(e).put("tribe", "Qxzwv-secret");
            languages(e).add("qxzwv");
            member(e, 1).put("relation", "qxzwv-cousin");
            member(e, 1).put("vNumber", "98765432");
        });

        InvalidEventException invalid = invalid(body);

        assertThat(invalid.violations()).hasSizeGreaterThanOrEqualTo(7)
                .allSatisfy(v -> assertThat(v.detail()).doesNotContainIgnoringCase("qxzwv")
                        .doesNotContain("2099-07-13").doesNotContain("98765432"));
        assertThat(invalid.getMessage()).doesNotContainIgnoringCase("qxzwv").doesNotContain("98765432");
    }

    @Test
    void neverRepeatsTheOffendingEnvelopeValuesInTheViolations() throws IOException {
        String body = body(intake(), e -> {
            e.put("id", "qxzwv id");
            e.put("specversion", "qxzwv");
            e.put("time", "qxzwv-2099");
            e.put("datacontenttype", "text/qxzwv");
            e.putArray("qxzwvext").add("qxzwv");
        });

        assertThat(invalid(body).violations()).hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(v -> assertThat(v.detail()).doesNotContainIgnoringCase("qxzwv"));
    }

    @Test
    void neverRepeatsTheSubjectInTheViolations() throws IOException {
        assertThat(invalid(body(dossierOpened(), e -> e.put("subject", "987654321"))).violations())
                .allSatisfy(v -> assertThat(v.detail() + v.pointer()).doesNotContain("987654321"));
    }

    // --- JSON syntax ---

    @Test
    void rejectsMalformedJson() throws IOException {
        String valid = body(intake());

        assertSingleViolation(valid.substring(0, valid.length() - 2), "", "json-syntax");
        assertSingleViolation("{\"specversion\": '1.0'}", "", "json-syntax");
    }

    @Test
    void rejectsDuplicateKeys() throws IOException {
        String body = "{\"subject\":\"1234567891\"," + body(intake()).substring(1);

        assertSingleViolation(body, "", "json-syntax");
    }

    @Test
    void rejectsDuplicateKeysInsideData() throws IOException {
        String body = body(intake()).replace("\"familyName\":", "\"familyName\":\"Ander\",\"familyName\":");

        assertSingleViolation(body, "", "json-syntax");
    }

    @ParameterizedTest
    @ValueSource(strings = {" x", " {}", "\n{\"id\":\"evt-2\"}", "]"})
    void rejectsTrailingGarbage(String garbage) throws IOException {
        assertSingleViolation(body(intake()) + garbage, "", "json-syntax");
    }

    @Test
    void rejectsNestingDeeperThan32() throws IOException {
        String body = body(intake(), e -> {
            ObjectNode node = e.putObject("deep");
            for (int depth = 3; depth <= 33; depth++) {
                node = node.putObject("d");
            }
        });

        assertSingleViolation(body, "", "json-syntax");
    }

    @Test
    void parsesNestingOf32() throws IOException {
        String body = body(intake(), e -> {
            ObjectNode node = e.putObject("deep");
            for (int depth = 3; depth <= 32; depth++) {
                node = node.putObject("d");
            }
        });

        assertThat(violations(body)).extracting(Violation::rule).doesNotContain("json-syntax");
    }

    // --- the configuration the validator reads ---

    @Test
    void everySchemaIsJsonSchema202012WithoutRemoteReferences() throws IOException {
        List<Path> files = schemaFiles();

        assertThat(files).isNotEmpty().allSatisfy(file -> {
            JsonNode schema = json.readTree(Files.readString(file));
            assertThat(schema.path("$schema").asText()).as(file.toString())
                    .isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(references(schema)).as(file + " $ref").allSatisfy(ref ->
                    assertThat(ref).startsWith("#"));
        });
    }

    @Test
    void everyEventTypeHasItsSchemaAndEverySchemaItsEventType() throws IOException {
        Set<String> declared = catalog().eventTypes().stream().map(EventType::schemaFile).collect(Collectors.toSet());
        Set<String> outbound = outboundTypes().outboundTypes().stream()
                .map(OutboundTypes.OutboundType::schemaFile).collect(Collectors.toSet());
        Set<String> present = schemaFiles().stream().map(file -> file.getFileName().toString())
                .filter(name -> !name.equals(EventValidator.ENVELOPE_SCHEMA))
                .filter(name -> !outbound.contains(name))
                .collect(Collectors.toSet());

        assertThat(declared).isNotEmpty().isEqualTo(present);
    }

    @Test
    void everyEventTypeMayBeSentByAtLeastOneSource() throws IOException {
        assertThat(catalog().eventTypes()).allSatisfy(type -> {
            assertThat(type.sources()).as(type.type()).isNotEmpty()
                    .allSatisfy(source -> assertThat(source).matches("^urn:nl:[a-z0-9-]+(:[a-z0-9-]+)*$"));
            assertThat(type.subject()).isNotNull();
        });
        assertThat(catalog().find(INTAKE)).get().extracting(EventType::subject).isEqualTo(SubjectKind.V_NUMBER);
        assertThat(catalog().find(DOSSIER_OPENED)).get().extracting(EventType::subject)
                .isEqualTo(SubjectKind.V_NUMBER_OR_BSN);
    }

    /** The README's curl examples (docs/examples/) stay valid events. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedExamples")
    void everyDocumentedExampleIsAValidEvent(Path example) throws Exception {
        EventValidator validator = validatorAt(ZonedDateTime.of(2027, 1, 1, 12, 0, 0, 0, AMSTERDAM));

        JsonNode event = validator.validate(Files.readString(example));

        assertThat(event.get("type").asText()).isNotBlank();
    }

    static Stream<Path> documentedExamples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("docs/examples"))) {
            List<Path> examples = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
            assertThat(examples).as("examples in docs/examples").isNotEmpty();
            return examples.stream();
        }
    }

    // --- helpers ---

    private EventValidator validatorAt(ZonedDateTime now) throws ReflectiveOperationException, IOException {
        // in UTC, as a server's default clock often is: the validator must judge dates in Utrecht itself
        Clock clock = Clock.fixed(now.toInstant(), ZoneOffset.UTC);
        return new EventValidator(catalog(), SCHEMAS, clock, List.of(intakeRules()));
    }

    /** The catalogue bound from config/hub-events.yaml the way Spring Boot binds it. */
    private static EventTypeCatalog catalog() throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                .load("hub-events", new FileSystemResource(HUB_EVENTS));
        return new Binder(ConfigurationPropertySources.from(sources)).bind("hub", EventTypeCatalog.class)
                .orElseThrow(() -> new IllegalStateException("no event types in " + HUB_EVENTS));
    }

    /** The hub's own outbound message types (config/hub-connectors.yaml): their schemas are not inbound types. */
    private static OutboundTypes outboundTypes() throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                .load("hub-connectors", new FileSystemResource("config/hub-connectors.yaml"));
        return new Binder(ConfigurationPropertySources.from(sources)).bind("hub", OutboundTypes.class)
                .orElseThrow(() -> new IllegalStateException("no outbound types in config/hub-connectors.yaml"));
    }

    /** The intake's cross-field rules, package-private in the intake package. */
    private static EventRule intakeRules() throws ReflectiveOperationException {
        Constructor<?> constructor = Class.forName("nl.utrecht.integrationhub.intake.IntakeRules")
                .getDeclaredConstructor();
        constructor.setAccessible(true);
        return (EventRule) constructor.newInstance();
    }

    private static List<Path> schemaFiles() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".schema.json")).sorted().toList();
        }
    }

    private static List<String> references(JsonNode node) {
        List<String> refs = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref") || field.getKey().equals("$dynamicRef")) {
                    refs.add(field.getValue().asText());
                }
                refs.addAll(references(field.getValue()));
            });
        } else if (node.isArray()) {
            node.forEach(element -> refs.addAll(references(element)));
        }
        return refs;
    }

    private ObjectNode intake() {
        ObjectNode event = envelope(INTAKE, "urn:nl:coa", MAIN);
        ObjectNode data = event.putObject("data")
                .put("vNumber", MAIN)
                .put("familyName", "Testpersoon")
                .put("givenNames", "Test")
                .put("birthDate", "1990-01-01")
                .put("nationality", "SYR");
        data.putArray("languages").add("ar").add("en");
        data.put("azcLocation", "Ravellaan").put("arrivalDate", "2026-05-30");
        ArrayNode household = data.putArray("household");
        household.addObject().put("vNumber", MAIN).put("birthDate", "1990-01-01").put("relation", "main");
        household.addObject().put("vNumber", CHILD).put("birthDate", "2015-03-01").put("relation", "child");
        return event;
    }

    private ObjectNode dossierOpened() {
        ObjectNode event = envelope(DOSSIER_OPENED, "urn:nl:vluchtelingenwerk-midden-nederland", "999999990");
        event.putObject("data").put("dossierNumber", "VWMN-2026-0001").put("openedOn", "2026-05-31");
        return event;
    }

    private ObjectNode envelope(String type, String source, String subject) {
        return json.createObjectNode()
                .put("specversion", "1.0")
                .put("id", "evt-2026-0001")
                .put("source", source)
                .put("type", type)
                .put("subject", subject)
                .put("time", "2026-05-31T10:15:00+02:00")
                .put("datacontenttype", "application/json");
    }

    private static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    private static ArrayNode household(ObjectNode event) {
        return (ArrayNode) data(event).get("household");
    }

    private static ArrayNode languages(ObjectNode event) {
        return (ArrayNode) data(event).get("languages");
    }

    private static ObjectNode member(ObjectNode event, int index) {
        return (ObjectNode) household(event).get(index);
    }

    private String body(ObjectNode event) throws IOException {
        return json.writeValueAsString(event);
    }

    private String body(ObjectNode event, Consumer<ObjectNode> change) throws IOException {
        change.accept(event);
        return json.writeValueAsString(event);
    }

    private InvalidEventException invalid(String body) {
        InvalidEventException invalid = catchThrowableOfType(InvalidEventException.class, () -> validator.validate(body));
        assertThat(invalid).as("validation of an invalid event").isNotNull();
        return invalid;
    }

    private List<Violation> violations(String body) {
        return invalid(body).violations();
    }

    private void assertSingleViolation(String body, String pointer, String rule) {
        assertThat(violations(body)).extracting(Violation::pointer, Violation::rule)
                .containsExactly(tuple(pointer, rule));
    }
}
