package nl.utrecht.integrationhub.platform.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import nl.utrecht.integrationhub.HubApplication;
import nl.utrecht.integrationhub.inbound.DuplicateConflictException;
import nl.utrecht.integrationhub.inbound.InboundEvents.Acceptance;
import nl.utrecht.integrationhub.inbound.InvalidEventException;
import nl.utrecht.integrationhub.inbound.Violation;

/**
 * The inbound routes with the inbound service replaced by {@code mock:accept}: what the JMS and HTTP
 * edges hand to {@code direct:hub-inbound}, and what they make of a refused event (dead letter with
 * its reason; problem details). Sends to the dead-letter queue are skipped into a mock endpoint.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = HubApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "hub.broker.port=-1",
        "camunda.bpm.generate-unique-process-engine-name=true"
})
@DirtiesContext
class InboundRouteTest {

    private static final String DEAD_LETTER_QUEUE = "jms:queue:hub.inbound.dlq";
    private static final String BODY = "{\"specversion\":\"1.0\",\"id\":\"route-test-1\"}";
    private static final String PARTNER_USER = "route-test-coa";
    private static final String PARTNER_PASSWORD = "route-test-" + System.nanoTime();
    private static final Violation PAST_DATE = Violation.of("/data/household/0/birthDate", "format:past-date",
            "an ISO date (yyyy-mm-dd) that is not in the future");

    @Autowired
    private CamelContext camelContext;
    @Autowired
    private ProducerTemplate producer;
    @Autowired
    private IdentityService identityService;
    @LocalServerPort
    private int port;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private MockEndpoint accept;
    private MockEndpoint deadLetters;

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry registry) throws IOException {
        Path parent = Files.createDirectories(Path.of("target", "route-test-data"));
        String dataDir = Files.createTempDirectory(parent, "inbound-").toAbsolutePath().toString();
        registry.add("hub.data-dir", () -> dataDir);
    }

    @BeforeEach
    void adviseRoutesOnceAndStart() throws Exception {
        if (!camelContext.getStatus().isStarted()) {
            AdviceWith.adviceWith(camelContext, "hub-inbound-accept",
                    route -> route.weaveById("accept-event").replace().to("mock:accept"));
            // The dead-letter send lives in the route configuration's onException, which a route's own
            // interceptSendToEndpoint does not reach; mocking the endpoint itself does.
            AdviceWith.adviceWith(camelContext, "hub-in-jms-events",
                    route -> route.mockEndpointsAndSkip(DEAD_LETTER_QUEUE));
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
        accept = camelContext.getEndpoint("mock:accept", MockEndpoint.class);
        deadLetters = camelContext.getEndpoint("mock:" + DEAD_LETTER_QUEUE, MockEndpoint.class);
        accept.setResultWaitTime(10_000);
        deadLetters.setResultWaitTime(10_000);
    }

    // --- JMS ---

    @Test
    void jmsRouteHandsTheMessageToTheInboundRouteOnTheJmsChannel() throws InterruptedException {
        accept.expectedBodiesReceived(BODY);
        accept.expectedHeaderReceived("hubChannel", "jms");
        NotifyBuilder consumed = new NotifyBuilder(camelContext).fromRoute("hub-in-jms-events").whenCompleted(1).create();

        producer.sendBody("jms:queue:hub.inbound", BODY);

        accept.assertIsSatisfied();
        assertThat(consumed.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(deadLetters.getReceivedCounter()).isZero();
    }

    @Test
    void jmsRouteSendsAnInvalidEventToTheDeadLetterQueueWithItsReason() throws InterruptedException {
        accept.whenAnyExchangeReceived(exchange -> {
            throw new InvalidEventException(List.of(PAST_DATE, Violation.of("/subject", "v-number", "a V-number")));
        });
        deadLetters.expectedBodiesReceived(BODY);
        deadLetters.expectedHeaderReceived(DeadLetters.REASON,
                "invalid event: /data/household/0/birthDate format:past-date; /subject v-number");
        deadLetters.expectedHeaderReceived(DeadLetters.ROUTE, "hub-in-jms-events");

        producer.sendBody("jms:queue:hub.inbound", BODY);

        deadLetters.assertIsSatisfied();
    }

    @Test
    void jmsRouteSendsAConflictingDuplicateToTheDeadLetterQueueWithItsReason() throws InterruptedException {
        accept.whenAnyExchangeReceived(exchange -> {
            throw new DuplicateConflictException();
        });
        deadLetters.expectedMessageCount(1);

        producer.sendBody("jms:queue:hub.inbound", BODY);

        deadLetters.assertIsSatisfied();
        assertThat(deadLetters.getReceivedExchanges().get(0).getMessage().getHeader(DeadLetters.REASON, String.class))
                .startsWith("conflicting duplicate: ");
    }

    // --- HTTP ---

    @Test
    void httpRouteAnswers202WithTheIdOnceTheEventIsRecorded() throws Exception {
        accept.expectedBodiesReceived(BODY);
        accept.expectedHeaderReceived("hubChannel", "http");
        accept.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(new Acceptance("route-test-1", false)));

        HttpResponse<String> response = post(HttpEdge.CLOUDEVENTS_JSON, BODY);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json.readTree(response.body()).path("id").asText()).isEqualTo("route-test-1");
        assertThat(json.readTree(response.body()).path("status").asText()).isEqualTo("accepted");
        accept.assertIsSatisfied();
    }

    @Test
    void httpRouteTurnsAnInvalidEventIntoProblemDetailsWithEveryViolation() throws Exception {
        accept.whenAnyExchangeReceived(exchange -> {
            throw new InvalidEventException(List.of(PAST_DATE));
        });

        HttpResponse<String> response = post(HttpEdge.CLOUDEVENTS_JSON, BODY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith(HttpEdge.PROBLEM_JSON);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("title").asText()).isEqualTo("Invalid event");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/events");
        assertThat(problem.path("errors")).hasSize(1);
        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/data/household/0/birthDate");
        assertThat(problem.at("/errors/0/rule").asText()).isEqualTo("format:past-date");
    }

    @Test
    void httpRouteTurnsAConflictingDuplicateInto409() throws Exception {
        accept.whenAnyExchangeReceived(exchange -> {
            throw new DuplicateConflictException();
        });

        HttpResponse<String> response = post(HttpEdge.CLOUDEVENTS_JSON, BODY);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json.readTree(response.body()).path("title").asText()).isEqualTo("Conflicting duplicate");
    }

    @Test
    void httpRouteRefusesOtherMediaTypesBeforeTheInboundRoute() throws Exception {
        accept.expectedMessageCount(0);

        HttpResponse<String> response = post("application/json", BODY);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith(HttpEdge.PROBLEM_JSON);
        accept.assertIsSatisfied();
    }

    // --- helpers ---

    private HttpResponse<String> post(String contentType, String body) throws IOException, InterruptedException {
        ensurePartnerUser();
        String credentials = Base64.getEncoder()
                .encodeToString((PARTNER_USER + ":" + PARTNER_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void ensurePartnerUser() {
        if (identityService.createUserQuery().userId(PARTNER_USER).count() > 0) {
            return;
        }
        User user = identityService.newUser(PARTNER_USER);
        user.setFirstName("Route");
        user.setLastName("Testpartner");
        user.setPassword(PARTNER_PASSWORD);
        identityService.saveUser(user);
        identityService.createMembership(PARTNER_USER, "partner-coa");
    }
}
