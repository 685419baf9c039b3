package nl.utrecht.integrationhub.platform.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * Header hygiene at the edges (docs/security.md): headers, query parameters and JMS properties an
 * outside sender sets, in any letter case, never steer a route. The event is handled normally, nothing
 * goes to a destination a header names, and only the allow-list reaches {@code direct:hub-inbound} (seen
 * by an event notifier on the running hub) or the dead-letter queue.
 */
@HubIntegrationTest
class HeaderHygieneIT extends EndToEndTest {

    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(20);
    /** What the hub itself sets before {@code direct:hub-inbound}. */
    private static final Set<String> HUB_OWN = Set.of("hubchannel", "huballowedsources");

    @Autowired
    CamelContext camelContext;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    EdgeHeaders edgeHeaders;

    JmsTemplate jms;
    HeadersAtInbound seen;
    Credentials coa;

    @BeforeEach
    void setUp() {
        jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(APPLIED_WITHIN.toMillis());
        coa = TestUsers.coa(identityService);
        seen = new HeadersAtInbound();
        camelContext.getCamelContextExtension().setEventNotificationApplicable(true);
        camelContext.getManagementStrategy().addEventNotifier(seen);
        ServiceHelper.startService(seen);
    }

    @AfterEach
    void tearDown() {
        camelContext.getManagementStrategy().removeEventNotifier(seen);
        ServiceHelper.stopService(seen);
    }

    @Test
    void injectedHttpHeadersAndQueryParametersDoNotReachTheRoute() {
        String hijack = "it.hijack." + UUID.randomUUID();
        ObjectNode intake = Events.intake(Events.newVNumber());
        Map<String, String> injected = new LinkedHashMap<>();
        injected.put("CamelJmsDestinationName", hijack);
        injected.put("camelExecCommandExecutable", "/bin/sh");
        injected.put("CAMELHTTPURI", "/api/admin/dead-letters");
        injected.put("CamelFileName", "../../escaped.txt");
        injected.put("cAmElHttpResponseCode", "200");
        injected.put("hubAllowedSources", "*");
        injected.put("HUBCHANNEL", "jms");
        injected.put("X-Partner-Trace", "it-trace");
        String query = "?CamelJmsDestinationName=" + hijack + "&camelfilename=x.txt&hubChannel=jms";

        HttpResponse<String> answer = post("/api/events" + query, intake.toString(), injected);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String caseId = awaitApplied(Events.SOURCE_COA, intake.get("id").asText());
        assertThat(caseId).isNotBlank();
        Set<String> headers = seen.headersOf(intake.get("id").asText());
        assertThat(headers).as("headers at direct:hub-inbound").isNotNull();
        assertThat(headers).as("only the allow-list and the hub's own headers")
                .allSatisfy(name -> assertThat(edgeHeaders.httpAllowList().contains(name) || HUB_OWN.contains(name))
                        .as(name).isTrue());
        assertThat(headers).contains("hubchannel").doesNotContain("camelhttpuri", "cameljmsdestinationname",
                "camelfilename", "camelexeccommandexecutable", "x-partner-trace");
        assertThat(browse(hijack)).as("nothing on the queue a header named").isEmpty();
    }

    @Test
    void injectedJmsPropertiesDoNotReachTheRouteNorTheDeadLetterQueue() throws JMSException {
        String marker = UUID.randomUUID().toString();
        String hijack = "it.hijack." + UUID.randomUUID();
        ObjectNode invalid = Events.intake(Events.newVNumber());
        Events.householdMember(invalid, 0).remove("birthDate");
        Map<String, String> injected = injectedJmsProperties(hijack);

        send(invalid.toString(), marker, injected, null);

        Message deadLetter = jms.receiveSelected("hub.inbound.dlq", "itMarker = '" + marker + "'");
        assertThat(deadLetter).as("the refused event is dead-lettered as usual").isNotNull();
        assertThat(deadLetter.getStringProperty(DeadLetters.REASON)).contains("birthDate");
        List<String> properties = propertyNames(deadLetter);
        assertThat(properties).as("the dead letter's properties")
                .noneMatch(name -> injected.keySet().stream().anyMatch(name::equalsIgnoreCase)
                        && !name.equals("hubChannel"));
        assertThat(deadLetter.getStringProperty("hubChannel")).as("set by the hub, not the sender").isEqualTo("jms");
        assertThat(deadLetter.getJMSReplyTo()).isNull();
        assertThat(browse(hijack)).as("nothing on the queue a property named").isEmpty();
        assertAllowListOnly(invalid.get("id").asText());
    }

    @Test
    void aValidEventWithInjectedJmsPropertiesAndAReplyToIsAppliedAndNothingIsSentElsewhere() {
        String marker = UUID.randomUUID().toString();
        String hijack = "it.hijack." + UUID.randomUUID();
        String replyTo = "it.reply." + UUID.randomUUID();
        ObjectNode intake = Events.intake(Events.newVNumber());

        send(intake.toString(), marker, injectedJmsProperties(hijack), replyTo);

        String caseId = awaitApplied(Events.SOURCE_COA, intake.get("id").asText());
        assertThat(state.tasks(caseId)).isNotEmpty();
        assertAllowListOnly(intake.get("id").asText());
        assertThat(browse(replyTo)).as("no reply to the sender's JMSReplyTo").isEmpty();
        assertThat(browse(hijack)).as("nothing on the queue a property named").isEmpty();
    }

    private void assertAllowListOnly(String eventId) {
        Set<String> headers = await().atMost(APPLIED_WITHIN).until(() -> seen.headersOf(eventId), h -> h != null);
        assertThat(headers).as("only the allow-list and the hub's own headers")
                .allSatisfy(name -> assertThat(edgeHeaders.jmsAllowList().contains(name) || HUB_OWN.contains(name))
                        .as(name).isTrue());
        assertThat(headers).contains("hubchannel", "itmarker").doesNotContain("jmsreplyto", "jmsdestination",
                "cameljmsdestinationname", "camelfilename");
    }

    private static Map<String, String> injectedJmsProperties(String hijack) {
        Map<String, String> injected = new LinkedHashMap<>();
        injected.put("CamelJmsDestinationName", hijack);
        injected.put("CAMELJMSDESTINATIONNAME", hijack);
        injected.put("camelExecCommandExecutable", "/bin/sh");
        injected.put("CamelFileName", "../../escaped.txt");
        injected.put("camelHttpUri", "http://example.invalid/");
        injected.put("hubAllowedSources", "*");
        injected.put("HUBCHANNEL", "http");
        injected.put("partnerTrace", "it-trace");
        return injected;
    }

    private void send(String text, String marker, Map<String, String> properties, String replyTo) {
        jms.send("hub.inbound", session -> {
            var message = session.createTextMessage(text);
            message.setStringProperty("itMarker", marker);
            for (Map.Entry<String, String> property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            if (replyTo != null) {
                message.setJMSReplyTo(session.createQueue(replyTo));
            }
            return message;
        });
    }

    /** The messages on a queue now, without taking them (an unknown queue is empty). */
    private List<String> browse(String queue) {
        return jms.browse(queue, (session, browser) -> {
            List<String> ids = new ArrayList<>();
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                ids.add(((Message) messages.nextElement()).getJMSMessageID());
            }
            return ids;
        });
    }

    private static List<String> propertyNames(Message message) throws JMSException {
        List<String> names = new ArrayList<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            names.add(String.valueOf(name));
        }
        return names;
    }

    private String awaitApplied(String source, String eventId) {
        return await().atMost(APPLIED_WITHIN).until(() -> state.inboxRow(source, eventId)
                .filter(row -> "APPLIED".equals(row.get("status")))
                .map(row -> String.valueOf(row.get("case_id")))
                .orElse(null), caseId -> caseId != null);
    }

    private HttpResponse<String> post(String pathAndQuery, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", coa.basicAuthorization())
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The header names (lower case) of each exchange sent to direct:hub-inbound, by the event id in its body. */
    static final class HeadersAtInbound extends EventNotifierSupport {
        private final Map<String, Set<String>> byBody = new ConcurrentHashMap<>();

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof ExchangeSendingEvent sending
                    && sending.getEndpoint().getEndpointUri().startsWith("direct://hub-inbound")) {
                Object body = sending.getExchange().getMessage().getBody();
                Set<String> names = new TreeSet<>();
                sending.getExchange().getMessage().getHeaders().keySet()
                        .forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
                byBody.put(String.valueOf(body), names);
            }
        }

        Set<String> headersOf(String eventId) {
            return byBody.entrySet().stream().filter(entry -> entry.getKey().contains(eventId))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }
}
