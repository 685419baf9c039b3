package nl.utrecht.integrationhub.platform.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

import jakarta.jms.ConnectionFactory;

import nl.utrecht.integrationhub.HubApplication;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubState;
import nl.utrecht.integrationhub.support.HubTestClient;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.HubTestEnvironment;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * {@code /actuator/health/readiness} goes down while the JMS broker or the database cannot be reached and
 * up again when they are back, and the hub reconnects by itself: an event sent after the recovery is
 * applied. Real faults, no mocks: the hub's embedded Artemis is stopped and started again (as a broker
 * restart), and the hub's database is an H2 server over TCP, in a process of its own, that the test stops
 * (SIGTERM) and starts again on the same port (a database restart; the embedded H2 file database cannot
 * become unreachable).
 *
 * <p>Starts its own hub, next to the shared test context. On H2 only: with the {@code postgres}
 * profile it would be a second hub on the suite's database.
 */
@DisabledIfSystemProperty(named = "spring.profiles.active", matches = ".*postgres.*", disabledReason =
        "This test runs its own hub on its own H2 server to make the database unreachable; with the postgres "
        + "profile it is not the production database that goes away, and stopping the suite's PostgreSQL "
        + "would take the shared hub down with it.")
class ReadinessIT {

    private static final Logger log = LoggerFactory.getLogger(ReadinessIT.class);
    private static final Duration CHANGES_WITHIN = Duration.ofSeconds(40);
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);
    /** The open tasks of a new case (Events.intake): dossier, one school placement (the 13-year-old), activation. */
    private static final int TASKS_OF_A_NEW_CASE = 3;
    /**
     * How long a probe waits for the answer. A JMS check against a stopped broker takes about 6 s to fail;
     * a probe with a shorter timeout (Kubernetes: 1 s) counts the timeout as not ready, but this test wants
     * to see the hub answer DOWN itself.
     */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private static final Path dataDir = HubTestEnvironment.newDataDir();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static int databasePort;
    private static Process database;
    private static ConfigurableApplicationContext hub;

    @BeforeAll
    static void startHub() throws Exception {
        databasePort = freePort();
        startDatabase();
        long startedAt = System.nanoTime();
        // As arguments, not builder.properties(...): those are defaults, beneath application.yaml.
        hub = new SpringApplicationBuilder(HubApplication.class).run(
                "--hub.data-dir=" + dataDir,
                "--spring.datasource.url=jdbc:h2:tcp://127.0.0.1:" + databasePort + "/./hub;LOCK_TIMEOUT=10000",
                // The pool waits 2 s (not 30 s) for a connection, so the db check answers DOWN within the
                // probe's timeout instead of after it; the probe counts both as not ready.
                "--spring.datasource.hikari.connection-timeout=2000",
                // A connection to the stopped H2 server is dropped from the pool, as one to PostgreSQL is.
                "--spring.datasource.hikari.exception-override-class-name=" + H2ServerConnectionLoss.class.getName(),
                "--server.port=0",
                "--hub.broker.port=-1",
                "--camunda.bpm.generate-unique-process-engine-name=true",
                "--hub.inbound.relay-interval=PT1S",
                "--hub.admin.user-id=" + HubTestEnvironment.ADMIN_USER_ID,
                "--hub.admin.password=" + HubTestEnvironment.randomSecret());
        log.info("Hub started on H2 server port {} in {} ms", databasePort, (System.nanoTime() - startedAt) / 1_000_000);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
        if (database != null) {
            database.destroy();
        }
    }

    @Test
    void readinessFollowsTheBrokerAndTheHubReconnectsToIt() throws Exception {
        awaitReadiness(200, "UP");
        EmbeddedActiveMQ broker = hub.getBean(EmbeddedActiveMQ.class);

        long stoppedAt = System.nanoTime();
        broker.stop();
        awaitReadiness(503, "DOWN");
        log.info("Readiness DOWN {} ms after the broker stopped", millisSince(stoppedAt));
        assertThat(readinessComponent("jms")).isEqualTo(Status.DOWN);
        assertThat(readinessComponent("db")).isEqualTo(Status.UP);
        assertThat(liveness()).as("liveness stays up: a restart would not bring the broker back").isEqualTo(200);

        long startedAt = System.nanoTime();
        broker.start();
        awaitReadiness(200, "UP");
        log.info("Readiness UP {} ms after the broker started", millisSince(startedAt));

        // Reconnect: the hub's JMS consumer on hub.inbound picks up an event sent after the restart.
        String vNumber = Events.newVNumber();
        ObjectNode intake = Events.intake(vNumber);
        JmsTemplate jms = new JmsTemplate(hub.getBean(ConnectionFactory.class));
        jms.send("hub.inbound", session -> session.createTextMessage(intake.toString()));
        String caseId = await().atMost(APPLIED_WITHIN).until(() -> caseWithTasks(intake.get("id").asText()),
                id -> id != null);
        log.info("Event sent over JMS after the broker restart applied ({} ms after the start)", millisSince(startedAt));
        assertThat(state().casesOfPerson(vNumber)).isEqualTo(1);
        assertThat(state().tasks(caseId)).hasSize(TASKS_OF_A_NEW_CASE);
    }

    @Test
    void readinessFollowsTheDatabaseAndTheHubReconnectsToIt() throws Exception {
        awaitReadiness(200, "UP");

        long stoppedAt = System.nanoTime();
        stopDatabase();
        awaitReadiness(503, "DOWN");
        log.info("Readiness DOWN {} ms after the database stopped", millisSince(stoppedAt));
        assertThat(readinessComponent("db")).isEqualTo(Status.DOWN);
        assertThat(liveness()).as("liveness stays up: a restart would not bring the database back").isEqualTo(200);

        long startedAt = System.nanoTime();
        startDatabase();
        awaitReadiness(200, "UP");
        log.info("Readiness UP {} ms after the database started", millisSince(startedAt));

        // Reconnect: an event accepted after the restart is recorded and applied.
        ObjectNode intake = Events.intake(Events.newVNumber());
        HubTestClient client = new HubTestClient(port());
        Response accepted = client.postEvent(intake, TestUsers.coa(hub.getBean(IdentityService.class)));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String caseId = await().atMost(APPLIED_WITHIN).until(() -> caseWithTasks(intake.get("id").asText()),
                id -> id != null);
        log.info("Event sent over HTTP after the database restart applied ({} ms after the start)",
                millisSince(startedAt));
        assertThat(state().tasks(caseId)).hasSize(TASKS_OF_A_NEW_CASE);
    }

    @Test
    void healthShowsNoDetailsWithoutLogin() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).isEqualTo("{\"status\":\"UP\"}");
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.body()).doesNotContain("components", "details", "jdbc", "h2", "ActiveMQ");
    }

    /** The H2 server as a process of its own, as a database server is; its output goes to a log file. */
    private static void startDatabase() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp", System.getProperty("java.class.path"),
                Server.class.getName(),
                "-tcp", "-tcpPort", String.valueOf(databasePort), "-baseDir", dataDir.resolve("db").toString(),
                "-ifNotExists")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("h2-server.log").toFile()));
        database = builder.start();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .failFast("H2 server exited", () -> !database.isAlive())
                .until(() -> accepts(databasePort));
    }

    private static void stopDatabase() throws InterruptedException {
        database.destroy();
        database.waitFor();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReadiness(int status, String body) {
        await().atMost(CHANGES_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                HttpResponse<String> readiness = get("/actuator/health/readiness");
                return readiness.statusCode() == status && readiness.body().contains("\"" + body + "\"");
            } catch (IOException timedOut) {
                return false;
            }
        });
    }

    private int liveness() throws Exception {
        return get("/actuator/health/liveness").statusCode();
    }

    private Status readinessComponent(String name) {
        CompositeHealth readiness = (CompositeHealth) hub.getBean(HealthEndpoint.class).healthForPath("readiness");
        return readiness.getComponents().get(name).getStatus();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(PROBE_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int port() {
        return ((WebServerApplicationContext) hub).getWebServer().getPort();
    }

    private static HubState state() {
        return new HubState(hub.getBean(JdbcTemplate.class), hub.getBean(RuntimeService.class),
                hub.getBean(TaskService.class));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String caseWithTasks(String eventId) {
        return state().inboxRow(Events.SOURCE_COA, eventId)
                .filter(row -> "APPLIED".equals(row.get("status")))
                .map(row -> String.valueOf(row.get("case_id")))
                .filter(caseId -> state().tasks(caseId).size() == TASKS_OF_A_NEW_CASE)
                .orElse(null);
    }
}
