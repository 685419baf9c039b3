package nl.utrecht.integrationhub.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.inbound.EventTypeCatalog.EventType;
import nl.utrecht.integrationhub.inbound.EventTypeCatalog.SubjectKind;

/**
 * Checks an inbound CloudEvent (structured JSON mode) against the envelope schema, the catalogue of
 * event types and sources, and its type's data schema (JSON Schema 2020-12 under config/schemas/).
 * Every broken rule is reported with a JSON Pointer; nothing is recorded for an invalid event.
 */
@Component
public class EventValidator {

    static final String ENVELOPE_SCHEMA = "cloudevent.schema.json";
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final int MAX_NESTING_DEPTH = 32;
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final EventTypeCatalog catalog;
    private final Path schemaDir;
    private final Clock clock;
    private final ObjectMapper strictMapper;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final List<EventRule> rules;

    public EventValidator(EventTypeCatalog catalog, @Value("${hub.schemas-dir:config/schemas}") Path schemaDir,
                          Clock clock, List<EventRule> rules) {
        this.catalog = catalog;
        this.rules = List.copyOf(rules);
        this.schemaDir = schemaDir;
        this.clock = clock;
        this.strictMapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.strictMapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
        JsonMetaSchema metaSchema = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .format(new PastDateFormat())
                .format(new BsnFormat())
                .build();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.metaSchema(metaSchema));
        this.config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
    }

    /** Parses and validates; returns the event as a tree, or throws {@link InvalidEventException}. */
    public JsonNode validate(String body) {
        JsonNode event;
        try {
            event = strictMapper.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw invalid(Violation.of("", "json-syntax", "the body is not well-formed JSON"));
        }
        if (event == null || event.isMissingNode() || !event.isObject()) {
            throw invalid(Violation.of("", "type", "a CloudEvent is a JSON object"));
        }
        List<Violation> violations = new ArrayList<>(check(schema(ENVELOPE_SCHEMA), event, ""));
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        String typeName = event.get("type").asText();
        EventType type = catalog.find(typeName).orElse(null);
        if (type == null) {
            throw invalid(Violation.of("/type", "unknown-type", "no event type of this name is known to the hub"));
        }
        if (!type.sources().contains(event.get("source").asText())) {
            violations.add(Violation.of("/source", "source-not-allowed", "this source may not send events of this type"));
        }
        violations.addAll(checkSubject(type.subject(), event.get("subject").asText()));
        violations.addAll(check(schema(type.schemaFile()), event.get("data"), "/data"));
        if (violations.isEmpty()) {
            rules.stream().filter(rule -> rule.type().equals(typeName))
                    .forEach(rule -> violations.addAll(rule.check(event)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        return event;
    }

    /**
     * Checks a message's data against a schema in the schema folder (for the hub's own outbound
     * messages); returns the violations, pointers under {@code /data}.
     */
    public List<Violation> validateData(String schemaFile, JsonNode data) {
        return check(schema(schemaFile), data, "/data");
    }

    /**
     * The JSON of a schema in the schema folder, as this validator loads and uses it (for the API
     * documents); empty when the folder has no such file.
     */
    public Optional<JsonNode> schemaJson(String schemaFile) {
        if (!Files.isRegularFile(schemaPath(schemaFile))) {
            return Optional.empty();
        }
        return Optional.of(schema(schemaFile).getSchemaNode().deepCopy());
    }

    private List<Violation> checkSubject(SubjectKind kind, String subject) {
        boolean nineDigits = subject.length() == 9 && subject.chars().allMatch(Character::isDigit);
        if (kind == SubjectKind.V_NUMBER_OR_BSN && nineDigits && !PersonIdentifiers.isBsn(subject)) {
            return List.of(Violation.of("/subject", "bsn-eleven-test", "a BSN must pass the 11-test"));
        }
        boolean ok = PersonIdentifiers.isVNumber(subject)
                || (kind == SubjectKind.V_NUMBER_OR_BSN && PersonIdentifiers.isBsn(subject));
        if (ok) {
            return List.of();
        }
        String rule = kind == SubjectKind.V_NUMBER ? "v-number" : "v-number-or-bsn";
        return List.of(Violation.of("/subject", rule, kind == SubjectKind.V_NUMBER
                ? "the subject must be a V-number of 10 digits"
                : "the subject must be a V-number of 10 digits or a BSN of 9 digits"));
    }

    private List<Violation> check(JsonSchema schema, JsonNode node, String prefix) {
        Set<ValidationMessage> messages = schema.validate(node, executionContext -> {
        });
        return messages.stream()
                .map(message -> toViolation(message, prefix))
                .distinct()
                .sorted(Comparator.comparing(Violation::pointer).thenComparing(Violation::rule))
                .toList();
    }

    private static Violation toViolation(ValidationMessage message, String prefix) {
        StringBuilder pointer = new StringBuilder(prefix);
        JsonNodePath location = message.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(location.getElement(i))));
        }
        String rule = message.getType();
        if ("required".equals(rule) || "dependentRequired".equals(rule)) {
            pointer.append('/').append(escape(message.getProperty()));
        } else if ("additionalProperties".equals(rule) || "unevaluatedProperties".equals(rule)) {
            pointer.append('/').append(escape(message.getProperty()));
            rule = "not-allowed";
        } else if ("propertyNames".equals(rule)) {
            pointer.append('/').append(escape(message.getProperty()));
        } else if ("format".equals(rule) && message.getSchemaNode() != null && message.getSchemaNode().isTextual()) {
            rule = "format:" + message.getSchemaNode().asText();
        }
        return Violation.of(pointer.toString(), rule, detail(message));
    }

    private static String detail(ValidationMessage message) {
        String text = message.getMessage();
        int colon = text.indexOf(": ");
        return colon >= 0 ? text.substring(colon + 2) : text;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private JsonSchema schema(String file) {
        return schemas.computeIfAbsent(file, name -> {
            Path path = schemaPath(name);
            try {
                JsonNode node = new ObjectMapper().readTree(Files.readString(path));
                return factory.getSchema(node, config);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema " + path, e);
            }
        });
    }

    /**
     * A schema's file: a bare name is in the schema folder (config/schemas); a path (a connector that
     * keeps its schemas elsewhere, see {@code schema} in the catalogue) is relative to the working directory.
     */
    private Path schemaPath(String file) {
        return file.contains("/") ? Path.of(file) : schemaDir.resolve(file);
    }

    private static InvalidEventException invalid(Violation violation) {
        return new InvalidEventException(List.of(violation));
    }

    /** {@code "format": "past-date"}: an ISO date that is not after today (Europe/Amsterdam). */
    private final class PastDateFormat implements Format {
        @Override
        public String getName() {
            return "past-date";
        }

        @Override
        public boolean matches(ExecutionContext executionContext, String value) {
            if (!ISO_DATE.matcher(value).matches()) {
                return false;
            }
            try {
                return !LocalDate.parse(value).isAfter(LocalDate.now(clock.withZone(AMSTERDAM)));
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        @Override
        public String getErrorMessageDescription() {
            return "an ISO date (yyyy-mm-dd) that is not in the future";
        }
    }

    /** {@code "format": "bsn"}: 9 digits passing the 11-test. */
    private static final class BsnFormat implements Format {
        @Override
        public String getName() {
            return "bsn";
        }

        @Override
        public boolean matches(ExecutionContext executionContext, String value) {
            return PersonIdentifiers.isBsn(value);
        }

        @Override
        public String getErrorMessageDescription() {
            return "a BSN of 9 digits passing the 11-test";
        }
    }
}
