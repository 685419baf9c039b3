package nl.utrecht.integrationhub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.camunda.bpm.engine.IdentityService;
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

import nl.utrecht.integrationhub.HubApplication;
import nl.utrecht.integrationhub.outbound.Outbox;
import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubState;
import nl.utrecht.integrationhub.support.HubTestClient;
import nl.utrecht.integrationhub.support.HubTestEnvironment;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * The demo's responders against the real outbox, relay, transports and broker: a hub with the demo
 * profile (generators off, every partner answering after a second) gets a household by an intake; each
 * of the hub's outbound message types is then written with {@link Outbox#write} in a transaction, and
 * the simulated party answers it exactly once with the inbound event the real party sends, which the hub
 * records and applies (or parks until its process waits). A request sent again with the same
 * Idempotency-Key or broker duplicate id is not answered again; a request redelivered under a new
 * duplicate id is answered with the very same event, which the hub counts as a duplicate.
 * Starts its own hub next to the shared test context, so its engine takes a generated name.
 */
@DisabledIfSystemProperty(named = "spring.profiles.active", matches = ".*postgres.*", disabledReason =
        "This test starts a second hub next to the suite's shared one. On H2 each has its own database; on the "
        + "suite's one PostgreSQL database the shared hub's job executor and outbox relay would work on this "
        + "hub's jobs and messages too (one database is one cluster), which is not what this test is about.")
class PartnerSimulatorsIT {

    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfigurableApplicationContext hub;
    private static HubTestClient client;
    private static int port;

    @BeforeAll
    static void startDemoHub() {
        Path dataDir = HubTestEnvironment.newDataDir();
        List<String> args = new ArrayList<>(List.of(
                "--hub.data-dir=" + dataDir,
                "--server.port=0",
                "--hub.broker.port=-1",
                "--camunda.bpm.generate-unique-process-engine-name=true",
                "--hub.inbound.relay-interval=PT1S",
                "--hub.inbound.parked-retry-interval=PT2S",
                "--hub.admin.user-id=" + HubTestEnvironment.ADMIN_USER_ID,
                "--hub.admin.password=" + HubTestEnvironment.randomSecret(),
                "--hub.simulators.generators.enabled=false",
                "--hub.simulators.caseworkers.enabled=false",
                "--hub.simulators.housing.move-after=P0D"));
        for (String party : List.of("coa", "housing", "brp", "werk-en-inkomen", "vluchtelingenwerk-utrecht", "gca",
                "onderwijs", "buurtteam")) {
            args.add("--hub.simulators." + party + ".delay=PT1S");
        }
        // As arguments, not builder.properties(...): those are defaults, beneath application.yaml. The demo
        // profile is added to whatever the run activates (postgres in CI).
        hub = new SpringApplicationBuilder(HubApplication.class).profiles("demo").run(args.toArray(String[]::new));
        port = ((WebServerApplicationContext) hub).getWebServer().getPort();
        client = new HubTestClient(port);
    }

    @AfterAll
    static void stopDemoHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void everyResponderAnswersItsMessageOnceAsTheRealPartyWould() throws Exception {
        Household household = newHousehold();
        LocalDate today = Events.today();

        String housing = write("nl.utrecht.hub.housing-requested", household, household.main(), data()
                .put("linkedOn", today.toString()).put("offerDueDate", today.plusWeeks(10).toString())
                .put("adults", 2).put("minors", 2).put("familyMembersToFollow", 0).put("personsToHouse", 4)
                .put("interimHome", false));
        String benefit = write("nl.utrecht.hub.benefit-intake-requested", household, household.main(), data()
                .put("settlementDate", today.toString()).put("adults", 2).put("minors", 2));
        String ppsv = write("nl.utrecht.hub.ppsv-results-shared", household, household.main(), data()
                .put("languageLevel", "A2").put("educationLevel", "secondary").put("workExperienceYears", 4));
        String medical = write("nl.utrecht.hub.medical-record-handover-requested", household, household.main(), data()
                .put("gpPractice", "Huisartsenpraktijk Testlaan").put("consentReference", "TOESTEMMING-TEST-0001")
                .put("requestedOn", today.toString()));
        String school = write("nl.utrecht.hub.school-registration-requested", household, household.child(), data()
                .put("schoolType", "transition-class").put("compulsory", true)
                .put("placementDue", today.plusDays(3).toString()));
        ObjectNode handoverData = data().put("packageReference", "PAKKET-TEST-0001")
                .put("proposedMeetingDate", today.plusDays(7).toString());
        handoverData.putArray("agreedInformation").add("household").add("housing");
        String handover = write("nl.utrecht.hub.handover-package-sent", household, household.main(), handoverData);

        assertAnswered(housing, "urn:nl:utrecht:housing", "nl.utrecht.housing-offer-accepted", "", household);
        JsonNode offer = answerPayload(housing, "urn:nl:utrecht:housing", "nl.utrecht.housing-offer-accepted", "");
        assertThat(offer.path("subject").asText()).isEqualTo(household.main());
        assertThat(offer.path("data").path("moveDate").asText()).isEqualTo(today.toString());
        assertThat(offer.path("data").path("interimHome").asBoolean(true)).isFalse();
        assertAnswered(benefit, "urn:nl:utrecht:werk-en-inkomen", "nl.utrecht.benefit-granted", "", household);
        assertAnswered(ppsv, "urn:nl:utrecht:werk-en-inkomen", "nl.utrecht.trajectory-placement-made", "", household);
        assertAnswered(medical, "urn:nl:gca", "nl.gca.medical-record-handover-confirmed", "", household);
        assertThat(answerPayload(medical, "urn:nl:gca", "nl.gca.medical-record-handover-confirmed", "")
                .path("data").path("gpPractice").asText()).isEqualTo("Huisartsenpraktijk Testlaan");
        assertAnswered(school, "urn:nl:utrecht:onderwijs", "nl.utrecht.school-placement-done", "", household);
        assertThat(answerPayload(school, "urn:nl:utrecht:onderwijs", "nl.utrecht.school-placement-done", "")
                .path("subject").asText()).isEqualTo(household.child());
        assertAnswered(handover, "urn:nl:buurtteam", "nl.buurtteam.handover-accepted", "", household);

        for (String request : List.of(housing, benefit, ppsv, medical, school, handover)) {
            assertThat(activity().answersTo(request)).as("answers to %s", request).hasSize(1);
        }
    }

    @Test
    void onTheMoveTheBrpRegistersEveryMemberWithAFakeBsnAndCoaOnlyTakesNote() {
        Household household = newHousehold();
        String realised = write("nl.utrecht.hub.housing-realised", household, household.main(), data()
                .put("moveDate", Events.today().toString()).put("interimHome", false).put("personsHoused", 4));

        for (String vNumber : household.members()) {
            await().atMost(ANSWERED_WITHIN).until(() -> bsnOf(vNumber).isPresent());
            String bsn = bsnOf(vNumber).orElseThrow();
            assertThat(bsn).startsWith("99").hasSize(9);
            assertThat(DemoBsn.passesElevenTest(bsn)).as("11-test").isTrue();
        }
        assertThat(household.members().stream().map(v -> bsnOf(v).orElseThrow()).distinct()).hasSize(4);
        assertThat(activity().answersTo(realised)).extracting(SimulatorActivity.Answered::party).containsExactly("brp");
        assertThat(activity().answersTo(realised).get(0).eventIds()).hasSize(4);
    }

    @Test
    void vluchtelingenwerkUtrechtFetchesEachDocumentOnceAndConfirmsTheTransfer() {
        Household household = newHousehold();
        Credentials uploader = TestUsers.vluchtelingenwerkSystem(bean(IdentityService.class));
        HttpResponse<String> uploaded = http(HttpRequest.newBuilder(uri("/api/attachments?subject=" + household.main()))
                .header("Authorization", uploader.basicAuthorization())
                .header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(DemoDocument.pdf("IT-TEST")))
                .build());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String attachmentId = json(uploaded.body()).path("id").asText();

        String transfer = write("nl.utrecht.hub.dossier-transfer-requested", household, household.main(), data()
                .put("dossierNumber", "VWMN-TEST-0001").put("settlementDate", Events.today().toString())
                .put("documentCount", 1));

        assertAnswered(transfer, "urn:nl:vluchtelingenwerk-utrecht", "nl.vluchtelingenwerk.dossier-transfer-received", "",
                household);
        assertThat(activity().wasFetched(attachmentId)).isTrue();
        assertThat(bean(JdbcTemplate.class).queryForObject("SELECT status FROM hub_attachment WHERE id = ?", String.class,
                attachmentId)).isEqualTo("FETCHED");
        assertThat(activity().answersTo(transfer)).hasSize(1);
    }

    @Test
    void aRequestSentAgainWithTheSameKeyIsNotAnsweredAgainAndARedeliveryGivesTheSameAnswer() throws Exception {
        Household household = newHousehold();
        String medical = write("nl.utrecht.hub.medical-record-handover-requested", household, household.main(), data()
                .put("gpPractice", "Huisartsenpraktijk Testlaan").put("consentReference", "TOESTEMMING-TEST-0002")
                .put("requestedOn", Events.today().toString()));
        String housing = write("nl.utrecht.hub.housing-requested", household, household.main(), data()
                .put("linkedOn", Events.today().toString()).put("offerDueDate", Events.today().plusWeeks(10).toString())
                .put("adults", 2).put("minors", 2).put("familyMembersToFollow", 0).put("personsToHouse", 4)
                .put("interimHome", false));
        assertAnswered(medical, "urn:nl:gca", "nl.gca.medical-record-handover-confirmed", "", household);
        assertAnswered(housing, "urn:nl:utrecht:housing", "nl.utrecht.housing-offer-accepted", "", household);

        // Over HTTP: the same request with the same Idempotency-Key (a resend after a lost answer), and
        // one without the bearer token the hub is configured to send.
        String payload = outbox().find(medical).orElseThrow().payload();
        assertThat(postToSimulatedGca(payload, medical, "Bearer demo-only-gca-token").statusCode()).isEqualTo(202);
        assertThat(postToSimulatedGca(payload, medical, "Bearer not-the-token").statusCode()).isEqualTo(401);
        assertThat(postToSimulatedGca(payload, medical, null).statusCode()).isEqualTo(401);
        // Over JMS: the same request with the same duplicate id (a relay resending after a crash).
        String housingPayload = outbox().find(housing).orElseThrow().payload();
        sendToQueue("hub.out.housing", housingPayload, housing);

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() ->
                activity().answersTo(medical).size() == 1 && activity().answersTo(housing).size() == 1);

        // A redelivery the receiver cannot recognise (a new duplicate id): answered again, with the same
        // event, which the hub records once and does not apply a second time.
        String answerId = SimulatedEvents.answerId("nl.utrecht.housing-offer-accepted", housing, "");
        Map<String, Object> before = state().inboxRow("urn:nl:utrecht:housing", answerId).orElseThrow();
        sendToQueue("hub.out.housing", housingPayload, housing + "-redelivered");
        await().atMost(ANSWERED_WITHIN).until(() -> activity().answersTo(housing).size() == 2);
        assertThat(activity().answersTo(housing).get(1).eventIds()).isEqualTo(activity().answersTo(housing).get(0).eventIds());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                state().inboxRows(answerId) == 1
                        && state().inboxRow("urn:nl:utrecht:housing", answerId).orElseThrow().get("status")
                                .equals(before.get("status")));
        Integer deadLetters = bean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM hub_inbox WHERE event_id = ? AND status = 'FAILED'", Integer.class, answerId);
        assertThat(deadLetters).isZero();
    }

    // --- the household and the outbox ---

    record Household(String caseId, String main, String child, List<String> members) {
    }

    private Household newHousehold() {
        String main = Events.newVNumber();
        ObjectNode intake = Events.intake(main);
        var response = client.postEvent(intake, TestUsers.coa(bean(IdentityService.class)));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        String caseId = await().atMost(ANSWERED_WITHIN).until(() -> state().inboxRow(Events.SOURCE_COA,
                        intake.get("id").asText()).filter(row -> "APPLIED".equals(row.get("status")))
                .map(row -> String.valueOf(row.get("case_id"))).orElse(null), id -> id != null);
        List<String> members = new ArrayList<>();
        intake.get("data").get("household").forEach(member -> members.add(member.get("vNumber").asText()));
        // The 13-year-old (Events.intake: main, partner, a child of 4, a child of 13).
        return new Household(caseId, main, members.get(3), members);
    }

    private String write(String type, Household household, String subject, ObjectNode data) {
        return bean(TransactionTemplate.class).execute(status -> outbox().write(
                new Outbox.Draft(type, household.caseId(), subject, data, null, "SendTask_SimulatorIT")));
    }

    /** The partner's answer is in the hub's inbox (source, deterministic id), once, applied or parked for the case. */
    private void assertAnswered(String requestId, String source, String answerType, String part, Household household) {
        String answerId = SimulatedEvents.answerId(answerType, requestId, part);
        await().atMost(ANSWERED_WITHIN).until(() -> state().inboxStatus(source, answerId)
                .filter(status -> status.equals("APPLIED") || status.equals("PARKED")).isPresent());
        assertThat(state().inboxRows(answerId)).isEqualTo(1);
        JsonNode answer = answerPayload(requestId, source, answerType, part);
        assertThat(answer.path("type").asText()).isEqualTo(answerType);
        assertThat(household.members()).contains(answer.path("subject").asText());
    }

    private JsonNode answerPayload(String requestId, String source, String answerType, String part) {
        String answerId = SimulatedEvents.answerId(answerType, requestId, part);
        return json(String.valueOf(state().inboxRow(source, answerId).orElseThrow().get("payload")));
    }

    private Optional<String> bsnOf(String vNumber) {
        return bean(JdbcTemplate.class).queryForList("SELECT bsn FROM hub_person WHERE v_number = ?", String.class, vNumber)
                .stream().filter(bsn -> bsn != null).findFirst();
    }

    private HttpResponse<String> postToSimulatedGca(String payload, String idempotencyKey, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/simulators/gca/events"))
                .header("Content-Type", "application/cloudevents+json; charset=UTF-8")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http(request.build());
    }

    private void sendToQueue(String queue, String payload, String duplicateId) {
        bean(JmsTemplate.class).send(queue, session -> {
            var message = session.createTextMessage(payload);
            message.setStringProperty("_AMQ_DUPL_ID", duplicateId);
            return message;
        });
    }

    private static HttpResponse<String> http(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("the demo hub could not be reached: " + e);
        }
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private static ObjectNode data() {
        return JSON.createObjectNode();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + e.getMessage());
        }
    }

    private static Outbox outbox() {
        return bean(Outbox.class);
    }

    private static SimulatorActivity activity() {
        return bean(SimulatorActivity.class);
    }

    private static HubState state() {
        return new HubState(bean(JdbcTemplate.class), hub.getBean(org.camunda.bpm.engine.RuntimeService.class),
                hub.getBean(org.camunda.bpm.engine.TaskService.class));
    }

    private static <T> T bean(Class<T> type) {
        return hub.getBean(type);
    }
}
