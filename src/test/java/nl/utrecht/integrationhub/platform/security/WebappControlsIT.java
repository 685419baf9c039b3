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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.utrecht.integrationhub.HubApplication;
import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubState;
import nl.utrecht.integrationhub.support.HubTestClient;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.HubTestEnvironment;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * The compensating controls as the Camunda webapps meet them (docs/security.md), through their own API
 * with a browser's session and CSRF token: expressions in Tasklist's task queries and filter calls
 * refused; the first-administrator setup closed where it would otherwise be open, on a hub without any
 * administrator (none configured), where whoever comes first could make themselves one.
 *
 * <p>Starts its own hub, on a fresh H2 database: the webapps keep their application context in static
 * fields, so they answer for the hub started last in the JVM, and the shared test hub's webapps are
 * unusable once another hub has started and stopped (as several ITs do).
 */
@DisabledIfSystemProperty(named = "spring.profiles.active", matches = ".*postgres.*", disabledReason =
        "Needs a database without administrators; with the postgres profile every hub shares one database.")
class WebappControlsIT {

    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);
    private static final int TASKS_OF_A_NEW_CASE = 3;
    private static final String EXPRESSION = "${currentUser()}";

    private static ConfigurableApplicationContext hub;
    private static int port;
    private static String engine;

    @BeforeAll
    static void startHubWithoutAdministrator() {
        hub = new SpringApplicationBuilder(HubApplication.class).run(
                "--hub.data-dir=" + HubTestEnvironment.newDataDir(),
                "--server.port=0",
                "--hub.broker.port=-1",
                "--camunda.bpm.generate-unique-process-engine-name=true",
                "--hub.admin.user-id=",
                "--hub.admin.password=");
        port = ((WebServerApplicationContext) hub).getWebServer().getPort();
        engine = hub.getBean(ProcessEngine.class).getName();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void setupIsClosedEvenWithoutAnyAdministrator() {
        IdentityService identityService = hub.getBean(IdentityService.class);
        assertThat(identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count())
                .as("no administrator: the state in which Camunda opens its setup").isZero();
        // As the setup page sends it: with the session's CSRF token (without, the webapps' CSRF filter says 403).
        Webapp browser = Webapp.anonymous(port, engine);

        Response answer = browser.post("/camunda/api/admin/setup/" + engine + "/user/create",
                "{\"profile\":{\"id\":\"it-first-comer\",\"firstName\":\"Test\",\"lastName\":\"Testpersoon\","
                        + "\"email\":\"it-first-comer@example.invalid\"},\"credentials\":{\"password\":\"x-FirstComer-1\"}}");
        Response variant = browser.post("/camunda/api/admin//setup/" + engine + "/user/create",
                "{\"profile\":{\"id\":\"it-first-comer\"},\"credentials\":{\"password\":\"x-FirstComer-1\"}}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.isProblem()).as("the hub's answer, not the webapp's").isTrue();
        assertThat(variant.status()).as(variant.toString()).isIn(403, 404);
        assertThat(identityService.createUserQuery().userId("it-first-comer").count()).isZero();
        assertThat(identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isZero();
    }

    @Test
    void webappsOwnApiRefusesExpressionsInTaskQueriesAndFilters() {
        IdentityService identityService = hub.getBean(IdentityService.class);
        Credentials education = TestUsers.educationCaseworker(identityService);
        String caseId = newCaseWithTasks(TestUsers.coa(identityService));
        String filterId = hub.getBean(FilterService.class).createTaskFilterQuery()
                .filterName("Taken Onderwijs en leerplicht").singleResult().getId();
        Webapp tasklist = Webapp.login(port, engine, education);
        String api = "/camunda/api/engine/engine/" + engine;

        Response plainList = tasklist.post(api + "/filter/" + filterId + "/list?firstResult=0&maxResults=15",
                "{\"processInstanceBusinessKey\":\"" + caseId + "\"}");
        assertThat(plainList.status()).as("logged in, a filter without expressions: " + plainList).isEqualTo(200);
        assertThat(plainList.body()).contains("UserTask_PlaceChildInSchool");

        Response queryParameter = tasklist.get(api + "/task?assigneeExpression=" + encode(EXPRESSION));
        Response body = tasklist.post(api + "/task", "{\"orQueries\":[{\"assigneeExpression\":\"" + EXPRESSION + "\"}]}");
        Response filterList = tasklist.post(api + "/filter/" + filterId + "/list",
                "{\"orQueries\":[{\"candidateGroupExpression\":\"" + EXPRESSION + "\"}]}");
        Response filterCount = tasklist.post(api + "/filter/" + filterId + "/count",
                "{\"assigneeExpression\":\"" + EXPRESSION + "\"}");

        for (Response answer : List.of(queryParameter, body, filterList, filterCount)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.body()).contains("no-expression").doesNotContain("currentUser");
        }
    }

    private static String newCaseWithTasks(Credentials coa) {
        HubState state = new HubState(hub.getBean(JdbcTemplate.class), hub.getBean(RuntimeService.class),
                hub.getBean(TaskService.class));
        ObjectNode intake = Events.intake(Events.newVNumber());
        Response accepted = new HubTestClient(port).postEvent(intake, coa);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        return await().atMost(APPLIED_WITHIN).until(() -> state.inboxRow(Events.SOURCE_COA, intake.get("id").asText())
                .filter(row -> "APPLIED".equals(row.get("status")))
                .map(row -> String.valueOf(row.get("case_id")))
                .filter(caseId -> state.tasks(caseId).size() == TASKS_OF_A_NEW_CASE)
                .orElse(null), caseId -> caseId != null);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A logged-in session of the Camunda webapps, as the browser has it: session cookie and CSRF token. */
    static final class Webapp {
        private final URI base;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient client;
        private String csrfToken;

        private Webapp(int port) {
            this.base = URI.create("http://localhost:" + port);
            this.client = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
        }

        /** A browser session before any login: a session cookie and its CSRF token, as the setup page has them. */
        static Webapp anonymous(int port, String engine) {
            Webapp webapp = new Webapp(port);
            // Any GET hands out the CSRF token (cookie XSRF-TOKEN and header X-XSRF-TOKEN).
            Response first = webapp.get("/camunda/api/admin/auth/user/" + engine);
            assertThat(webapp.csrfToken).as("CSRF token from " + first).isNotBlank();
            return webapp;
        }

        static Webapp login(int port, String engine, Credentials user) {
            Webapp webapp = anonymous(port, engine);
            String form = "username=" + encode(user.userId()) + "&password=" + encode(user.password());
            Response login = webapp.send(HttpRequest.newBuilder(webapp.base.resolve(
                            "/camunda/api/admin/auth/user/" + engine + "/login/tasklist"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            assertThat(login.status()).as("webapp login: " + login).isEqualTo(200);
            // The login starts a new session, with a new CSRF token.
            webapp.get("/camunda/api/admin/auth/user/" + engine);
            return webapp;
        }

        Response get(String path) {
            return send(HttpRequest.newBuilder(base.resolve(path)).GET());
        }

        Response post(String path, String json) {
            return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        private Response send(HttpRequest.Builder request) {
            request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json, application/problem+json");
            if (csrfToken != null) {
                request.header("X-XSRF-TOKEN", csrfToken);
            }
            try {
                HttpResponse<String> response = client.send(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                response.headers().firstValue("X-XSRF-TOKEN").ifPresent(token -> csrfToken = token);
                for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
                    if (cookie.getName().equals("XSRF-TOKEN")) {
                        csrfToken = cookie.getValue();
                    }
                }
                return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        List.of(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
