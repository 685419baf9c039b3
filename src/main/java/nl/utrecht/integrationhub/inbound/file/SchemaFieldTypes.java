package nl.utrecht.integrationhub.inbound.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.inbound.EventTypeCatalog;
import nl.utrecht.integrationhub.inbound.EventTypeCatalog.EventType;

/**
 * Turns a CSV cell into the JSON value its event type's data schema declares for the column's property:
 * integer, number, boolean, string, or an array of those written as {@code ;}-separated items. A cell
 * that does not read as the declared type stays a string, so the schema reports the broken rule with
 * its pointer; so does a column the schema does not know. Only types of the catalogue are looked up.
 */
@Component
class SchemaFieldTypes {

    static final String ARRAY_SEPARATOR = ";";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,30}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?([eE][+-]?\\d{1,3})?");

    /** A property's JSON type and, for an array, its items' type. */
    record FieldType(String type, String itemType) {
        static final FieldType STRING = new FieldType("string", null);
    }

    private final EventTypeCatalog catalog;
    private final Path schemaDir;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Map<String, FieldType>> byEventType = new ConcurrentHashMap<>();

    SchemaFieldTypes(EventTypeCatalog catalog, @Value("${hub.schemas-dir:config/schemas}") Path schemaDir) {
        this.catalog = catalog;
        this.schemaDir = schemaDir;
    }

    /** The cell as the JSON value the schema of {@code eventType} declares for {@code property}. */
    JsonNode convert(String eventType, String property, String cell) {
        FieldType field = fields(eventType).getOrDefault(property, FieldType.STRING);
        if (!"array".equals(field.type())) {
            return scalar(field.type(), cell);
        }
        ArrayNode items = NODES.arrayNode();
        for (String item : cell.split(ARRAY_SEPARATOR, -1)) {
            items.add(scalar(field.itemType(), item.trim()));
        }
        return items;
    }

    private static JsonNode scalar(String type, String text) {
        if ("integer".equals(type) && INTEGER.matcher(text).matches()) {
            return NODES.numberNode(new BigInteger(text));
        }
        if ("number".equals(type) && NUMBER.matcher(text).matches()) {
            return NODES.numberNode(new BigDecimal(text));
        }
        if ("boolean".equals(type)) {
            String lower = text.toLowerCase(Locale.ROOT);
            if ("true".equals(lower) || "false".equals(lower)) {
                return NODES.booleanNode(Boolean.parseBoolean(lower));
            }
        }
        return NODES.textNode(text);
    }

    private Map<String, FieldType> fields(String eventType) {
        Optional<EventType> known = eventType == null ? Optional.empty() : catalog.find(eventType);
        if (known.isEmpty()) {
            // An unknown type reads as strings; the validator refuses the event anyway.
            return Map.of();
        }
        return byEventType.computeIfAbsent(known.get().type(), type -> read(known.get()));
    }

    private Map<String, FieldType> read(EventType type) {
        Path file = schemaDir.resolve(type.schemaFile());
        JsonNode schema;
        try {
            schema = json.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + file, e);
        }
        Map<String, FieldType> fields = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String jsonType = jsonType(property.getValue());
            String itemType = "array".equals(jsonType) ? jsonType(property.getValue().path("items")) : null;
            fields.put(property.getKey(), new FieldType(jsonType, itemType));
        }
        return Map.copyOf(fields);
    }

    /** "type" (the first that is not "null" of a list), else the kind of the first enum or const value. */
    static String jsonType(JsonNode property) {
        JsonNode type = property.path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (!"null".equals(option.asText())) {
                    return option.asText();
                }
            }
        }
        JsonNode example = property.has("const") ? property.get("const") : property.path("enum").path(0);
        if (example.isIntegralNumber()) {
            return "integer";
        }
        if (example.isNumber()) {
            return "number";
        }
        if (example.isBoolean()) {
            return "boolean";
        }
        return "string";
    }
}
