package nl.utrecht.integrationhub.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import nl.utrecht.integrationhub.inbound.EventTypeCatalog;
import nl.utrecht.integrationhub.outbound.OutboundTypes;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient.Response;

/**
 * The API documents as the running hub serves them: open without login, valid OpenAPI 3.1 and
 * AsyncAPI 3.0, in step with the schema folder and the configuration, and listing every /api
 * endpoint the hub's controllers serve.
 */
@HubIntegrationTest
class ApiDocsIT extends EndToEndTest {

    @Autowired
    EventTypeCatalog catalog;
    @Autowired
    OutboundTypes outboundTypes;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Value("${hub.schemas-dir:config/schemas}")
    Path schemaDir;

    @Test
    void theIndexLinksBothDocumentsWithoutLoginAndReportsNoProblem() {
        Response index = hub.get("/api/docs", null);

        assertThat(index.status()).as(index.toString()).isEqualTo(200);
        assertThat(index.json().path("problems")).as("problems generating the documents").isEmpty();
        for (String link : List.of(index.json().path("openapi").asText(), index.json().path("asyncapi").asText())) {
            Response document = hub.get(link, null);
            assertThat(document.status()).as(link + ": " + document).isEqualTo(200);
            assertThat(document.contentType()).as(link).startsWith("application/json");
        }
    }

    @Test
    void openApiDocumentIsValidOpenApi31() {
        Response answer = hub.get(ApiDocsController.OPENAPI, null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        ApiDocsAssertions.assertValidOpenApi(answer.json());
    }

    @Test
    void asyncApiDocumentIsValidAsyncApi30() {
        Response answer = hub.get(ApiDocsController.ASYNCAPI, null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        ApiDocsAssertions.assertValidAsyncApi(answer.json());
    }

    @Test
    void everySchemaFileIsADocumentedTypeAndEveryConfiguredTypeHasASchema() {
        JsonNode openApi = hub.get(ApiDocsController.OPENAPI, null).json();
        JsonNode asyncApi = hub.get(ApiDocsController.ASYNCAPI, null).json();
        List<String> configured = new ArrayList<>();
        catalog.eventTypes().forEach(type -> configured.add(type.type()));
        outboundTypes.outboundTypes().forEach(type -> configured.add(type.type()));

        ApiDocsAssertions.assertNoDrift(openApi, asyncApi, schemaDir, configured);
    }

    @Test
    void everyApiEndpointOfTheHubIsDocumentedAndEveryDocumentedOneExists() {
        JsonNode paths = hub.get(ApiDocsController.OPENAPI, null).json().path("paths");
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> pathsOf(info).stream()
                .filter(path -> path.startsWith("/api/"))
                .forEach(path -> methodsOf(info).forEach(method -> served.add(method + " " + path))));
        Set<String> documented = new TreeSet<>();
        paths.fieldNames().forEachRemaining(path -> paths.path(path).fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }));
        // POST /api/events is a Camel route (platform-http), not a Spring controller.
        documented.remove("POST /api/events");
        served.remove("POST /api/events");

        assertThat(served).as("served by the hub but missing from src/main/resources/api/openapi-base.yaml")
                .isSubsetOf(documented);
        assertThat(documented).as("documented but not served by the hub").isSubsetOf(served);
    }

    private static Set<String> pathsOf(RequestMappingInfo info) {
        return info.getPathPatternsCondition() != null ? info.getPathPatternsCondition().getPatternValues()
                : info.getPatternsCondition() != null ? info.getPatternsCondition().getPatterns() : Set.of();
    }

    private static Set<String> methodsOf(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        Set<String> names = new TreeSet<>();
        if (methods.isEmpty()) {
            names.add("GET");
        } else {
            methods.forEach(method -> names.add(method.name()));
        }
        return names;
    }
}
