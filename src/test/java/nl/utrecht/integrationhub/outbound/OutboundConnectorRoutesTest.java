package nl.utrecht.integrationhub.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import nl.utrecht.integrationhub.HubApplication;
import nl.utrecht.integrationhub.outbound.Connectors.Transport;

/**
 * Every party's outbound connector route ({@code <party>-out}) with the transports' final send
 * advised by route id into mocks: each party reaches the transport its configuration names, and
 * only the headers the transport sets leave the hub (Idempotency-Key, bearer token, content type
 * over HTTP; duplicate-detection id and type over JMS), whatever headers the exchange carried before.
 * COA is switched to HTTP here by configuration alone, to show the transport is chosen per connector.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = HubApplication.class, properties = {
        "hub.broker.port=-1",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "hub.connectors.coa.outbound.transport=http",
        "hub.connectors.coa.outbound.endpoint=http://127.0.0.1:9/coa/events",
        "hub.connectors.gca.outbound.endpoint=http://127.0.0.1:9/gca/events",
        "hub.connectors.vluchtelingenwerk-utrecht.outbound.endpoint=http://127.0.0.1:9/vwu/events",
        "hub.connectors.onderwijs.outbound.endpoint=http://127.0.0.1:9/onderwijs/events",
        "hub.connectors.buurtteam.outbound.endpoint=http://127.0.0.1:9/buurtteam/events"
})
@DirtiesContext
class OutboundConnectorRoutesTest {

    private static final List<String> PARTIES = List.of("coa", "gca", "vluchtelingenwerk-utrecht", "werk-en-inkomen",
            "housing", "onderwijs", "buurtteam");

    @Autowired
    private CamelContext camelContext;
    @Autowired
    private Connectors connectors;

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry registry) throws IOException {
        Path parent = Files.createDirectories(Path.of("target", "route-test-data"));
        String dataDir = Files.createTempDirectory(parent, "outbound-routes-").toAbsolutePath().toString();
        registry.add("hub.data-dir", () -> dataDir);
    }

    @BeforeEach
    void adviseTransportsOnceAndStart() throws Exception {
        if (!camelContext.getStatus().isStarted()) {
            AdviceWith.adviceWith(camelContext, "transport-http-out",
                    route -> route.weaveById("transport-http-post").replace().to("mock:http-post"));
            AdviceWith.adviceWith(camelContext, "transport-jms-out",
                    route -> route.weaveById("transport-jms-send").replace().to("mock:jms-send"));
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
    }

    @Test
    void everyPartyWithOutboundMessagesHasItsConnectorRoute() {
        List<String> configured = connectors.connectors().entrySet().stream()
                .filter(entry -> entry.getValue().outbound() != null).map(Map.Entry::getKey).sorted().toList();
        assertThat(configured).containsExactlyInAnyOrderElementsOf(PARTIES);
        assertThat(configured).allSatisfy(party -> assertThat(camelContext.getRoute(party + "-out")).as(party).isNotNull());
    }

    @ParameterizedTest
    @ValueSource(strings = { "coa", "gca", "vluchtelingenwerk-utrecht", "werk-en-inkomen", "housing", "onderwijs",
            "buurtteam" })
    void aMessageLeavesOverThePartysTransportWithOnlyTheTransportsHeaders(String party) throws Exception {
        Connectors.Outbound outbound = connectors.find(party).orElseThrow().outbound();
        boolean http = outbound.transport() == Transport.HTTP;
        MockEndpoint used = camelContext.getEndpoint(http ? "mock:http-post" : "mock:jms-send", MockEndpoint.class);
        MockEndpoint unused = camelContext.getEndpoint(http ? "mock:jms-send" : "mock:http-post", MockEndpoint.class);
        used.expectedMessageCount(1);
        unused.expectedMessageCount(0);
        String id = UUID.randomUUID().toString();
        String body = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"nl.utrecht.hub.test\"}";

        ProducerTemplate producer = camelContext.createProducerTemplate();
        Exchange result = producer.send("direct:" + party + "-out", exchange -> {
            exchange.setProperty(OutboxRelay.MESSAGE_ID, id);
            exchange.setProperty(OutboxRelay.MESSAGE_TYPE, "nl.utrecht.hub.test");
            exchange.setProperty(OutboxRelay.PARTY, party);
            exchange.setProperty(http ? OutboxRelay.ENDPOINT : OutboxRelay.DESTINATION,
                    http ? outbound.endpoint() : outbound.destination());
            exchange.setProperty(OutboxRelay.AUTHORIZATION, "Bearer test-token");
            // Headers an earlier step might have left: none of them may reach the partner.
            exchange.getMessage().setHeader("CamelJmsDestinationName", "somewhere.else");
            exchange.getMessage().setHeader("hubCaseId", "HH-2026-000001");
            exchange.getMessage().setHeader("X-Leak", "personal data");
            exchange.getMessage().setBody(body);
        });

        assertThat(result.getException()).isNull();
        used.assertIsSatisfied();
        unused.assertIsSatisfied();
        Exchange sent = used.getReceivedExchanges().get(0);
        assertThat(sent.getMessage().getBody(String.class)).isEqualTo(body);
        Map<String, Object> headers = sent.getMessage().getHeaders();
        if (http) {
            assertThat(headers).containsOnlyKeys("Content-Type", "Idempotency-Key", "Authorization", Exchange.HTTP_METHOD);
            assertThat(headers.get("Idempotency-Key")).isEqualTo(id);
            assertThat(headers.get("Authorization")).isEqualTo("Bearer test-token");
            assertThat((String) headers.get("Content-Type")).startsWith("application/cloudevents+json");
            assertThat(headers.get(Exchange.HTTP_METHOD)).isEqualTo("POST");
        } else {
            assertThat(headers).containsOnlyKeys("_AMQ_DUPL_ID", "ce_type", "contentType");
            assertThat(headers.get("_AMQ_DUPL_ID")).isEqualTo(id);
            assertThat(outbound.destination()).isEqualTo("hub.out." + party);
        }
    }

    @Test
    void anHttpPartnerWithoutCredentialsGetsNoAuthorizationHeader() throws Exception {
        MockEndpoint post = camelContext.getEndpoint("mock:http-post", MockEndpoint.class);
        post.expectedMessageCount(1);
        camelContext.createProducerTemplate().send("direct:gca-out", exchange -> {
            exchange.setProperty(OutboxRelay.MESSAGE_ID, "m-1");
            exchange.setProperty(OutboxRelay.ENDPOINT, "http://127.0.0.1:9/gca/events");
            exchange.getMessage().setBody("{}");
        });
        post.assertIsSatisfied();
        assertThat(post.getReceivedExchanges().get(0).getMessage().getHeaders()).doesNotContainKey("Authorization");
    }
}
