package nl.utrecht.integrationhub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

import nl.utrecht.integrationhub.outbound.Outbox;
import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * The audit log through the running hub: every read of process data over /engine-rest and the
 * webapps' own API, every dossier access over the hub's API, every event applied and every message
 * written leaves one entry per person concerned with every field filled; the table holds pseudonyms,
 * never V-numbers; the database refuses to change or remove an entry; administrators search and export
 * a person's entries, nobody else may.
 */
@HubIntegrationTest
class AuditLogIT extends EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final int TASKS_OF_A_NEW_CASE = 3;
    private static final int PERSONS_OF_A_HOUSEHOLD = 4;
    private static final String HOUSING_REALISED = "nl.utrecht.hub.housing-realised";

    @Autowired
    Pseudonymiser pseudonymiser;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;

    Credentials coa;
    Credentials education;
    Credentials vluchtelingenwerk;
    Credentials admin;

    /** A case of a household of four (Events.intake), its V-numbers, main person first. */
    record Household(String caseId, List<String> vNumbers) {
        String main() {
            return vNumbers.get(0);
        }
    }

    @BeforeEach
    void setUp() {
        coa = TestUsers.coa(identityService);
        education = TestUsers.educationCaseworker(identityService);
        vluchtelingenwerk = TestUsers.vluchtelingenwerkCaseworker(identityService);
        admin = TestUsers.ensure(identityService, "it-audit-admin", "camunda-admin");
    }

    @Test
    void aReadOfATasksVariablesOverEngineRestIsOneEntryPerPersonWithEveryField() {
        Household household = newHousehold();
        String taskId = state.tasks(household.caseId(), "UserTask_PlaceChildInSchool").get(0).getId();
        String trace = newTraceId();

        Response answer = get("/engine-rest/task/" + taskId + "/variables", education, trace);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        for (String vNumber : household.vNumbers()) {
            List<Map<String, Object>> entries = awaitEntries(vNumber, "task:" + taskId, 1);
            assertThat(entries).as("one entry for each person of the household").hasSize(1);
        }
        Map<String, Object> entry = entries(household.main(), "task:" + taskId).get(0);
        assertThat(entry.get("occurred_at")).isNotNull();
        assertThat(entry).containsEntry("actor", "it-education").containsEntry("actor_kind", "user")
                .containsEntry("on_behalf_of", "education").containsEntry("action", "READ")
                .containsEntry("person_pseudonym", pseudonymiser.pseudonym(household.main()))
                .containsEntry("processing_activity", "intake").containsEntry("resource", "task:" + taskId)
                .containsEntry("outcome", "success").containsEntry("trace_id", trace);
        assertThat(entry.values()).as("every field filled").doesNotContainNull();
    }

    @Test
    void aReadTheEngineRefusesIsLoggedAsDenied() {
        Household household = newHousehold();
        String otherGroupsTask = state.tasks(household.caseId(), "UserTask_OpenDossier").get(0).getId();

        Response answer = get("/engine-rest/task/" + otherGroupsTask + "/variables", education, null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        Map<String, Object> entry = awaitEntries(household.main(), "task:" + otherGroupsTask, 1).get(0);
        assertThat(entry).containsEntry("actor", "it-education").containsEntry("outcome", "denied")
                .containsEntry("action", "READ");
        assertThat(entry.get("trace_id")).as("no trace id sent, none logged").isNull();
    }

    @Test
    void formVariablesProcessVariablesAndHistoryQueriesAreLoggedWithTheProcessesPurpose() {
        Household household = newHousehold();
        String taskId = state.tasks(household.caseId(), "UserTask_PlaceChildInSchool").get(0).getId();
        String reception = state.calledInstance(household.caseId(), "reception").getId();
        String route = state.processInstances(household.caseId()).get(0).getId();

        assertThat(get("/engine-rest/task/" + taskId + "/form-variables", education, null).status()).isEqualTo(200);
        assertThat(get("/engine-rest/process-instance/" + reception + "/variables", admin, null).status())
                .isEqualTo(200);
        Response history = hub.postJson("/engine-rest/history/variable-instance",
                JSON.createObjectNode().put("processInstanceId", route), admin);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.json()).isNotEmpty();
        Response count = hub.get("/engine-rest/history/variable-instance/count?processInstanceId=" + route, admin);
        assertThat(count.status()).isEqualTo(200);

        assertThat(awaitEntries(household.main(), "task:" + taskId, 1).get(0))
                .containsEntry("actor", "it-education").containsEntry("processing_activity", "intake");
        assertThat(awaitEntries(household.main(), "process-instance:" + reception, 1).get(0))
                .containsEntry("actor", "it-audit-admin").containsEntry("on_behalf_of", "camunda-admin")
                .containsEntry("processing_activity", "intake");
        // the history query and nothing for the count (it returns no data)
        assertThat(awaitEntries(household.main(), "process-instance:" + route, 1)).hasSize(1);
        for (String vNumber : household.vNumbers()) {
            assertThat(entries(vNumber, "process-instance:" + route)).hasSize(1);
        }
    }

    @Test
    void theWebappsOwnEngineApiIsLoggedAsTasklistUsesIt() throws Exception {
        Household household = newHousehold();
        String taskId = state.tasks(household.caseId(), "UserTask_PlaceChildInSchool").get(0).getId();
        Webapp tasklist = Webapp.login(port, education, "tasklist");

        HttpResponse<String> answer = tasklist.get("/camunda/api/engine/engine/default/task/" + taskId
                + "/form-variables");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (String vNumber : household.vNumbers()) {
            assertThat(awaitEntries(vNumber, "task:" + taskId, 1)).singleElement()
                    .satisfies(entry -> assertThat(entry).containsEntry("actor", "it-education")
                            .containsEntry("on_behalf_of", "education").containsEntry("outcome", "success"));
        }
    }

    @Test
    void aCaseLookupOverTheApiIsADossierAccessOfThatPerson() {
        Household household = newHousehold();
        String trace = newTraceId();

        Response answer = get("/api/cases?subject=" + household.main(), vluchtelingenwerk, trace);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Map<String, Object> entry = awaitEntries(household.main(), "case:" + household.caseId(), 2).stream()
                .filter(e -> "READ".equals(e.get("action"))).findFirst().orElseThrow();
        assertThat(entry).containsEntry("actor", "it-vluchtelingenwerk-mn").containsEntry("actor_kind", "user")
                .containsEntry("on_behalf_of", "vluchtelingenwerk-mn").containsEntry("processing_activity", "begeleiding")
                .containsEntry("outcome", "success").containsEntry("trace_id", trace);
        assertThat(entries(household.vNumbers().get(1), "case:" + household.caseId()))
                .as("the partner's data was not looked up").noneMatch(e -> "READ".equals(e.get("action")));
    }

    @Test
    void anAppliedIntakeIsACreateForEveryPersonAndAMessageWrittenIsASendInItsTransaction() {
        Household household = newHousehold();
        for (String vNumber : household.vNumbers()) {
            assertThat(awaitEntries(vNumber, "case:" + household.caseId(), 1)).singleElement().satisfies(entry ->
                    assertThat(entry).containsEntry("actor", "urn:nl:coa").containsEntry("actor_kind", "partner")
                            .containsEntry("on_behalf_of", "partner-coa").containsEntry("action", "CREATE")
                            .containsEntry("processing_activity", "intake").containsEntry("outcome", "success"));
        }

        String sent = transactions.execute(status -> outbox.write(housingRealised(household)));
        String rolledBack = transactions.execute(status -> {
            String id = outbox.write(housingRealised(household));
            status.setRollbackOnly();
            return id;
        });

        assertThat(entries(household.main(), "outbox:" + sent)).singleElement().satisfies(entry ->
                assertThat(entry).containsEntry("actor", "integration-hub").containsEntry("actor_kind", "system")
                        .containsEntry("on_behalf_of", "coa").containsEntry("action", "SEND")
                        .containsEntry("processing_activity", "huisvesting").containsEntry("outcome", "success"));
        assertThat(entries(household.main(), "outbox:" + rolledBack)).as("rolled back with the message").isEmpty();
    }

    @Test
    void theTableHoldsPseudonymsNeverTheClearIdentifiers() {
        Household household = newHousehold();
        String taskId = state.tasks(household.caseId(), "UserTask_PlaceChildInSchool").get(0).getId();
        get("/engine-rest/task/" + taskId + "/variables", education, null);
        get("/api/cases?subject=" + household.main(), vluchtelingenwerk, null);
        awaitEntries(household.main(), "task:" + taskId, 1);

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM hub_audit_log");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(PERSONS_OF_A_HOUSEHOLD * 2);
        for (Map<String, Object> row : rows) {
            assertThat(String.valueOf(row.get("person_pseudonym"))).matches("[0-9a-f]{64}");
            for (Object value : row.values()) {
                for (String vNumber : household.vNumbers()) {
                    assertThat(String.valueOf(value)).doesNotContain(vNumber);
                }
            }
        }
        assertThat(pseudonymiser.pseudonym(household.main())).isEqualTo(pseudonymiser.pseudonym(household.main()))
                .isNotEqualTo(pseudonymiser.pseudonym(household.vNumbers().get(1)));
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveAnEntry() {
        Household household = newHousehold();
        Map<String, Object> entry = awaitEntries(household.main(), "case:" + household.caseId(), 1).get(0);
        Object id = entry.get("id");
        Long before = jdbc.queryForObject("SELECT COUNT(*) FROM hub_audit_log", Long.class);

        for (String change : List.of("UPDATE hub_audit_log SET outcome = 'denied' WHERE id = " + id,
                "UPDATE hub_audit_log SET actor = 'someone-else'",
                "DELETE FROM hub_audit_log WHERE id = " + id,
                "DELETE FROM hub_audit_log")) {
            assertThatThrownBy(() -> jdbc.update(change)).as(change)
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .satisfies(refused -> assertThat(NestedExceptionUtils.getMostSpecificCause(refused))
                            .hasMessageContaining("append-only"));
        }

        assertThatThrownBy(() -> jdbc.execute("TRUNCATE TABLE hub_audit_log")).isInstanceOf(DataAccessException.class);

        assertThat(jdbc.queryForMap("SELECT * FROM hub_audit_log WHERE id = ?", id)).isEqualTo(entry);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hub_audit_log", Long.class)).isGreaterThanOrEqualTo(before);
    }

    @Test
    void administratorsSearchAPersonsEntriesAndNobodyElseMay() {
        Household household = newHousehold();
        String pseudonym = pseudonymiser.pseudonym(household.main());
        awaitEntries(household.main(), "case:" + household.caseId(), 1);
        get("/api/cases?subject=" + household.main(), vluchtelingenwerk, null);
        awaitEntries(household.main(), "case:" + household.caseId(), 2);
        List<Long> before = idsOf(pseudonym);

        Response search = get("/api/admin/audit?person=" + household.main(), admin, null);

        assertThat(search.status()).as(search.toString()).isEqualTo(200);
        List<Long> found = new ArrayList<>();
        search.json().forEach(entry -> {
            assertThat(entry.path("personPseudonym").asText()).isEqualTo(pseudonym);
            found.add(entry.path("id").asLong());
        });
        assertThat(found).containsExactlyElementsOf(before);
        assertThat(search.body()).doesNotContain(household.main());
        assertThat(entries(household.main(), "audit:query")).as("the search is logged").singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("actor", "it-audit-admin")
                        .containsEntry("processing_activity", "toezicht"));

        Response empty = get("/api/admin/audit?person=" + household.main() + "&to=2000-01-01", admin, null);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json()).isEmpty();
        Response bad = get("/api/admin/audit?person=not-a-number", admin, null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("person").contains("v-number-or-bsn");

        for (Credentials notAdmin : List.of(education, vluchtelingenwerk, coa)) {
            for (String path : List.of("/api/admin/audit?person=", "/api/admin/audit/export?person=")) {
                Response refused = get(path + household.main(), notAdmin, null);
                assertThat(refused.status()).as(notAdmin + " " + path).isEqualTo(403);
                assertThat(refused.isProblem()).isTrue();
            }
        }
        assertThat(get("/api/admin/audit?person=" + household.main(), null, null).status()).isEqualTo(401);
    }

    @Test
    void theExportForAnAccessRequestHoldsExactlyThatPersonsEntriesAndIsItselfLogged() {
        Household household = newHousehold();
        Household other = newHousehold();
        String pseudonym = pseudonymiser.pseudonym(household.main());
        String taskId = state.tasks(household.caseId(), "UserTask_PlaceChildInSchool").get(0).getId();
        get("/engine-rest/task/" + taskId + "/variables", education, null);
        awaitEntries(household.main(), "task:" + taskId, 1);
        awaitEntries(other.main(), "case:" + other.caseId(), 1);

        Response export = get("/api/admin/audit/export?person=" + household.main(), admin, null);

        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/json");
        List<Long> exported = new ArrayList<>();
        export.json().path("entries").forEach(entry -> {
            assertThat(entry.path("personPseudonym").asText()).isEqualTo(pseudonym);
            exported.add(entry.path("id").asLong());
        });
        assertThat(exported).as("exactly the person's entries").containsExactlyElementsOf(idsOf(pseudonym));
        assertThat(export.json().path("count").asInt()).isEqualTo(exported.size());
        assertThat(export.json().path("entries")).anySatisfy(entry -> {
            assertThat(entry.path("resource").asText()).isEqualTo("audit:export");
            assertThat(entry.path("processingActivity").asText()).isEqualTo("inzageverzoek");
            assertThat(entry.path("actor").asText()).isEqualTo("it-audit-admin");
        });
        assertThat(export.json().path("entries")).anySatisfy(entry ->
                assertThat(entry.path("resource").asText()).isEqualTo("task:" + taskId));
        Set<Long> othersIds = new HashSet<>(idsOf(pseudonymiser.pseudonym(other.main())));
        assertThat(othersIds).isNotEmpty().doesNotContainAnyElementsOf(exported);

        Response csv = get("/api/admin/audit/export?format=csv&person=" + household.main(), admin, null);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("id,occurred_at,actor,actor_kind,on_behalf_of,action,person_pseudonym,"
                + "processing_activity,resource,outcome,trace_id");
        assertThat(lines).hasSize(1 + idsOf(pseudonym).size());
        assertThat(csv.body()).doesNotContain(household.main()).contains(pseudonym);
    }

    // --- helpers

    private Household newHousehold() {
        ObjectNode intake = Events.intake(Events.newVNumber());
        Response accepted = hub.postEvent(intake, coa);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String caseId = await().atMost(WITHIN).until(() -> state.inboxRow(Events.SOURCE_COA, intake.get("id").asText())
                .filter(row -> "APPLIED".equals(row.get("status")))
                .map(row -> String.valueOf(row.get("case_id")))
                .filter(id -> state.tasks(id).size() == TASKS_OF_A_NEW_CASE)
                .orElse(null), id -> id != null);
        List<String> vNumbers = new ArrayList<>();
        intake.get("data").get("household").forEach(member -> vNumbers.add(member.get("vNumber").asText()));
        assertThat(vNumbers).hasSize(PERSONS_OF_A_HOUSEHOLD).first().isEqualTo(intake.get("subject").asText());
        return new Household(caseId, vNumbers);
    }

    private Outbox.Draft housingRealised(Household household) {
        ObjectNode data = JSON.createObjectNode();
        data.put("moveDate", Events.today().toString());
        data.put("interimHome", false);
        data.put("personsHoused", PERSONS_OF_A_HOUSEHOLD);
        return new Outbox.Draft(HOUSING_REALISED, household.caseId(), household.main(), data, null, "SendTask_AuditIT");
    }

    private List<Map<String, Object>> entries(String vNumber, String resource) {
        return jdbc.queryForList("SELECT * FROM hub_audit_log WHERE person_pseudonym = ? AND resource = ? ORDER BY id",
                pseudonymiser.pseudonym(vNumber), resource);
    }

    private List<Map<String, Object>> awaitEntries(String vNumber, String resource, int atLeast) {
        return await().atMost(WITHIN).until(() -> entries(vNumber, resource), rows -> rows.size() >= atLeast);
    }

    private List<Long> idsOf(String pseudonym) {
        return jdbc.queryForList("SELECT id FROM hub_audit_log WHERE person_pseudonym = ? ORDER BY occurred_at, id",
                Long.class, pseudonym);
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** GET with HTTP Basic (null: anonymous) and, if given, a W3C traceparent with this trace id. */
    private Response get(String pathAndQuery, Credentials credentials, String traceId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json, application/problem+json");
        if (credentials != null) {
            request.header("Authorization", credentials.basicAuthorization());
        }
        if (traceId != null) {
            request.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
        }
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request.GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""),
                    answer.headers().allValues("WWW-Authenticate"), answer.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A browser session in a Camunda webapp: the CSRF cookie, the login form, then the webapp's own API. */
    record Webapp(HttpClient http, CookieManager cookies, URI base) {

        static Webapp login(int port, Credentials user, String app) throws Exception {
            nl.utrecht.integrationhub.support.CamundaWebappDelegates.restore();
            CookieManager cookies = new CookieManager();
            HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            URI base = URI.create("http://localhost:" + port);
            Webapp webapp = new Webapp(http, cookies, base);
            webapp.get("/camunda/app/" + app + "/default/");
            String form = "username=" + URLEncoder.encode(user.userId(), StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(user.password(), StandardCharsets.UTF_8);
            HttpRequest.Builder login = HttpRequest.newBuilder(base.resolve(
                            "/camunda/api/admin/auth/user/default/login/" + app))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            webapp.xsrfToken().ifPresent(token -> login.header("X-XSRF-TOKEN", token));
            HttpResponse<String> answer = http.send(login.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("webapp login: " + answer.body()).isEqualTo(200);
            return webapp;
        }

        HttpResponse<String> get(String path) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json");
            xsrfToken().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        java.util.Optional<String> xsrfToken() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> "XSRF-TOKEN".equals(c.getName()))
                    .map(HttpCookie::getValue).findFirst();
        }
    }
}
