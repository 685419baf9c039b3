package nl.utrecht.integrationhub.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import nl.utrecht.integrationhub.inbound.EventTypeCatalog;
import nl.utrecht.integrationhub.inbound.EventTypeCatalog.EventType;
import nl.utrecht.integrationhub.inbound.EventTypeCatalog.SubjectKind;
import nl.utrecht.integrationhub.inbound.EventValidator;
import nl.utrecht.integrationhub.outbound.Connectors;
import nl.utrecht.integrationhub.outbound.Connectors.Connector;
import nl.utrecht.integrationhub.outbound.Connectors.Outbound;
import nl.utrecht.integrationhub.outbound.Connectors.Transport;
import nl.utrecht.integrationhub.outbound.OutboundTypes;
import nl.utrecht.integrationhub.platform.messaging.BrokerProperties;

/**
 * The generator on the real configuration (config/hub-events.yaml, config/hub-connectors.yaml,
 * config/schemas) without starting the hub: both documents are valid, nothing drifts, and what
 * changes in configuration changes the documents.
 */
class ApiDocumentsTest {

    private static final Path SCHEMAS = Path.of("config/schemas");
    private static final String PROBE_TYPE = "nl.test.docs-probe-recorded";

    private final EventTypeCatalog catalog = bind(EventTypeCatalog.class, "config/hub-events.yaml");
    private final OutboundTypes outboundTypes = bind(OutboundTypes.class, "config/hub-connectors.yaml");
    private final Connectors connectors = bind(Connectors.class, "config/hub-connectors.yaml");

    @Test
    void documentsAreValidOpenApiAndAsyncApi() {
        ApiDocuments.Documents docs = generator(catalog, connectors, SCHEMAS).generate();

        ApiDocsAssertions.assertValidOpenApi(docs.openApi());
        ApiDocsAssertions.assertValidAsyncApi(docs.asyncApi());
    }

    @Test
    void everySchemaFileIsADocumentedTypeAndEveryConfiguredTypeHasASchema() {
        ApiDocuments.Documents docs = generator(catalog, connectors, SCHEMAS).generate();

        assertThat(docs.problems()).as("problems the generator reports").isEmpty();
        ApiDocsAssertions.assertNoDrift(docs.openApi(), docs.asyncApi(), SCHEMAS, configuredTypes(catalog));
    }

    @Test
    void everyInboundTypeIsAVariantOfTheEventRequestWithItsSchema() {
        JsonNode openApi = generator(catalog, connectors, SCHEMAS).generate().openApi();
        JsonNode schemas = openApi.path("components").path("schemas");

        assertThat(catalog.eventTypes()).isNotEmpty();
        for (EventType type : catalog.eventTypes()) {
            JsonNode event = schemas.path(type.type() + ApiDocuments.EVENT_SUFFIX);
            assertThat(schemas.path(ApiDocuments.INBOUND_EVENT).path("oneOf").findValuesAsText("$ref"))
                    .contains("#/components/schemas/" + type.type() + ApiDocuments.EVENT_SUFFIX);
            assertThat(event.path("allOf").get(1).path("properties").path("type").path("const").asText())
                    .isEqualTo(type.type());
            assertThat(schemas.path(type.type()).path("type").asText()).as("data schema of %s", type.type())
                    .isEqualTo("object");
        }
        assertThat(openApi.path("paths").path("/api/events").path("post").path("requestBody").path("content")
                .fieldNames()).toIterable().containsExactly("application/cloudevents+json");
    }

    @Test
    void partiesOverHttpGetWebhooksAndPartiesOverJmsGetChannels() {
        ApiDocuments.Documents docs = generator(catalog, connectors, SCHEMAS).generate();

        connectors.connectors().forEach((party, connector) -> {
            if (connector.outbound() == null) {
                assertThat(docs.asyncApi().path("channels").has("hub-out-" + party)).as(party).isFalse();
                return;
            }
            boolean http = connector.outbound().transport() == Transport.HTTP;
            assertThat(docs.asyncApi().path("channels").has("hub-out-" + party)).as("channel of %s", party).isEqualTo(!http);
            outboundTypes.outboundTypes().stream().filter(type -> type.party().equals(party)).forEach(type ->
                    assertThat(docs.openApi().path("webhooks").has(type.type())).as("webhook %s", type.type())
                            .isEqualTo(http));
        });
    }

    @Test
    void switchingAConnectorToHttpReplacesItsChannelByWebhooks() {
        Connector coa = connectors.connectors().get("coa");
        assertThat(coa.outbound().transport()).as("coa in config/hub-connectors.yaml").isEqualTo(Transport.JMS);
        Map<String, Connector> switched = new HashMap<>(connectors.connectors());
        switched.put("coa", new Connector(coa.name(), coa.sources(),
                new Outbound(Transport.HTTP, "http://127.0.0.1:1/coa", null, "HUB_COA_TOKEN"), coa.retry(), coa.file()));

        ApiDocuments.Documents before = generator(catalog, connectors, SCHEMAS).generate();
        ApiDocuments.Documents after = generator(catalog, new Connectors(switched), SCHEMAS).generate();

        assertThat(before.asyncApi().path("channels").has("hub-out-coa")).isTrue();
        assertThat(before.openApi().path("webhooks").has("nl.utrecht.hub.housing-realised")).isFalse();
        assertThat(after.asyncApi().path("channels").has("hub-out-coa")).isFalse();
        assertThat(after.asyncApi().path("operations").has("sendTo-coa")).isFalse();
        JsonNode webhook = after.openApi().path("webhooks").path("nl.utrecht.hub.housing-realised").path("post");
        assertThat(webhook.path("requestBody").path("content").path("application/cloudevents+json").path("schema")
                .path("$ref").asText()).isEqualTo("#/components/schemas/nl.utrecht.hub.housing-realised.event");
        assertThat(webhook.path("parameters").findValuesAsText("name")).contains("Idempotency-Key");
        assertThat(webhook.path("responses").fieldNames()).toIterable().contains("2XX", "429", "4XX", "5XX");
        ApiDocsAssertions.assertValidOpenApi(after.openApi());
        ApiDocsAssertions.assertValidAsyncApi(after.asyncApi());
        ApiDocsAssertions.assertNoDrift(after.openApi(), after.asyncApi(), SCHEMAS, configuredTypes(catalog));
    }

    @Test
    void anEventTypeAddedToConfigurationIsDocumented(@TempDir Path schemaDir) throws IOException {
        copySchemas(schemaDir);
        Files.copy(Path.of("src/test/resources/apidocs/" + PROBE_TYPE + ".schema.json"),
                schemaDir.resolve(PROBE_TYPE + ".schema.json"));
        EventTypeCatalog extended = withProbeType(catalog);

        ApiDocuments.Documents docs = generator(extended, connectors, schemaDir).generate();

        JsonNode schemas = docs.openApi().path("components").path("schemas");
        assertThat(schemas.path(ApiDocuments.INBOUND_EVENT).path("discriminator").path("mapping").path(PROBE_TYPE)
                .asText()).isEqualTo("#/components/schemas/" + PROBE_TYPE + ".event");
        assertThat(schemas.path(PROBE_TYPE).path("properties").has("probeId")).as("the probe's data schema").isTrue();
        assertThat(schemas.path(PROBE_TYPE).path("properties").path("probeId").path("$ref").asText())
                .as("$defs become components of their own")
                .isEqualTo("#/components/schemas/" + PROBE_TYPE + ".defs.probeId");
        assertThat(ApiDocsAssertions.messageNames(docs.asyncApi(), ApiDocuments.INBOUND_CHANNEL)).contains(PROBE_TYPE);
        assertThat(docs.problems()).isEmpty();
        ApiDocsAssertions.assertValidOpenApi(docs.openApi());
        ApiDocsAssertions.assertValidAsyncApi(docs.asyncApi());
        ApiDocsAssertions.assertNoDrift(docs.openApi(), docs.asyncApi(), schemaDir, configuredTypes(extended));
    }

    @Test
    void aConfiguredTypeWithoutSchemaIsReportedAndFailsTheDriftCheck(@TempDir Path schemaDir) throws IOException {
        copySchemas(schemaDir);
        EventTypeCatalog extended = withProbeType(catalog);

        ApiDocuments.Documents docs = generator(extended, connectors, schemaDir).generate();

        assertThat(docs.problems()).anySatisfy(problem -> assertThat(problem).contains(PROBE_TYPE + ".schema.json"));
        assertThat(docs.openApi().path("info").path("x-hub-problems").toString()).contains(PROBE_TYPE);
        assertThatThrownBy(() -> ApiDocsAssertions.assertNoDrift(docs.openApi(), docs.asyncApi(), schemaDir,
                configuredTypes(extended)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("type " + PROBE_TYPE + " is documented but has no schema file");
    }

    @Test
    void aSchemaFileWithoutTypeIsReportedAndFailsTheDriftCheck(@TempDir Path schemaDir) throws IOException {
        copySchemas(schemaDir);
        Files.copy(Path.of("src/test/resources/apidocs/" + PROBE_TYPE + ".schema.json"),
                schemaDir.resolve(PROBE_TYPE + ".schema.json"));

        ApiDocuments.Documents docs = generator(catalog, connectors, schemaDir).generate();

        assertThat(docs.problems()).anySatisfy(problem -> assertThat(problem).contains(PROBE_TYPE));
        assertThatThrownBy(() -> ApiDocsAssertions.assertNoDrift(docs.openApi(), docs.asyncApi(), schemaDir,
                configuredTypes(catalog)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("type " + PROBE_TYPE + " has a schema file");
    }

    @Test
    void anOutboundTypeWhosePartyHasNoOutboundConnectorIsReported() {
        Map<String, Connector> withoutGca = new HashMap<>(connectors.connectors());
        Connector gca = withoutGca.get("gca");
        withoutGca.put("gca", new Connector(gca.name(), gca.sources(), null, gca.retry(), gca.file()));

        ApiDocuments.Documents docs = generator(catalog, new Connectors(withoutGca), SCHEMAS).generate();

        assertThat(docs.problems()).anySatisfy(problem ->
                assertThat(problem).contains("nl.utrecht.hub.medical-record-handover-requested").contains("gca"));
        assertThatThrownBy(() -> ApiDocsAssertions.assertNoDrift(docs.openApi(), docs.asyncApi(), SCHEMAS,
                configuredTypes(catalog)))
                .hasMessageContaining("type nl.utrecht.hub.medical-record-handover-requested has a schema file");
    }

    private ApiDocuments generator(EventTypeCatalog types, Connectors parties, Path schemaDir) {
        EventValidator validator = new EventValidator(types, schemaDir, Clock.systemUTC(), List.of());
        return new ApiDocuments(types, outboundTypes, parties, validator, new BrokerProperties("127.0.0.1", 61616),
                schemaDir, 262_144);
    }

    private List<String> configuredTypes(EventTypeCatalog types) {
        List<String> configured = new ArrayList<>();
        types.eventTypes().forEach(type -> configured.add(type.type()));
        outboundTypes.outboundTypes().forEach(type -> configured.add(type.type()));
        return configured;
    }

    private static EventTypeCatalog withProbeType(EventTypeCatalog catalog) {
        List<EventType> types = new ArrayList<>(catalog.eventTypes());
        types.add(new EventType(PROBE_TYPE, List.of("urn:nl:test"), SubjectKind.V_NUMBER,
                "A type that exists only in this test.", null));
        return new EventTypeCatalog(types);
    }

    private static void copySchemas(Path target) throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }

    /** Binds a configuration record from the hub's YAML as Spring Boot does (placeholders left as they are). */
    private static <T> T bind(Class<T> type, String file) {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(file, new FileSystemResource(file));
            Binder binder = new Binder(ConfigurationPropertySources.from(sources),
                    new PropertySourcesPlaceholdersResolver(sources), ApplicationConversionService.getSharedInstance());
            return binder.bind("hub", Bindable.of(type)).orElseThrow(() -> new IllegalStateException(
                    "nothing under hub in " + file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
