package nl.utrecht.integrationhub.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Checks on the generated API documents, shared by the unit test of the generator and the end-to-end
 * test of the served documents: structure (OpenAPI by swagger-parser, AsyncAPI by its official JSON
 * Schema), references that resolve, and no drift between schema files and documented types.
 */
final class ApiDocsAssertions {

    static final String ENVELOPE_FILE = "cloudevent.schema.json";
    private static final String SCHEMA_SUFFIX = ".schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema ASYNCAPI_3_0_0 = loadAsyncApiSchema();

    private ApiDocsAssertions() {
    }

    /** OpenAPI 3.1 that swagger-parser reads without a message, every local reference resolving. */
    static void assertValidOpenApi(JsonNode doc) {
        assertThat(doc.path("openapi").asText()).as("openapi version").startsWith("3.1");
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(doc.toString(), null, options);
        assertThat(result.getOpenAPI()).as("parsed OpenAPI; messages: %s", result.getMessages()).isNotNull();
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI().getPaths()).as("paths").containsKey("/api/events");
        assertThat(unresolvedReferences(doc)).as("local $refs that point nowhere").isEmpty();
    }

    /**
     * AsyncAPI 3.0.0, valid against the specification's JSON Schema; every operation's channel and
     * messages exist, every message has a payload, every local reference resolves.
     */
    static void assertValidAsyncApi(JsonNode doc) {
        assertThat(doc.path("asyncapi").asText()).as("asyncapi version").isEqualTo("3.0.0");
        Set<ValidationMessage> messages = ASYNCAPI_3_0_0.validate(doc);
        assertThat(messages).as("AsyncAPI 3.0.0 schema violations").isEmpty();
        List<String> broken = new ArrayList<>();
        doc.path("operations").fields().forEachRemaining(operation -> {
            String channelRef = operation.getValue().path("channel").path("$ref").asText("");
            if (!channelRef.startsWith("#/channels/") || resolve(doc, channelRef).isMissingNode()) {
                broken.add("operation " + operation.getKey() + ": channel " + channelRef + " does not exist");
            }
            operation.getValue().path("messages").forEach(ref -> {
                String messageRef = ref.path("$ref").asText("");
                if (!messageRef.startsWith(channelRef + "/messages/") || resolve(doc, messageRef).isMissingNode()) {
                    broken.add("operation " + operation.getKey() + ": message " + messageRef + " is not in its channel");
                }
            });
        });
        doc.path("channels").fields().forEachRemaining(channel -> channel.getValue().path("messages").fields()
                .forEachRemaining(message -> {
                    JsonNode resolved = dereference(doc, message.getValue());
                    if (resolved.path("payload").isMissingNode()) {
                        broken.add("channel " + channel.getKey() + ": message " + message.getKey() + " has no payload");
                    }
                }));
        doc.path("components").path("messages").fields().forEachRemaining(message -> {
            if (message.getValue().path("payload").isMissingNode()) {
                broken.add("component message " + message.getKey() + " has no payload");
            }
        });
        assertThat(broken).as("AsyncAPI consistency").isEmpty();
        assertThat(unresolvedReferences(doc)).as("local $refs that point nowhere").isEmpty();
    }

    /**
     * No drift between the schema folder and the documents: every schema file (the envelope aside) is a
     * documented type, every documented type has a schema file, and so has every configured type.
     * Inbound types are the variants of POST /api/events (and the messages of hub.inbound); outbound
     * types are the webhooks and the messages of the hub.out.* channels.
     */
    static void assertNoDrift(JsonNode openApi, JsonNode asyncApi, Path schemaDir, Collection<String> configuredTypes) {
        Set<String> files = schemaTypes(schemaDir);
        Set<String> inbound = new TreeSet<>();
        openApi.path("components").path("schemas").path(ApiDocuments.INBOUND_EVENT).path("discriminator")
                .path("mapping").fieldNames().forEachRemaining(inbound::add);
        Set<String> inboundMessages = messageNames(asyncApi, ApiDocuments.INBOUND_CHANNEL);
        Set<String> outbound = new TreeSet<>();
        openApi.path("webhooks").fieldNames().forEachRemaining(outbound::add);
        asyncApi.path("channels").fieldNames().forEachRemaining(channel -> {
            if (channel.startsWith(ApiDocuments.OUTBOUND_CHANNEL_PREFIX)) {
                outbound.addAll(messageNames(asyncApi, channel));
            }
        });
        Set<String> documented = new TreeSet<>(inbound);
        documented.addAll(outbound);

        List<String> drift = new ArrayList<>();
        files.stream().filter(type -> !documented.contains(type)).forEach(type -> drift.add("type " + type
                + " has a schema file (" + type + SCHEMA_SUFFIX + ") but no entry in the API documents"));
        documented.stream().filter(type -> !files.contains(type)).forEach(type -> drift.add("type " + type
                + " is documented but has no schema file " + type + SCHEMA_SUFFIX));
        configuredTypes.stream().filter(type -> !files.contains(type)).sorted().forEach(type -> drift.add("type "
                + type + " is configured but has no schema file " + type + SCHEMA_SUFFIX));
        inbound.stream().filter(type -> !inboundMessages.contains(type)).forEach(type -> drift.add("inbound type "
                + type + " is a variant of POST /api/events but no message of channel hub-inbound"));
        inboundMessages.stream().filter(type -> !inbound.contains(type)).forEach(type -> drift.add("inbound type "
                + type + " is a message of channel hub-inbound but no variant of POST /api/events"));
        inbound.stream().filter(outbound::contains).forEach(type -> drift.add("type " + type
                + " is documented both as inbound and as outbound"));
        documented.forEach(type -> {
            if (openApi.path("components").path("schemas").path(type).path("x-hub-missing-schema").asBoolean(false)) {
                drift.add("type " + type + " is documented without its data schema");
            }
        });
        assertThat(drift).as("drift between %s and the API documents", schemaDir).isEmpty();
    }

    static Set<String> schemaTypes(Path schemaDir) {
        try (Stream<Path> files = Files.list(schemaDir)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(SCHEMA_SUFFIX) && !name.equals(ENVELOPE_FILE))
                    .map(name -> name.substring(0, name.length() - SCHEMA_SUFFIX.length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code name}s of the messages of an AsyncAPI channel (references followed). */
    static Set<String> messageNames(JsonNode asyncApi, String channel) {
        Set<String> names = new TreeSet<>();
        asyncApi.path("channels").path(channel).path("messages").forEach(message ->
                names.add(dereference(asyncApi, message).path("name").asText()));
        return names;
    }

    static JsonNode dereference(JsonNode doc, JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : resolve(doc, ref.asText());
    }

    static JsonNode resolve(JsonNode doc, String ref) {
        if (!ref.startsWith("#")) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return doc.at(JsonPointer.compile(ref.substring(1)));
    }

    /** Every {@code $ref} in the document that is not a resolvable pointer into the document itself. */
    static List<String> unresolvedReferences(JsonNode doc) {
        List<String> unresolved = new ArrayList<>();
        collectReferences(doc, doc, "", unresolved);
        return unresolved;
    }

    private static void collectReferences(JsonNode doc, JsonNode node, String at, List<String> unresolved) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && resolve(doc, ref.asText()).isMissingNode()) {
                unresolved.add(at + ": " + ref.asText());
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                collectReferences(doc, field.getValue(), at + "/" + field.getKey(), unresolved);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectReferences(doc, node.get(i), at + "/" + i, unresolved);
            }
        }
    }

    private static JsonSchema loadAsyncApiSchema() {
        try (InputStream in = ApiDocsAssertions.class.getResourceAsStream("/apidocs/asyncapi-3.0.0.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("test resource apidocs/asyncapi-3.0.0.schema.json is missing");
            }
            JsonNode schema = JSON.readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
