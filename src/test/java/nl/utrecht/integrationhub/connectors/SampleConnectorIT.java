package nl.utrecht.integrationhub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.utrecht.integrationhub.HubApplication;
import nl.utrecht.integrationhub.outbound.Outbox;
import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubState;
import nl.utrecht.integrationhub.support.HubTestClient;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.HubTestEnvironment;
import nl.utrecht.integrationhub.support.PartnerEvents;
import nl.utrecht.integrationhub.support.TestPartners;
import nl.utrecht.integrationhub.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * docs/connectors.md's promise, proven: a system is added with configuration, schemas and routes
 * only. The hub starts with the sample connector in src/test/resources/sample-connector/ (a language
 * provider that sends over its own queue and receives over HTTP) and no Java of its own; its events
 * are validated and applied, another party's events on its queue are dead-lettered, the hub's message
 * to it is delivered once, and both appear in the API documents.
 */
@DisabledIfSystemProperty(named = "spring.profiles.active", matches = ".*postgres.*", disabledReason =
        "This test starts a second hub next to the suite's shared one. On H2 each has its own database; on the "
        + "suite's one PostgreSQL database the shared hub's job executor and outbox relay would work on this "
        + "hub's jobs and messages too (one database is one cluster), which is not what this test is about.")
class SampleConnectorIT {

    private static final String FOLDER = "src/test/resources/sample-connector";
    private static final String PARTY = "taalaanbieder";
    private static final String SOURCE = "urn:nl:taalaanbieder-voorbeeld";
    private static final String ASSESSED = "nl.taalaanbieder.language-level-assessed";
    private static final String COURSE_REQUESTED = "nl.utrecht.hub.language-course-requested";
    private static final String TOKEN = HubTestEnvironment.randomSecret();

    private static ConfigurableApplicationContext hub;

    @BeforeAll
    static void startHubWithTheSampleConnector() {
        Path dataDir = HubTestEnvironment.newDataDir();
        hub = new SpringApplicationBuilder(HubApplication.class).run(
                "--hub.data-dir=" + dataDir,
                "--server.port=0",
                "--hub.broker.port=-1",
                "--camunda.bpm.generate-unique-process-engine-name=true",
                "--hub.inbound.relay-interval=PT1S",
                "--hub.admin.user-id=" + HubTestEnvironment.ADMIN_USER_ID,
                "--hub.admin.password=" + HubTestEnvironment.randomSecret(),
                "--spring.config.additional-location=file:" + FOLDER + "/connector.yaml",
                "--camel.main.routes-include-pattern=file:routes/**/*.camel.yaml,file:" + FOLDER + "/routes/*.camel.yaml",
                "--hub.connectors." + PARTY + ".outbound.endpoint=" + TestPartners.instance().endpoint(PARTY),
                "--SAMPLE_TAALAANBIEDER_TOKEN=" + TOKEN);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void itsEventsArriveOverItsOwnQueueAndAreApplied() {
        String vNumber = Events.newVNumber();
        ObjectNode intake = Events.intake(vNumber);
        assertThat(client().postEvent(intake, TestUsers.coa(bean(IdentityService.class))).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> state().casesOfPerson(vNumber) == 1);

        ObjectNode assessed = event(SOURCE, vNumber);
        bean(JmsTemplate.class).convertAndSend("hub.in." + PARTY, assessed.toString());

        await().atMost(Duration.ofSeconds(30)).until(() ->
                state().inboxStatus(SOURCE, assessed.get("id").asText()).filter(s -> !s.equals("RECEIVED")).isPresent());
        assertThat(state().inboxStatus(SOURCE, assessed.get("id").asText())).contains("APPLIED");
    }

    @Test
    void itsSystemPostsOverHttpAsItsPartnerGroupAndOnlyForItsOwnSource() {
        String vNumber = Events.newVNumber();
        assertThat(client().postEvent(Events.intake(vNumber), TestUsers.coa(bean(IdentityService.class))).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> state().casesOfPerson(vNumber) == 1);
        assertThat(bean(IdentityService.class).createGroupQuery().groupId("partner-taalaanbieder").count())
                .as("the connector's partner group exists").isEqualTo(1);
        Credentials system = TestUsers.ensure(bean(IdentityService.class), "it-taalaanbieder-system",
                "partner-taalaanbieder");

        ObjectNode assessed = event(SOURCE, vNumber);
        assertThat(client().postEvent(assessed, system).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                state().inboxStatus(SOURCE, assessed.get("id").asText()).filter("APPLIED"::equals).isPresent());

        // A valid COA event, but this system may send only for the provider's source.
        ObjectNode asCoa = PartnerEvents.of("nl.ind.residence-permit-granted", vNumber, Events.today());
        assertThat(client().postEvent(asCoa, system).status()).isEqualTo(403);
    }

    @Test
    void anotherPartysEventOnItsQueueIsDeadLetteredWithTheReason() throws Exception {
        ObjectNode foreign = event("urn:nl:coa", Events.newVNumber());
        foreign.put("type", "nl.ind.residence-permit-granted");
        ObjectNode data = foreign.putObject("data");
        data.put("permitGrantedOn", Events.today().toString());
        JmsTemplate jms = bean(JmsTemplate.class);
        jms.convertAndSend("hub.in." + PARTY, foreign.toString());

        jms.setReceiveTimeout(20_000);
        Message dead = jms.receiveSelected("hub.inbound.dlq", "hubDeadLetterRoute = 'taalaanbieder-in-jms-events'");
        assertThat(dead).isNotNull();
        assertThat(dead.getStringProperty("hubDeadLetterReason")).startsWith("source not allowed");
        assertThat(state().inboxRows(foreign.get("id").asText())).isZero();
    }

    @Test
    void theHubsMessageToItIsDeliveredOnceWithItsCredentials() {
        ObjectNode data = bean(ObjectMapper.class).createObjectNode();
        data.put("targetLevel", "B1");
        data.put("startBefore", Events.today().plusMonths(1).toString());
        String id = bean(TransactionTemplate.class).execute(status -> bean(Outbox.class).write(new Outbox.Draft(
                COURSE_REQUESTED, "HH-SAMPLE-1", Events.newVNumber(), data, null, "SendTask_Sample")));

        await().atMost(Duration.ofSeconds(20)).until(() -> TestPartners.instance().acceptedWithKey(id) == 1);
        assertThat(TestPartners.instance().requestsWithKey(id)).singleElement()
                .satisfies(received -> {
                    assertThat(received.party()).isEqualTo(PARTY);
                    assertThat(received.authorization()).isEqualTo("Bearer " + TOKEN);
                    assertThat(received.body()).contains(COURSE_REQUESTED);
                });
    }

    @Test
    void bothDirectionsAreInTheApiDocuments() {
        Response openApi = client().get("/api/docs/openapi.json", null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains(ASSESSED).contains(COURSE_REQUESTED);
    }

    private static ObjectNode event(String source, String subject) {
        ObjectNode event = new ObjectMapper().createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", Events.newEventId());
        event.put("source", source);
        event.put("type", ASSESSED);
        event.put("subject", subject);
        // Formatted, not toString(): that drops the seconds when they are 0, which is no RFC 3339 date-time.
        event.put("time", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        event.put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        data.put("assessedOn", Events.today().toString());
        data.put("languageLevel", "A2");
        return event;
    }

    private static HubTestClient client() {
        return new HubTestClient(((WebServerApplicationContext) hub).getWebServer().getPort());
    }

    private static HubState state() {
        return new HubState(bean(JdbcTemplate.class), bean(RuntimeService.class), bean(TaskService.class));
    }

    private static <T> T bean(Class<T> type) {
        return hub.getBean(type);
    }
}
