package nl.utrecht.integrationhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.utrecht.integrationhub.reliability.HubProcess;
import nl.utrecht.integrationhub.reliability.Ledger;

/**
 * The hub as a separate JVM, killed with SIGKILL right after it answered 202 to a burst of intakes,
 * then started again on the same data directory: every accepted event is applied, exactly once.
 * Shows that a committed inbox row survives kill -9 (H2 WRITE_DELAY=0, or PostgreSQL) and that the
 * relay applies what the crash left unapplied. The same under load and repeated: reliability/KillNineIT.
 */
class CrashRecoveryIT {

    private static final int EVENTS = 25;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private HubProcess hub;

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void everyAcceptedIntakeIsAppliedExactlyOnceAfterKillMinus9() throws Exception {
        hub = new HubProcess(dataDir);
        hub.start();
        Ledger ledger = Ledger.of(EVENTS, 0);
        for (Ledger.Entry entry : ledger.entries()) {
            HttpResponse<String> response = hub.send(hub.request("/api/events")
                    .header("Content-Type", "application/cloudevents+json")
                    .POST(HttpRequest.BodyPublishers.ofString(entry.body(), StandardCharsets.UTF_8)).build());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }
        hub.kill9();

        hub.start();
        for (Ledger.Entry entry : ledger.entries()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode cases = JSON.readTree(hub.get("/api/cases?subject=" + entry.vNumber()).body());
                assertThat(cases).as("cases of an accepted intake").hasSize(1);
            });
        }
    }
}
