package nl.utrecht.integrationhub.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.utrecht.integrationhub.HubApplication;

/**
 * The hub as a separate JVM on a persistent data directory (H2 file database and Artemis journal), so
 * a test can kill it with SIGKILL and start it again on the same data. The database is the test run's:
 * H2 under the data directory by default, PostgreSQL (HUB_DB_URL / HUB_DB_USER / HUB_DB_PASSWORD, as in
 * config/application-postgres.yaml) when {@code spring.profiles.active} contains {@code postgres}.
 *
 * <p>The HTTP port and the broker's CORE acceptor (loopback) are chosen once and kept across restarts,
 * as a partner's configuration would. Each start writes its own log file into the data directory.
 */
public final class HubProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path dataDir;
    private final int httpPort;
    private final int brokerPort;
    private final String adminUser = "fault-admin-" + UUID.randomUUID().toString().substring(0, 8);
    private final String adminPassword = UUID.randomUUID().toString();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The external broker the hub uses (profile external-broker), or null for its embedded one. */
    private final BrokerProcess broker;
    private Process process;
    private int starts;

    /** A hub with its embedded broker, whose CORE acceptor listens on a free loopback port. */
    public HubProcess(Path dataDir) {
        this(dataDir, null);
    }

    /** A hub on an external broker (profile external-broker), or on its embedded one when broker is null. */
    public HubProcess(Path dataDir, BrokerProcess broker) {
        this.dataDir = dataDir.toAbsolutePath();
        this.httpPort = freePort();
        this.broker = broker;
        this.brokerPort = broker == null ? freePort() : broker.port();
    }

    /** Starts the hub and waits until its readiness probe answers 200; fails if it exits first. */
    public void start() {
        if (isAlive()) {
            throw new IllegalStateException("the hub is running already");
        }
        starts++;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                "-Dhub.data-dir=" + dataDir.resolve("data"),
                "-Dserver.port=" + httpPort,
                "-Dserver.address=127.0.0.1",
                "-Dhub.broker.host=127.0.0.1",
                "-Dhub.broker.port=" + brokerPort,
                "-Dhub.inbound.relay-interval=PT1S",
                "-Dspring.profiles.active=" + hubProfiles()));
        // Extra JVM options for the hub, e.g. to check that the harness sees a loss when durability is
        // switched off: -Dreliability.hub-args=-Dspring.datasource.url=jdbc:h2:file:...;WRITE_DELAY=2000
        String extra = System.getProperty("reliability.hub-args", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add(HubApplication.class.getName());
        try {
            Files.createDirectories(dataDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("hub-" + starts + ".log").toFile());
            builder.environment().putAll(Map.of("HUB_ADMIN_USER", adminUser, "HUB_ADMIN_PASSWORD", adminPassword));
            if (broker != null) {
                builder.environment().putAll(Map.of("HUB_BROKER_URL", broker.url(), "HUB_BROKER_USER", broker.user(),
                        "HUB_BROKER_PASSWORD", broker.password()));
            }
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the hub", e);
        }
        awaitReady();
    }

    /** Waits until the readiness probe answers 200 (fails fast when the hub exits). */
    public void awaitReady() {
        Process current = process;
        await("hub ready (" + dataDir.resolve("hub-" + starts + ".log") + ")")
                .atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .failFast("the hub exited; see " + dataDir.resolve("hub-" + starts + ".log"), () -> !current.isAlive())
                .until(this::isReady);
    }

    /** True when the readiness probe answers 200. */
    public boolean isReady() {
        try {
            return get("/actuator/health/readiness").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no graceful shutdown, nothing flushed that was not flushed already. */
    public void kill9() {
        ChildProcesses.kill(process);
    }

    /** SIGTERM: the hub's graceful shutdown; waits for the JVM to exit (SIGKILL after 90 s). */
    public void stop() {
        ChildProcesses.terminate(process, Duration.ofSeconds(90));
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        kill9();
    }

    public int httpPort() {
        return httpPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    /**
     * A JMS connection factory to the hub's broker (embedded or external) as an outside client, with the
     * broker login when the broker requires one; options are Artemis URL parameters.
     */
    public org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory brokerConnectionFactory(String options) {
        var factory = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + brokerPort + "?" + options);
        if (broker != null) {
            factory.setUser(broker.user());
            factory.setPassword(broker.password());
        }
        return factory;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The log of the latest start. */
    public Path log() {
        return dataDir.resolve("hub-" + starts + ".log");
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** A request as the hub's first administrator. */
    public HttpRequest.Builder request(String path) {
        return HubProcess.request(uri(path), adminUser, adminPassword);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Creates a user in a partner group through the engine's REST API (as administrator), e.g.
     * {@code partner-coa}, so events are sent as that partner would send them.
     */
    public void createPartnerUser(String userId, String password, String groupId) throws IOException, InterruptedException {
        String user = """
                {"profile":{"id":"%s","firstName":"Fault","lastName":"Injection","email":"%s@example.invalid"},
                 "credentials":{"password":"%s"}}""".formatted(userId, userId, password);
        // The first call to the engine's REST API is slow: Camunda's ProcessEngines scans the class path then
        // (and finds the process tests' camunda.cfg.xml among the test classes).
        HttpResponse<String> created = send(request("/engine-rest/user/create").timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(user)).build());
        if (created.statusCode() / 100 != 2) {
            throw new IllegalStateException("cannot create user " + userId + ": " + created.statusCode() + " " + created.body());
        }
        HttpResponse<String> member = send(request("/engine-rest/group/" + groupId + "/members/" + userId)
                .timeout(Duration.ofSeconds(60)).PUT(HttpRequest.BodyPublishers.noBody()).build());
        if (member.statusCode() / 100 != 2) {
            throw new IllegalStateException("cannot add " + userId + " to " + groupId + ": " + member.statusCode());
        }
    }

    /** The hub's database, for checking its state while the hub is stopped (H2 allows one process only). */
    public Connection openDatabase() throws SQLException {
        if (onPostgres()) {
            return openPostgres();
        }
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("data").resolve("db").resolve("hub"), "sa", "");
    }

    /** The PostgreSQL database of the postgres profile (it outlives a run, unlike an H2 data directory). */
    public static Connection openPostgres() throws SQLException {
        String url = env("HUB_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hub");
        return DriverManager.getConnection(url, env("HUB_DB_USER", "hub"), env("HUB_DB_PASSWORD", ""));
    }

    private String hubProfiles() {
        String profiles = profiles();
        if (broker == null) {
            return profiles;
        }
        return profiles.isBlank() ? "external-broker" : profiles + ",external-broker";
    }

    /** The profiles of the test run, passed on to the hub. */
    public static String profiles() {
        return System.getProperty("spring.profiles.active", "");
    }

    public static boolean onPostgres() {
        return profiles().contains("postgres");
    }

    public static String database() {
        return onPostgres() ? "PostgreSQL" : "H2";
    }

    static HttpRequest.Builder request(URI uri, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + credentials);
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
