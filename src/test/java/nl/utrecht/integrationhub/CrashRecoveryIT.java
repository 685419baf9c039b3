package nl.utrecht.integrationhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as a separate JVM, killed with SIGKILL right after it answered 202 to a burst of intakes,
 * then started again on the same data directory: every accepted event is applied, exactly once.
 * Shows that a committed inbox row survives kill -9 (H2 WRITE_DELAY=0, or PostgreSQL) and that the
 * relay applies what the crash left unapplied.
 */
class CrashRecoveryIT {

    private static final int EVENTS = 25;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String adminUser = "crash-admin-" + UUID.randomUUID().toString().substring(0, 8);
    private final String adminPassword = UUID.randomUUID().toString();
    private Process hub;
    private int port;

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.destroyForcibly();
        }
    }

    @Test
    void everyAcceptedIntakeIsAppliedExactlyOnceAfterKillMinus9() throws Exception {
        start("first");
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String vNumber = fakeVNumber();
            HttpResponse<String> response = post(intake(vNumber));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            subjects.add(vNumber);
        }
        hub.destroyForcibly().waitFor();

        start("second");
        for (String subject : subjects) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode cases = JSON.readTree(get("/api/cases?subject=" + subject).body());
                assertThat(cases).as("cases of an accepted intake").hasSize(1);
            });
        }
    }

    private void start(String name) throws IOException {
        port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                "-Dhub.data-dir=" + dataDir.resolve("data"),
                "-Dserver.port=" + port,
                "-Dserver.address=127.0.0.1",
                "-Dhub.broker.port=-1",
                "-Dhub.inbound.relay-interval=PT1S",
                "-Dspring.profiles.active=" + System.getProperty("spring.profiles.active", "")));
        command.add(HubApplication.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(name + ".log").toFile());
        builder.environment().putAll(Map.of("HUB_ADMIN_USER", adminUser, "HUB_ADMIN_PASSWORD", adminPassword));
        hub = builder.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .failFast("hub exited", () -> !hub.isAlive())
                .ignoreExceptions()
                .until(() -> get("/actuator/health").statusCode() == 200);
    }

    private String intake(String vNumber) throws IOException {
        LocalDate today = LocalDate.now();
        Map<String, Object> data = Map.of(
                "vNumber", vNumber,
                "familyName", "Testpersoon",
                "givenNames", "Crash",
                "birthDate", "1990-01-01",
                "nationality", "SYR",
                "languages", List.of("ar"),
                "azcLocation", "Ravellaan",
                "arrivalDate", today.toString(),
                "household", List.of(Map.of("vNumber", vNumber, "birthDate", "1990-01-01", "relation", "main")));
        return JSON.writeValueAsString(Map.of(
                "specversion", "1.0",
                "id", "crash-" + UUID.randomUUID(),
                "source", "urn:nl:coa",
                "type", "nl.coa.azc-intake-registered",
                "subject", vNumber,
                "time", today + "T10:00:00Z",
                "datacontenttype", "application/json",
                "data", data));
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(request("/api/events")
                        .header("Content-Type", "application/cloudevents+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        String credentials = Base64.getEncoder()
                .encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + credentials);
    }

    private static String fakeVNumber() {
        return "99" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
