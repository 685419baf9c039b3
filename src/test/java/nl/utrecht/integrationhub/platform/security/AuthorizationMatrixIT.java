package nl.utrecht.integrationhub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * The authorization policy (docs/security.md, "Authorization") as one table: every role against every
 * resource, through the engine's REST API, the webapps' own API (with a browser session) and the hub's
 * API, each cell one request against the running hub. "Sees 0 of organisation A's items" in a list counts
 * as DENIED, as does 401, 403 and 404; any other answer fails the cell. Administrators are the positive
 * control of each row: what they see exists.
 *
 * <p>The fixture is one new household through COA's real entry point: its reception phase holds a task of
 * organisation A (Vluchtelingenwerk Midden-Nederland: "Dossier openen") and one of education (school
 * placement); organisation B (Werk en Inkomen) has no task in the case.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT extends EndToEndTest {

    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);
    /** The open tasks of a new case (Events.intake): dossier, one school placement (the 13-year-old), activation. */
    private static final int TASKS_OF_A_NEW_CASE = 3;
    private static final String ORG_A = "vluchtelingenwerk-mn";
    private static final String ORG_B = "work-and-income";
    private static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/default";
    private static final String COCKPIT_PLUGIN = "/camunda/api/cockpit/plugin/base/default";

    enum Role { ANONYMOUS, CASEWORKER_A, CASEWORKER_B, PROCESS_OWNER, ADMINISTRATOR, PARTNER }

    enum Access { ALLOWED, DENIED }

    /**
     * The policy. Columns: anonymous, caseworker of organisation A (vluchtelingenwerk-mn), caseworker of
     * organisation B (work-and-income), process owner (process-owners), administrator (camunda-admin),
     * partner system (partner-coa). "ws" rows go through a webapp session: caseworkers logged in to
     * Tasklist, the process owner to Cockpit, the administrator to Admin, the partner to Camunda's
     * "welcome" page (the only one that admits it); anonymous without a session.
     */
    private static final String MATRIX = """
            resource                                                 | anon   | cw A    | cw B   | owner   | admin   | partner
            engine-rest  task of org A                               | DENIED | ALLOWED | DENIED | DENIED  | ALLOWED | DENIED
            engine-rest  task list of the case has org A's task      | DENIED | ALLOWED | DENIED | DENIED  | ALLOWED | DENIED
            engine-rest  variables of org A's task                   | DENIED | ALLOWED | DENIED | DENIED  | ALLOWED | DENIED
            engine-rest  form variables of org A's task              | DENIED | ALLOWED | DENIED | DENIED  | ALLOWED | DENIED
            engine-rest  variables of education's task, same case    | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            engine-rest  process instance of org A's task            | DENIED | DENIED  | DENIED | ALLOWED | ALLOWED | DENIED
            engine-rest  process instance list has it                | DENIED | DENIED  | DENIED | ALLOWED | ALLOWED | DENIED
            engine-rest  process instance variables                  | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            engine-rest  variable instances of the process instance  | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            engine-rest  historic process instance                   | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            engine-rest  historic variable instances                 | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            engine-rest  historic variable updates (detail)          | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            engine-rest  historic task of org A                      | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            engine-rest  process definitions                         | DENIED | ALLOWED | ALLOWED| ALLOWED | ALLOWED | DENIED
            engine-rest  instance counts per process definition      | DENIED | ALLOWED | ALLOWED| ALLOWED | ALLOWED | DENIED
            engine-rest  instance counts per activity (diagram)      | DENIED | DENIED  | DENIED | ALLOWED | ALLOWED | DENIED
            engine-rest  deployments                                 | DENIED | DENIED  | DENIED | ALLOWED | ALLOWED | DENIED
            engine-rest  decision definitions                        | DENIED | DENIED  | DENIED | ALLOWED | ALLOWED | DENIED
            engine-rest  other users (/user)                         | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            engine-rest  authorizations (/authorization)             | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            ws login     Tasklist                                    | DENIED | ALLOWED | ALLOWED| DENIED  | ALLOWED | DENIED
            ws login     Cockpit                                     | DENIED | DENIED  | DENIED | ALLOWED | ALLOWED | DENIED
            ws login     Admin                                       | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            ws engine    task list of the case has org A's task      | DENIED | ALLOWED | DENIED | DENIED  | ALLOWED | DENIED
            ws engine    form variables of org A's task              | DENIED | ALLOWED | DENIED | DENIED  | ALLOWED | DENIED
            ws engine    process instance variables                  | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            ws engine    historic variable instances                 | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            ws engine    authorizations                              | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            ws cockpit   process instances of the case               | DENIED | DENIED  | DENIED | ALLOWED | ALLOWED | DENIED
            ws engine    instance counts per process definition      | DENIED | ALLOWED | ALLOWED| ALLOWED | ALLOWED | DENIED
            ws engine    instance counts per activity (diagram)      | DENIED | DENIED  | DENIED | ALLOWED | ALLOWED | DENIED
            api          cases of org A's client (/api/cases)        | DENIED | ALLOWED | DENIED | DENIED  | ALLOWED | DENIED
            api          send an event (/api/events)                 | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | ALLOWED
            api          audit log (/api/admin/audit)                | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            api          audit export (/api/admin/audit/export)      | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            api          inbox (/api/admin/inbox)                    | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            api          outbox (/api/admin/outbox)                  | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            api          messages of the case (/api/admin/messages)  | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            api          dead letters (/api/admin/dead-letters)      | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            api          API documents (/api/docs)                   | ALLOWED| ALLOWED | ALLOWED| ALLOWED | ALLOWED | ALLOWED
            actuator     health                                      | ALLOWED| ALLOWED | ALLOWED| ALLOWED | ALLOWED | ALLOWED
            actuator     health/liveness                             | ALLOWED| ALLOWED | ALLOWED| ALLOWED | ALLOWED | ALLOWED
            actuator     health/readiness                            | ALLOWED| ALLOWED | ALLOWED| ALLOWED | ALLOWED | ALLOWED
            actuator     info                                        | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            actuator     metrics                                     | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            actuator     index (/actuator)                           | DENIED | DENIED  | DENIED | DENIED  | ALLOWED | DENIED
            """;

    /** What one cell's request showed, and the answer as evidence. */
    record Observation(Access access, String evidence) {
    }

    /** A household of the fixture and what the engine made of it. */
    record Fixture(ObjectNode intake, String caseId, String mainVNumber, String taskA, String educationTask,
                   String processInstanceId, String processDefinitionId) {
    }

    private final Map<Role, Credentials> users = new EnumMap<>(Role.class);
    private final Map<Role, Webapp> sessions = new EnumMap<>(Role.class);
    private Fixture fixture;

    @BeforeEach
    void fixtureOnce() throws Exception {
        if (fixture != null) {
            return;
        }
        users.put(Role.CASEWORKER_A, TestUsers.ensure(identityService, "it-matrix-vwmn", ORG_A));
        users.put(Role.CASEWORKER_B, TestUsers.ensure(identityService, "it-matrix-wi", ORG_B));
        users.put(Role.PROCESS_OWNER, TestUsers.ensure(identityService, "it-matrix-owner", "process-owners"));
        users.put(Role.ADMINISTRATOR, TestUsers.ensure(identityService, "it-matrix-admin", "camunda-admin"));
        users.put(Role.PARTNER, TestUsers.ensure(identityService, "it-matrix-coa", "partner-coa"));
        fixture = newHousehold(users.get(Role.PARTNER));

        sessions.put(Role.ANONYMOUS, Webapp.anonymous(port));
        sessions.put(Role.CASEWORKER_A, Webapp.loggedIn(port, users.get(Role.CASEWORKER_A), "tasklist"));
        sessions.put(Role.CASEWORKER_B, Webapp.loggedIn(port, users.get(Role.CASEWORKER_B), "tasklist"));
        sessions.put(Role.PROCESS_OWNER, Webapp.loggedIn(port, users.get(Role.PROCESS_OWNER), "cockpit"));
        sessions.put(Role.ADMINISTRATOR, Webapp.loggedIn(port, users.get(Role.ADMINISTRATOR), "admin"));
        // Camunda admits every user to its "welcome" page; from there on the webapps' API refuses a partner.
        sessions.put(Role.PARTNER, Webapp.loggedIn(port, users.get(Role.PARTNER), "welcome"));
    }

    @TestFactory
    Stream<DynamicTest> everyRoleReachesExactlyWhatThePolicyAllows() {
        Map<String, Function<Role, Observation>> probes = probes();
        List<String> lines = MATRIX.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> header = cells(lines.get(0));
        assertThat(header).as("the matrix's columns").hasSize(1 + Role.values().length);
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = cells(line);
            String resource = row.get(0).replaceAll("\\s+", " ");
            assertThat(probes).as("a probe for every row").containsKey(resource);
            assertThat(row).as(resource).hasSize(header.size());
            for (Role role : Role.values()) {
                Access expected = Access.valueOf(row.get(1 + role.ordinal()));
                tests.add(DynamicTest.dynamicTest(role + " × " + resource + " → " + expected, () -> {
                    Observation observed = probes.get(resource).apply(role);
                    assertThat(observed.access()).as("%s × %s: %s", role, resource, observed.evidence())
                            .isEqualTo(expected);
                }));
            }
        }
        assertThat(probes.keySet()).as("every probe is a row of the matrix").containsExactlyInAnyOrderElementsOf(
                lines.subList(1, lines.size()).stream().map(line -> cells(line).get(0).replaceAll("\\s+", " ")).toList());
        return tests.stream();
    }

    @Test
    void everyDocumentedApiEndpointRefusesAnonymousCallers() {
        JsonNode openApi = hub.get(hub.get("/api/docs", null).json().path("openapi").asText(), null).json();
        List<String> checked = new ArrayList<>();
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!Set.of("get", "put", "post", "delete", "patch").contains(method) || path.getKey().startsWith("/api/docs")) {
                return;
            }
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "1");
            Response answer = send(method.toUpperCase(), concrete, null);
            assertThat(answer.status()).as(method + " " + concrete + ": " + answer).isEqualTo(401);
            assertThat(answer.wwwAuthenticate()).as(method + " " + concrete)
                    .anySatisfy(value -> assertThat(value).startsWithIgnoringCase("Basic"));
            checked.add(method + " " + concrete);
        }));
        assertThat(checked).as("the documented endpoints").hasSizeGreaterThanOrEqualTo(15)
                .contains("post /api/events", "get /api/cases", "get /api/admin/audit", "get /api/attachments/1");
    }

    @Test
    void engineRestRefusesAnonymousCallersEverywhere() {
        List<String> calls = List.of("GET /engine-rest/engine", "GET /engine-rest/version", "GET /engine-rest/task",
                "GET /engine-rest/task/count", "POST /engine-rest/task", "GET /engine-rest/task/" + fixture.taskA(),
                "GET /engine-rest/task/" + fixture.taskA() + "/variables",
                "GET /engine-rest/process-instance", "GET /engine-rest/process-instance/" + fixture.processInstanceId(),
                "GET /engine-rest/variable-instance", "GET /engine-rest/history/process-instance",
                "GET /engine-rest/history/variable-instance", "GET /engine-rest/history/task",
                "GET /engine-rest/history/detail", "GET /engine-rest/history/user-operation",
                "GET /engine-rest/user", "POST /engine-rest/user/create", "GET /engine-rest/group",
                "GET /engine-rest/authorization", "POST /engine-rest/authorization/create",
                "GET /engine-rest/deployment", "GET /engine-rest/process-definition",
                "POST /engine-rest/process-definition/key/reception/start", "GET /engine-rest/decision-definition",
                "GET /engine-rest/filter", "GET /engine-rest/job", "GET /engine-rest/incident",
                "POST /engine-rest/message", "POST /engine-rest/external-task/fetchAndLock",
                "GET /engine-rest/metrics", "GET /engine-rest/engine/default/task",
                "GET /engine-rest/engine/default/process-instance");
        for (String call : calls) {
            String[] parts = call.split(" ", 2);
            Response answer = send(parts[0], parts[1], null);
            assertThat(answer.status()).as(call + ": " + answer).isEqualTo(401);
        }
    }

    @Test
    void theActuatorBeyondHealthNeedsAnAdministratorWhateverIsExposed() {
        for (String path : List.of("/actuator", "/actuator/info", "/actuator/metrics", "/actuator/metrics/jvm.memory.used",
                "/actuator/prometheus", "/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/loggers")) {
            assertThat(hub.get(path, null).status()).as("anonymous " + path).isEqualTo(401);
            for (Role role : List.of(Role.CASEWORKER_A, Role.PROCESS_OWNER, Role.PARTNER)) {
                Response answer = hub.get(path, users.get(role));
                assertThat(answer.status()).as(role + " " + path + ": " + answer).isEqualTo(403);
            }
        }
        Response metric = hub.get("/actuator/metrics/jvm.memory.used", users.get(Role.ADMINISTRATOR));
        assertThat(metric.status()).as(metric.toString()).isEqualTo(200);
        assertThat(hub.get("/actuator/env", users.get(Role.ADMINISTRATOR)).status())
                .as("not exposed: not found, even for an administrator").isEqualTo(404);
    }

    @Test
    void healthIsOpenWithItsStatusOnly() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            Response answer = hub.get(path, null);
            assertThat(answer.status()).as(path + ": " + answer).isEqualTo(200);
            Set<String> fields = new java.util.TreeSet<>();
            answer.json().fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as(path).contains("status").isSubsetOf(Set.of("status", "groups"));
        }
    }

    @Test
    void pathTricksDoNotOpenWhatIsClosed() {
        for (String path : List.of("/actuator/health/..;/info", "/actuator/health/%2e%2e/info",
                "/actuator/health/..%3B/metrics", "/actuator/health;/../env", "/api/docs/..;/admin/audit?person=0000000001",
                "/api/docs/%2e%2e/admin/inbox", "/engine-rest/engine/..;/task", "/ACTUATOR/info", "/actuator//info")) {
            Response answer = hub.get(path, null);
            assertThat(answer.status()).as(path + ": " + answer).isIn(400, 401, 404);
        }
    }

    @Test
    void aPartnerPassesCamundasWelcomeLoginButTheWebappsApiRefusesIt() throws Exception {
        Credentials partner = users.get(Role.PARTNER);
        Webapp welcome = Webapp.loggedIn(port, partner, "welcome");
        for (String path : List.of(WEBAPP_ENGINE + "/user/" + partner.userId() + "/profile",
                WEBAPP_ENGINE + "/task/count", WEBAPP_ENGINE + "/process-definition", WEBAPP_ENGINE + "/group",
                COCKPIT_PLUGIN + "/process-instance")) {
            Response answer = welcome.get(path);
            assertThat(answer.status()).as(path + ": " + answer).isEqualTo(403);
        }
        Response engineRest = hub.get("/engine-rest/user/" + partner.userId() + "/profile", partner);
        assertThat(engineRest.status()).as("its own profile over /engine-rest: " + engineRest).isEqualTo(403);
    }

    @Test
    void aCaseworkerOfAnOrganisationWithATaskInTheCaseSeesItButNotTheOtherTasks() throws Exception {
        Credentials education = TestUsers.ensure(identityService, "it-matrix-education", "education");
        Response cases = hub.cases(fixture.mainVNumber(), education);
        assertThat(cases.status()).as(cases.toString()).isEqualTo(200);
        assertThat(cases.json()).anySatisfy(c -> assertThat(c.path("caseId").asText()).isEqualTo(fixture.caseId()));
        Response tasks = hub.get("/engine-rest/task?processInstanceBusinessKey=" + fixture.caseId(), education);
        assertThat(ids(tasks.json())).containsExactly(fixture.educationTask());
        assertThat(hub.get("/engine-rest/task/" + fixture.taskA() + "/form-variables", education).status())
                .isEqualTo(403);
    }

    // --- the probes: one per row of the matrix

    private Map<String, Function<Role, Observation>> probes() {
        Fixture f = fixture;
        String caseQuery = "?processInstanceBusinessKey=" + f.caseId();
        Map<String, Function<Role, Observation>> probes = new LinkedHashMap<>();
        probes.put("engine-rest task of org A", role -> single(rest(role, "/engine-rest/task/" + f.taskA())));
        probes.put("engine-rest task list of the case has org A's task",
                role -> listWith(rest(role, "/engine-rest/task" + caseQuery), hasId(f.taskA())));
        probes.put("engine-rest variables of org A's task",
                role -> nonEmpty(rest(role, "/engine-rest/task/" + f.taskA() + "/variables")));
        probes.put("engine-rest form variables of org A's task",
                role -> nonEmpty(rest(role, "/engine-rest/task/" + f.taskA() + "/form-variables")));
        probes.put("engine-rest variables of education's task, same case",
                role -> nonEmpty(rest(role, "/engine-rest/task/" + f.educationTask() + "/variables")));
        probes.put("engine-rest process instance of org A's task",
                role -> single(rest(role, "/engine-rest/process-instance/" + f.processInstanceId())));
        probes.put("engine-rest process instance list has it",
                role -> listWith(rest(role, "/engine-rest/process-instance?businessKey=" + f.caseId()),
                        hasId(f.processInstanceId())));
        probes.put("engine-rest process instance variables",
                role -> nonEmpty(rest(role, "/engine-rest/process-instance/" + f.processInstanceId() + "/variables")));
        probes.put("engine-rest variable instances of the process instance",
                role -> nonEmpty(rest(role, "/engine-rest/variable-instance?processInstanceIdIn=" + f.processInstanceId())));
        probes.put("engine-rest historic process instance",
                role -> listWith(rest(role, "/engine-rest/history/process-instance?processInstanceId="
                        + f.processInstanceId()), hasId(f.processInstanceId())));
        probes.put("engine-rest historic variable instances",
                role -> nonEmpty(rest(role, "/engine-rest/history/variable-instance?processInstanceId="
                        + f.processInstanceId())));
        probes.put("engine-rest historic variable updates (detail)",
                role -> nonEmpty(rest(role, "/engine-rest/history/detail?processInstanceId=" + f.processInstanceId())));
        probes.put("engine-rest historic task of org A",
                role -> listWith(rest(role, "/engine-rest/history/task?taskId=" + f.taskA()), hasId(f.taskA())));
        probes.put("engine-rest process definitions",
                role -> listWith(rest(role, "/engine-rest/process-definition?key=reception"),
                        hasId(f.processDefinitionId())));
        probes.put("engine-rest instance counts per process definition",
                role -> listWith(rest(role, "/engine-rest/process-definition/statistics"), runningInstancesOfReception()));
        probes.put("engine-rest instance counts per activity (diagram)",
                role -> listWith(rest(role, "/engine-rest/process-definition/" + f.processDefinitionId() + "/statistics"),
                        instancesAtTheDossierTask()));
        probes.put("engine-rest deployments", role -> nonEmpty(rest(role, "/engine-rest/deployment?maxResults=5")));
        probes.put("engine-rest decision definitions",
                role -> nonEmpty(rest(role, "/engine-rest/decision-definition?maxResults=5")));
        probes.put("engine-rest other users (/user)", this::otherUsers);
        probes.put("engine-rest authorizations (/authorization)",
                role -> nonEmpty(rest(role, "/engine-rest/authorization?groupIdIn=process-owners")));
        probes.put("ws login Tasklist", role -> single(Webapp.login(port, users.get(role), "tasklist")));
        probes.put("ws login Cockpit", role -> single(Webapp.login(port, users.get(role), "cockpit")));
        probes.put("ws login Admin", role -> single(Webapp.login(port, users.get(role), "admin")));
        probes.put("ws engine task list of the case has org A's task",
                role -> listWith(webapp(role, WEBAPP_ENGINE + "/task" + caseQuery), hasId(f.taskA())));
        probes.put("ws engine form variables of org A's task",
                role -> nonEmpty(webapp(role, WEBAPP_ENGINE + "/task/" + f.taskA() + "/form-variables")));
        probes.put("ws engine process instance variables",
                role -> nonEmpty(webapp(role, WEBAPP_ENGINE + "/process-instance/" + f.processInstanceId() + "/variables")));
        probes.put("ws engine historic variable instances",
                role -> nonEmpty(webapp(role, WEBAPP_ENGINE + "/history/variable-instance?processInstanceId="
                        + f.processInstanceId())));
        probes.put("ws engine authorizations",
                role -> nonEmpty(webapp(role, WEBAPP_ENGINE + "/authorization?groupIdIn=process-owners")));
        probes.put("ws cockpit process instances of the case",
                role -> listWith(webapp(role, COCKPIT_PLUGIN + "/process-instance?businessKey=" + f.caseId()),
                        hasId(f.processInstanceId())));
        probes.put("ws engine instance counts per process definition",
                role -> listWith(webapp(role, WEBAPP_ENGINE + "/process-definition/statistics"),
                        runningInstancesOfReception()));
        probes.put("ws engine instance counts per activity (diagram)",
                role -> listWith(webapp(role, WEBAPP_ENGINE + "/process-definition/" + f.processDefinitionId()
                        + "/statistics"), instancesAtTheDossierTask()));
        probes.put("api cases of org A's client (/api/cases)",
                role -> listWith(rest(role, "/api/cases?subject=" + f.mainVNumber()),
                        list -> stream(list).anyMatch(c -> c.path("caseId").asText().equals(f.caseId()))));
        // The fixture's own intake again: a duplicate, accepted (202) and without effect.
        probes.put("api send an event (/api/events)", role -> single(hub.postEvent(f.intake(), users.get(role))));
        probes.put("api audit log (/api/admin/audit)",
                role -> single(rest(role, "/api/admin/audit?person=" + f.mainVNumber())));
        probes.put("api audit export (/api/admin/audit/export)",
                role -> single(rest(role, "/api/admin/audit/export?person=" + f.mainVNumber())));
        probes.put("api inbox (/api/admin/inbox)", role -> single(rest(role, "/api/admin/inbox?status=applied&limit=1")));
        probes.put("api outbox (/api/admin/outbox)", role -> single(rest(role, "/api/admin/outbox?caseId=" + f.caseId())));
        probes.put("api messages of the case (/api/admin/messages)",
                role -> single(rest(role, "/api/admin/messages?caseId=" + f.caseId())));
        probes.put("api dead letters (/api/admin/dead-letters)", role -> single(rest(role, "/api/admin/dead-letters?limit=1")));
        probes.put("api API documents (/api/docs)", role -> single(rest(role, "/api/docs")));
        probes.put("actuator health", role -> single(rest(role, "/actuator/health")));
        probes.put("actuator health/liveness", role -> single(rest(role, "/actuator/health/liveness")));
        probes.put("actuator health/readiness", role -> single(rest(role, "/actuator/health/readiness")));
        probes.put("actuator info", role -> single(rest(role, "/actuator/info")));
        probes.put("actuator metrics", role -> single(rest(role, "/actuator/metrics")));
        probes.put("actuator index (/actuator)", role -> single(rest(role, "/actuator")));
        return probes;
    }

    /** Every user may see itself; "other users" is whether it sees a user that is not itself. */
    private Observation otherUsers(Role role) {
        String other = role == Role.CASEWORKER_B ? "it-matrix-vwmn" : "it-matrix-wi";
        return listWith(rest(role, "/engine-rest/user?id=" + other), hasId(other));
    }

    private Predicate<JsonNode> runningInstancesOfReception() {
        return list -> stream(list).anyMatch(entry -> entry.path("definition").path("id").asText()
                .equals(fixture.processDefinitionId()) && entry.path("instances").asInt() >= 1);
    }

    private static Predicate<JsonNode> instancesAtTheDossierTask() {
        return list -> stream(list).anyMatch(entry -> entry.path("id").asText().equals("UserTask_OpenDossier")
                && entry.path("instances").asInt() >= 1);
    }

    // --- classifying answers

    /** 2xx: ALLOWED; 401, 403, 404: DENIED; anything else fails the cell. */
    private static Observation single(Response answer) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return new Observation(Access.ALLOWED, answer.toString());
        }
        return denied(answer);
    }

    /** 200 with the item in the list: ALLOWED; 200 without it ("sees 0 of them"), 401, 403, 404: DENIED. */
    private static Observation listWith(Response answer, Predicate<JsonNode> hasItem) {
        if (answer.status() == 200) {
            return new Observation(hasItem.test(answer.json()) ? Access.ALLOWED : Access.DENIED, abbreviated(answer));
        }
        return denied(answer);
    }

    /** 200 with a non-empty list or object: ALLOWED; 200 empty, 401, 403, 404: DENIED. */
    private static Observation nonEmpty(Response answer) {
        return listWith(answer, json -> json.isContainerNode() && !json.isEmpty());
    }

    private static Observation denied(Response answer) {
        if (Set.of(401, 403, 404).contains(answer.status())) {
            return new Observation(Access.DENIED, abbreviated(answer));
        }
        throw new AssertionError("neither allowed nor denied: " + answer);
    }

    private static String abbreviated(Response answer) {
        String text = answer.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static Predicate<JsonNode> hasId(String id) {
        return list -> stream(list).anyMatch(item -> id.equals(item.path("id").asText()));
    }

    private static Stream<JsonNode> stream(JsonNode list) {
        return list.isArray() ? StreamSupport.stream(list.spliterator(), false) : Stream.empty();
    }

    private static List<String> ids(JsonNode list) {
        return stream(list).map(item -> item.path("id").asText()).toList();
    }

    private static List<String> cells(String line) {
        return Arrays.stream(line.split("\\|")).map(String::strip).toList();
    }

    // --- requests

    private Response rest(Role role, String pathAndQuery) {
        return hub.get(pathAndQuery, users.get(role));
    }

    private Response webapp(Role role, String pathAndQuery) {
        try {
            return sessions.get(role).get(pathAndQuery);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response send(String method, String path, Credentials credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, "GET".equals(method) || "DELETE".equals(method) ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (credentials != null) {
            request.header("Authorization", credentials.basicAuthorization());
        }
        return Webapp.send(HttpClient.newHttpClient(), request.build());
    }

    private Fixture newHousehold(Credentials partner) {
        ObjectNode intake = Events.intake(Events.newVNumber());
        Response accepted = hub.postEvent(intake, partner);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String caseId = await().atMost(APPLIED_WITHIN).until(() -> state.inboxRow(Events.SOURCE_COA,
                        intake.get("id").asText())
                .filter(row -> "APPLIED".equals(row.get("status")))
                .map(row -> String.valueOf(row.get("case_id")))
                .filter(id -> state.tasks(id).size() == TASKS_OF_A_NEW_CASE)
                .orElse(null), id -> id != null);
        Task dossier = state.tasks(caseId, "UserTask_OpenDossier").get(0);
        Task school = state.tasks(caseId, "UserTask_PlaceChildInSchool").get(0);
        assertThat(state.candidateGroups(dossier)).containsExactly(ORG_A);
        assertThat(state.candidateGroups(school)).containsExactly("education");
        return new Fixture(intake, caseId, intake.get("subject").asText(), dossier.getId(), school.getId(),
                dossier.getProcessInstanceId(), dossier.getProcessDefinitionId());
    }

    /**
     * A browser session in the Camunda webapps: the CSRF cookie from an app page, the login form, then the
     * webapps' own API with the session cookie and the X-XSRF-TOKEN header, as Tasklist and Cockpit call it.
     */
    record Webapp(HttpClient http, CookieManager cookies, URI base) {

        static Webapp anonymous(int port) throws IOException {
            nl.utrecht.integrationhub.support.CamundaWebappDelegates.restore();
            CookieManager cookies = new CookieManager();
            Webapp webapp = new Webapp(HttpClient.newBuilder().cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NORMAL).build(), cookies, URI.create("http://localhost:" + port));
            webapp.get("/camunda/app/tasklist/default/");
            return webapp;
        }

        /** A session logged in to {@code app}; fails unless the login succeeds. */
        static Webapp loggedIn(int port, Credentials user, String app) throws IOException {
            Webapp webapp = anonymous(port);
            Response answer = webapp.logIn(user, app);
            assertThat(answer.status()).as("webapp login of " + user + " to " + app + ": " + answer).isEqualTo(200);
            return webapp;
        }

        /** The answer to a login (anonymous: empty credentials) in a new session. */
        static Response login(int port, Credentials user, String app) {
            try {
                return anonymous(port).logIn(user, app);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Response logIn(Credentials user, String app) {
            String form = user == null ? "username=&password="
                    : "username=" + URLEncoder.encode(user.userId(), StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(user.password(), StandardCharsets.UTF_8);
            HttpRequest.Builder login = HttpRequest.newBuilder(base.resolve(
                            "/camunda/api/admin/auth/user/default/login/" + app))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            xsrfToken().ifPresent(token -> login.header("X-XSRF-TOKEN", token));
            return send(http, login.build());
        }

        Response get(String path) throws IOException {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json");
            xsrfToken().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
            return send(http, request.GET().build());
        }

        Optional<String> xsrfToken() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> "XSRF-TOKEN".equals(c.getName()))
                    .map(HttpCookie::getValue).findFirst();
        }

        static Response send(HttpClient http, HttpRequest request) {
            return nl.utrecht.integrationhub.support.HubTestClient.send(http, request);
        }
    }
}
