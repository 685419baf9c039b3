package nl.utrecht.integrationhub.benchmark;

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
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The hub for a benchmark: the packaged Spring Boot jar ({@code target/*.jar}, {@code java -jar}, not the
 * test class path, which carries test-only configuration) as a separate JVM with production-like
 * settings: persistence on (H2 file database with WRITE_DELAY=0, the default configuration, or PostgreSQL
 * with the {@code postgres} profile and {@code HUB_DB_*} from the environment), authorizations on (the
 * default), no demo profile, secrets from the environment (a random administrator, documents key and audit
 * key per run), HTTP and the broker's acceptor on free loopback ports, and the JVM options of
 * {@code config/jvm.options} when that file exists (one option per line, {@code #} comments).
 *
 * <p>Shared by the benchmarks of this package (IngestBenchmark, GrowthBenchmark). Its working directory is
 * the project root, so {@code processes/}, {@code routes/} and {@code config/} resolve as in production.
 * Each start writes {@code hub-<n>.log} into the data directory.
 *
 * <p>System properties: {@code benchmark.db} ({@code h2} or {@code postgres}; default postgres when
 * {@code spring.profiles.active} contains it, else h2), {@code benchmark.hub-jvm-args} (extra JVM options,
 * space-separated, e.g. {@code -XX:StartFlightRecording=filename=/tmp/hub.jfr}), {@code benchmark.jar}
 * (another jar).
 */
public final class BenchHub implements AutoCloseable {

    public enum Database {
        H2, POSTGRES;

        /** From {@code benchmark.db}, else from {@code spring.profiles.active}, else H2. */
        public static Database fromSystemProperties() {
            String db = System.getProperty("benchmark.db", "").trim().toLowerCase(Locale.ROOT);
            if (db.isEmpty()) {
                return System.getProperty("spring.profiles.active", "").contains("postgres") ? POSTGRES : H2;
            }
            return switch (db) {
                case "h2" -> H2;
                case "postgres", "postgresql" -> POSTGRES;
                default -> throw new IllegalArgumentException("benchmark.db is h2 or postgres, not " + db);
            };
        }

        public String label() {
            return this == H2 ? "H2" : "PostgreSQL";
        }
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final Pattern STARTED = Pattern.compile("Started HubApplication in ([0-9.]+) seconds");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final Path dataDir;
    private final Map<String, String> properties;
    private final boolean sharedH2;
    private final int httpPort = freePort();
    private final int brokerPort = freePort();
    private final String adminUser = "bench-admin-" + UUID.randomUUID().toString().substring(0, 8);
    private final String adminPassword = randomSecret(24);
    private final String attachmentsKey = randomSecret(32);
    private final String auditKey = randomSecret(32);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;
    private Duration timeToReady;

    /**
     * A hub on {@code dataDir} (created if missing). {@code properties} are Spring properties passed as
     * {@code --key=value} arguments (e.g. {@code hub.inbound.apply-threads}). With {@code sharedH2} the H2
     * database also accepts connections from this JVM ({@code AUTO_SERVER=TRUE}: the hub keeps its embedded
     * connection and serves others over a loopback TCP port), for {@link #openDatabase()} while it runs.
     */
    public BenchHub(Database database, Path dataDir, Map<String, String> properties, boolean sharedH2) {
        this.database = database;
        this.dataDir = dataDir.toAbsolutePath();
        this.properties = new LinkedHashMap<>(properties);
        this.sharedH2 = sharedH2 && database == Database.H2;
    }

    /** Creates and starts a hub (see the constructor); waits until it is ready. */
    public static BenchHub start(Database database, Path dataDir, Map<String, String> properties) {
        BenchHub hub = new BenchHub(database, dataDir, properties, false);
        hub.start();
        return hub;
    }

    /**
     * Launches the JVM and waits until the readiness probe answers 200 (fails when the hub exits first);
     * {@link #timeToReady()} is the time from launch to that answer. Again after {@link #stop()}: a warm
     * start on the same data.
     */
    public void start() {
        if (isAlive()) {
            throw new IllegalStateException("the hub is running already");
        }
        starts++;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        String extra = System.getProperty("benchmark.hub-jvm-args", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar().toString()));
        Map<String, String> args = new LinkedHashMap<>();
        args.put("hub.data-dir", dataDir.resolve("data").toString());
        args.put("server.port", String.valueOf(httpPort));
        args.put("server.address", "127.0.0.1");
        args.put("hub.broker.host", "127.0.0.1");
        args.put("hub.broker.port", String.valueOf(brokerPort));
        if (database == Database.POSTGRES) {
            args.put("spring.profiles.active", "postgres");
        } else if (sharedH2) {
            // As the default URL, with AUTO_SERVER (H2 refuses it together with DB_CLOSE_ON_EXIT=FALSE, so
            // H2's own shutdown hook closes the database at exit).
            args.put("spring.datasource.url", h2Url() + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;AUTO_SERVER=TRUE");
        }
        args.putAll(properties);
        args.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(dataDir.resolve("secrets"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(projectDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log().toFile());
            Map<String, String> env = builder.environment();
            env.put("HUB_ADMIN_USER", adminUser);
            env.put("HUB_ADMIN_PASSWORD", adminPassword);
            env.put("HUB_ATTACHMENTS_KEY", attachmentsKey);
            env.put("HUB_AUDIT_KEY", auditKey);
            // No secrets from the machine's /run/secrets: an empty directory of this run.
            env.put("HUB_SECRETS_DIR", dataDir.resolve("secrets").toString());
            long launched = System.nanoTime();
            process = builder.start();
            Process current = process;
            await("hub ready (" + log() + ")").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .failFast("the hub exited; see " + log(), () -> !current.isAlive())
                    .until(this::isReady);
            timeToReady = Duration.ofNanos(System.nanoTime() - launched);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the hub", e);
        }
    }

    /** The JVM options of config/jvm.options (one per line, '#' comments), none when it does not exist. */
    public static List<String> jvmOptions() {
        Path file = projectDir().resolve("config").resolve("jvm.options");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged Spring Boot jar: {@code benchmark.jar}, or the one jar in target/. */
    public static Path jar() {
        String configured = System.getProperty("benchmark.jar", "");
        if (!configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        try (Stream<Path> files = Files.list(projectDir().resolve("target"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar")).toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("expected one jar in target/ (run after mvn package), found " + jars);
            }
            return jars.get(0).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("no target/ directory: run after mvn package", e);
        }
    }

    /** The project root (Maven runs the benchmarks there). */
    public static Path projectDir() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath();
    }

    /** True when the readiness probe answers 200. */
    public boolean isReady() {
        try {
            return http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, the hub's graceful shutdown; SIGKILL after 90 s. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL. */
    public void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Database database() {
        return database;
    }

    /** JVM launch to readiness 200, of the latest start. */
    public Duration timeToReady() {
        return timeToReady;
    }

    /** Spring Boot's own figure of the latest start ("Started HubApplication in X seconds"), if logged. */
    public Optional<Double> startedInSeconds() {
        try {
            Matcher matcher = STARTED.matcher(Files.readString(log(), StandardCharsets.UTF_8));
            return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Resident memory of the hub's JVM in bytes (VmRSS of /proc/&lt;pid&gt;/status). */
    public long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hub's memory", e);
        }
        throw new IllegalStateException("no VmRSS for pid " + pid());
    }

    public int httpPort() {
        return httpPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The log of the latest start. */
    public Path log() {
        return dataDir.resolve("hub-" + starts + ".log");
    }

    public String adminUser() {
        return adminUser;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** A request as the hub's administrator (HTTP Basic), 30 s timeout. */
    public HttpRequest.Builder request(String path) {
        return request(path, adminUser, adminPassword);
    }

    /** A request as the given user (HTTP Basic), 30 s timeout. */
    public HttpRequest.Builder request(String path, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + credentials);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GET as administrator. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    /** POST of a JSON body as administrator. */
    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** An HTTP client for load (its own connection pool), e.g. one per sender thread. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Creates an engine user in a group (e.g. partner-coa or a caseworker group) through /engine-rest, as administrator. */
    public void createUser(String userId, String password, String groupId) throws IOException, InterruptedException {
        String user = """
                {"profile":{"id":"%s","firstName":"Bench","lastName":"Mark","email":"%s@example.invalid"},
                 "credentials":{"password":"%s"}}""".formatted(userId, userId, password);
        HttpResponse<String> created = send(request("/engine-rest/user/create").timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(user)).build());
        if (created.statusCode() / 100 != 2) {
            throw new IllegalStateException("cannot create user " + userId + ": " + created.statusCode() + " " + created.body());
        }
        HttpResponse<String> member = send(request("/engine-rest/group/" + groupId + "/members/" + userId)
                .timeout(Duration.ofSeconds(60)).PUT(HttpRequest.BodyPublishers.noBody()).build());
        if (member.statusCode() / 100 != 2) {
            throw new IllegalStateException("cannot add " + userId + " to " + groupId + ": " + member.statusCode());
        }
    }

    /** A JMS connection factory to the hub's embedded broker (loopback acceptor, no login); options are Artemis URL parameters. */
    public ActiveMQConnectionFactory brokerConnectionFactory(String options) {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort + (options.isEmpty() ? "" : "?" + options));
    }

    /**
     * The hub's database over JDBC: PostgreSQL (HUB_DB_URL / HUB_DB_USER / HUB_DB_PASSWORD) at any time; H2
     * while the hub runs only when started with sharedH2, otherwise only while it is stopped.
     */
    public Connection openDatabase() throws SQLException {
        if (database == Database.POSTGRES) {
            return DriverManager.getConnection(env("HUB_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hub"),
                    env("HUB_DB_USER", "hub"), env("HUB_DB_PASSWORD", ""));
        }
        return DriverManager.getConnection(h2Url() + (sharedH2 ? ";AUTO_SERVER=TRUE" : ""), "sa", "");
    }

    private String h2Url() {
        return "jdbc:h2:file:" + dataDir.resolve("data").resolve("db").resolve("hub");
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    private static String randomSecret(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
