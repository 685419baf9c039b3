package nl.utrecht.integrationhub.platform.docs;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.utrecht.integrationhub.platform.docs.ApiDocuments.Documents;

/**
 * {@code GET /api/docs}: an index, {@code /api/docs/openapi.json} (HTTP API, OpenAPI 3.1) and
 * {@code /api/docs/asyncapi.json} (queues, AsyncAPI 3.0). Open without login (ApiAuthenticationFilter):
 * they describe the contract, never data. Generated on every request from the configuration.
 */
@RestController
@RequestMapping(path = "/api/docs", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiDocsController {

    static final String OPENAPI = "/api/docs/openapi.json";
    static final String ASYNCAPI = "/api/docs/asyncapi.json";
    private static final Logger log = LoggerFactory.getLogger(ApiDocsController.class);

    private final ApiDocuments documents;

    ApiDocsController(ApiDocuments documents) {
        this.documents = documents;
    }

    @GetMapping
    Map<String, Object> index() {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("openapi", OPENAPI);
        index.put("asyncapi", ASYNCAPI);
        index.put("problems", documents.generate().problems());
        return index;
    }

    @GetMapping("/openapi.json")
    ObjectNode openApi() {
        return documents.generate().openApi();
    }

    @GetMapping("/asyncapi.json")
    ObjectNode asyncApi() {
        return documents.generate().asyncApi();
    }

    /** Says at start what the documents cannot show, so a missing schema is seen before a partner asks. */
    @EventListener(ApplicationReadyEvent.class)
    void reportProblems() {
        Documents generated = documents.generate();
        generated.problems().forEach(problem -> log.warn("API documents: {}", problem));
    }
}
