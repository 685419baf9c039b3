package nl.utrecht.integrationhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import nl.utrecht.integrationhub.HubApplication;
import nl.utrecht.integrationhub.outbound.Outbox;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubTestEnvironment;
import nl.utrecht.integrationhub.support.TestPartners;
import nl.utrecht.integrationhub.support.TestPartners.Fault;

/**
 * Fault 4 of the fault-injection suite: a partner endpoint that misbehaves. The hub's outbox holds a
 * ledger of outbound messages for GCA (HTTP); the partner answers each message's first 0–3 requests
 * with a fault drawn at random: 503 (nothing taken), a connection dropped after it took the message
 * (RESET), or an answer later than the hub waits (SLOW: taken, answered after 1.5 s against the hub's
 * 1 s response timeout). Then it behaves. After quiescence every message is classified from the outbox
 * (ground truth of the sender) and from what the partner received:
 * <ul>
 *   <li>delivered once: the outbox row is SENT, the partner took the message under its outbox id as
 *       Idempotency-Key (repeats of that key are the same message, which a receiver drops), and no
 *       other key ever carried it;</li>
 *   <li>lost: not taken by the partner (or never SENT); duplicated: the message reached the partner
 *       under two keys; dead-lettered: the row is DEAD.</li>
 * </ul>
 * Transient faults must leave no dead letter. A hub of its own (H2), so the faults, timeouts and retry
 * budget are this test's. Knobs: {@code reliability.partner-messages} (40), {@code reliability.seed}.
 */
@DisabledIfSystemProperty(named = "spring.profiles.active", matches = ".*postgres.*", disabledReason =
        "This test starts a second hub next to the suite's shared one. On the suite's one PostgreSQL database "
        + "the shared hub's outbox relay would send this hub's messages too, with its own timeouts and budget.")
class PartnerFaultsIT {

    private static final Logger log = LoggerFactory.getLogger(PartnerFaultsIT.class);
    private static final int MESSAGES = Integer.getInteger("reliability.partner-messages", 40);
    private static final long SEED = Long.getLong("reliability.seed", System.nanoTime());
    /** The partner's path on the test server: this test's own, so other tests' GCA is not disturbed. */
    private static final String ENDPOINT = "gca-faults";
    private static final String MEDICAL_REQUEST = "nl.utrecht.hub.medical-record-handover-requested";
    private static final long HUB_WAITS_MILLIS = 1_000;
    private static final long SLOW_MILLIS = 1_500;

    private static ConfigurableApplicationContext hub;
    private final TestPartners partners = TestPartners.instance();

    @BeforeAll
    static void startHub() {
        hub = new SpringApplicationBuilder(HubApplication.class).run(
                "--hub.data-dir=" + HubTestEnvironment.newDataDir(),
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--hub.broker.port=-1",
                "--camunda.bpm.generate-unique-process-engine-name=true",
                // No webapps: they keep state in static fields that closing this hub would clear for the
                // suite's shared hub too.
                "--camunda.bpm.webapp.enabled=false",
                "--hub.admin.user-id=" + HubTestEnvironment.ADMIN_USER_ID,
                "--hub.admin.password=" + HubTestEnvironment.randomSecret(),
                "--hub.connectors.gca.outbound.endpoint=" + TestPartners.instance().endpoint(ENDPOINT),
                "--HUB_GCA_TOKEN=" + HubTestEnvironment.randomSecret(),
                // A budget that outlasts the worst plan (3 faults in a row), with short pauses.
                "--hub.connectors.gca.retry.max-attempts=8",
                "--hub.connectors.gca.retry.initial-backoff=PT0.2S",
                "--hub.connectors.gca.retry.multiplier=2.0",
                "--hub.connectors.gca.retry.max-backoff=PT1S",
                "--camel.component.http.response-timeout=" + HUB_WAITS_MILLIS,
                "--camel.component.http.so-timeout=" + HUB_WAITS_MILLIS);
    }

    @AfterAll
    static void stopHub() {
        TestPartners.instance().recover(ENDPOINT);
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void everyMessageReachesAFaultyPartnerOnceAndNoneIsDeadLettered() throws Exception {
        Random random = new Random(SEED);
        Map<String, List<Fault>> plan = new ConcurrentHashMap<>();
        Fault[] kinds = {Fault.UNAVAILABLE, Fault.RESET, Fault.SLOW};
        partners.faultPlan(ENDPOINT, new TestPartners.FaultPlan() {
            @Override
            public Fault next(String key, int earlierRequests) {
                List<Fault> faults = plan.computeIfAbsent(key, k -> {
                    List<Fault> drawn = new ArrayList<>();
                    int count = random.nextInt(4);
                    for (int i = 0; i < count; i++) {
                        drawn.add(kinds[random.nextInt(kinds.length)]);
                    }
                    return drawn;
                });
                return earlierRequests < faults.size() ? faults.get(earlierRequests) : Fault.NONE;
            }

            @Override
            public long slowMillis() {
                return SLOW_MILLIS;
            }
        });

        Outbox outbox = hub.getBean(Outbox.class);
        TransactionTemplate transactions = hub.getBean(TransactionTemplate.class);
        ObjectMapper json = hub.getBean(ObjectMapper.class);
        String run = Integer.toString(1000 + random.nextInt(9000));
        Map<String, String> caseOf = new LinkedHashMap<>();
        long startedAt = System.nanoTime();
        for (int n = 0; n < MESSAGES; n++) {
            String caseId = "HH-PF" + run + "-" + n;
            ObjectNode data = json.createObjectNode();
            data.put("gpPractice", "Huisartsenpraktijk Testlaan");
            data.put("consentReference", "TOESTEMMING-TEST-" + n);
            data.put("requestedOn", Events.today().toString());
            String id = transactions.execute(status -> outbox.write(
                    new Outbox.Draft(MEDICAL_REQUEST, caseId, Events.newVNumber(), data, null, "SendTask_PartnerFaults")));
            caseOf.put(id, caseId);
        }

        await("every message SENT or DEAD").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> caseOf.keySet().stream().map(id -> outbox.find(id).orElseThrow().status())
                        .allMatch(s -> s != Outbox.Status.PENDING));
        long drainedMillis = FaultRun.millisSince(startedAt);

        Map<String, String> lost = new LinkedHashMap<>();
        Map<String, String> duplicated = new LinkedHashMap<>();
        Map<String, String> dead = new LinkedHashMap<>();
        int deliveredOnce = 0;
        long repeatsDropped = 0;
        for (Map.Entry<String, String> message : caseOf.entrySet()) {
            String id = message.getKey();
            Outbox.Message row = outbox.find(id).orElseThrow();
            long taken = partners.takenWithKey(id);
            long keys = partners.receivedBy(ENDPOINT).stream().filter(r -> r.body().contains("\"" + message.getValue() + "\""))
                    .map(TestPartners.Received::idempotencyKey).distinct().count();
            String evidence = "status " + row.status() + ", attempts " + row.attempts() + ", taken " + taken
                    + ", keys " + keys + ", faults " + plan.getOrDefault(id, List.of()) + ", last error " + row.lastError();
            repeatsDropped += Math.max(0, taken - 1);
            if (keys > 1) {
                duplicated.put(id, evidence);
            } else if (row.status() == Outbox.Status.DEAD) {
                dead.put(id, evidence);
            } else if (row.status() == Outbox.Status.SENT && taken >= 1) {
                deliveredOnce++;
            } else {
                lost.put(id, evidence);
            }
        }
        Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
        plan.values().forEach(faults -> faults.forEach(f -> injected.merge(f, 1, Integer::sum)));
        int requests = partners.receivedBy(ENDPOINT).size();

        String report = "partner faults run " + run + ", seed " + SEED + "\n"
                + "messages " + MESSAGES + ", requests the partner received " + requests + ", faults injected "
                + injected + " (hub waits " + HUB_WAITS_MILLIS + " ms, slow answers after " + SLOW_MILLIS + " ms)\n"
                + "delivered once " + deliveredOnce + ", lost " + lost.size() + ", duplicated " + duplicated.size()
                + ", dead-lettered " + dead.size() + "; repeats the partner dropped by Idempotency-Key " + repeatsDropped
                + "; all messages settled after " + drainedMillis + " ms\n"
                + evidence("lost", lost) + evidence("duplicated", duplicated) + evidence("dead-lettered", dead);
        Path dir = Files.createDirectories(Path.of("target", "reliability"));
        Files.writeString(dir.resolve("partner-faults-" + run + ".md"), report);
        log.info("\n{}", report);

        assertThat(injected.keySet()).as("every kind of fault was injected").contains(kinds);
        assertThat(lost).as("lost").isEmpty();
        assertThat(duplicated).as("duplicated: one message under more than one key").isEmpty();
        assertThat(dead).as("dead-lettered after transient faults").isEmpty();
        assertThat(deliveredOnce).as("delivered once").isEqualTo(MESSAGES);
    }

    private static String evidence(String bucket, Map<String, String> entries) {
        StringBuilder text = new StringBuilder();
        entries.forEach((id, evidence) -> text.append(bucket).append(": ").append(id).append(": ").append(evidence)
                .append('\n'));
        return text.toString();
    }
}
