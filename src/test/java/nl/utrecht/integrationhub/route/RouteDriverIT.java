package nl.utrecht.integrationhub.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.GenericTasklist;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.PartnerEvents;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * A generic client that knows nothing of the models drives a household from AZC intake to the
 * buurtteam hand-over through the hub's public surfaces only: the inbound event API, and
 * {@code /engine-rest} for tasks (it reads each task's deployed Camunda Form and fills every field
 * with a valid value), message subscriptions (it answers them as the partner would) and timer jobs
 * (it executes them when nothing else can move the case).
 */
@HubIntegrationTest
class RouteDriverIT {

    private static final Logger log = LoggerFactory.getLogger(RouteDriverIT.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ZoneId UTRECHT = ZoneId.of("Europe/Amsterdam");
    private static final int MAX_STEPS = 400;

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;

    private HubTestClient hub;
    private Credentials admin;
    private GenericTasklist tasklist;
    private final Deadlines deadlines = new Deadlines();

    @BeforeEach
    void setUp() {
        hub = new HubTestClient(port);
        admin = TestUsers.ensure(identityService, "it-route-driver", "camunda-admin");
        tasklist = new GenericTasklist(hub, admin);
    }

    @Test
    void drivesAHouseholdFromIntakeToTheBuurtteamHandOverThroughTheHubsPublicSurfacesOnly() {
        String main = Events.newVNumber();
        ObjectNode intake = Events.intake(main);
        List<String> members = new ArrayList<>();
        intake.get("data").get("household").forEach(member -> members.add(member.get("vNumber").asText()));
        LocalDate arrival = LocalDate.parse(intake.get("data").get("arrivalDate").asText());
        assertThat(hub.postEvent(intake, admin).status()).isEqualTo(202);
        String caseId = awaitCase(main);

        Set<String> answered = new HashSet<>();
        int tasksCompleted = 0;
        int eventsSent = 0;
        int timersFired = 0;
        int steps = 0;
        while (isRunning(caseId)) {
            if (++steps > MAX_STEPS) {
                fail("the case did not end within " + MAX_STEPS + " steps; open: " + openTasks(caseId));
            }
            List<JsonNode> tasks = openTasks(caseId);
            if (!tasks.isEmpty()) {
                for (JsonNode task : tasks) {
                    tasklist.completeWithForm(task);
                    tasksCompleted++;
                }
                continue;
            }
            List<String[]> waiting = waitingMessages(caseId, answered);
            if (!waiting.isEmpty()) {
                for (String[] subscription : waiting) {
                    answered.add(subscription[0] + "|" + subscription[1]);
                    for (String subject : members) {
                        Response sent = hub.postEvent(PartnerEvents.of(subscription[1], subject, today()), admin);
                        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
                        eventsSent++;
                    }
                }
                awaitQuiet(caseId);
                continue;
            }
            JsonNode timer = nextTimer(caseId);
            if (timer != null) {
                Response fired = hub.postJson("/engine-rest/job/" + timer.get("id").asText() + "/execute", null, admin);
                assertThat(fired.status()).as(fired.toString()).isEqualTo(204);
                timersFired++;
                continue;
            }
            awaitQuiet(caseId);
            if (openTasks(caseId).isEmpty() && waitingMessages(caseId, answered).isEmpty() && nextTimer(caseId) == null
                    && isRunning(caseId)) {
                // Nothing to do yet is not stuck while the hub still works: an event that met a concurrent
                // job (optimistic locking) is applied again by the relay a second later, an async step runs
                // when the job executor gets to it. Only a case that stays quiet for seconds is stuck.
                awaitQuiet(caseId, 40);
                if (openTasks(caseId).isEmpty() && waitingMessages(caseId, answered).isEmpty()
                        && nextTimer(caseId) == null && isRunning(caseId)) {
                    fail("the case is stuck: no task, no message to answer, no timer");
                }
            }
        }
        log.info("Route driven to its end: {} tasks completed, {} events sent, {} timers fired, {} steps",
                tasksCompleted, eventsSent, timersFired, steps);

        JsonNode top = hub.get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + caseId
                + "&processDefinitionKey=household-route", admin).json().get(0);
        assertThat(top.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(history("activity-instance", caseId)).anySatisfy(activity ->
                assertThat(activity.get("activityId").asText()).isEqualTo("EndEvent_RouteCompleted"));

        // Deadlines run from their business dates.
        assertThat(dueOf(caseId, "Kind plaatsen op school")).isEqualTo(deadlines.after(day(arrival), "school-placement"));
        Date settlement = dateVariable(caseId, "settlementDate");
        assertThat(dueOf(caseId, "Participatieverklaring laten ondertekenen"))
                .isEqualTo(deadlines.after(settlement, "participation-declaration"));
        Date obligationStart = dateVariable(caseId, "obligationStart");
        assertThat(dueOf(caseId, "Inburgering: regie voeren"))
                .isEqualTo(deadlines.after(obligationStart, "civic-integration-term"));
    }

    // --- the generic client ---

    /** Message subscriptions of the case's instances not answered yet: [processInstanceId, messageName]. */
    private List<String[]> waitingMessages(String caseId, Set<String> answered) {
        List<String[]> waiting = new ArrayList<>();
        for (JsonNode instance : hub.get("/engine-rest/process-instance?businessKey=" + encode(caseId), admin).json()) {
            String instanceId = instance.get("id").asText();
            for (JsonNode subscription : hub.get("/engine-rest/event-subscription?eventType=message&processInstanceId="
                    + instanceId, admin).json()) {
                String name = subscription.get("eventName").asText();
                if (!answered.contains(instanceId + "|" + name) && PartnerEvents.isKnown(name)
                        && !name.contains("departed")) {
                    waiting.add(new String[] {instanceId, name});
                }
            }
        }
        return waiting;
    }

    private JsonNode nextTimer(String caseId) {
        JsonNode earliest = null;
        for (JsonNode instance : hub.get("/engine-rest/process-instance?businessKey=" + encode(caseId), admin).json()) {
            for (JsonNode job : hub.get("/engine-rest/job?timers=true&processInstanceId=" + instance.get("id").asText(),
                    admin).json()) {
                if (earliest == null || job.get("dueDate").asText().compareTo(earliest.get("dueDate").asText()) < 0) {
                    earliest = job;
                }
            }
        }
        return earliest;
    }

    private List<JsonNode> openTasks(String caseId) {
        List<JsonNode> tasks = new ArrayList<>();
        hub.get("/engine-rest/task?processInstanceBusinessKey=" + encode(caseId), admin).json().forEach(tasks::add);
        return tasks;
    }

    private boolean isRunning(String caseId) {
        return hub.get("/engine-rest/process-instance?businessKey=" + encode(caseId)
                + "&processDefinitionKey=household-route", admin).json().size() > 0;
    }

    /** Events are applied asynchronously: wait until the case's open tasks stay the same for 3 polls. */
    private void awaitQuiet(String caseId) {
        awaitQuiet(caseId, 3);
    }

    /** Until the case's open tasks and state stayed the same for this many polls, 150 ms apart. */
    private void awaitQuiet(String caseId, int stablePolls) {
        AtomicReference<String> last = new AtomicReference<>("");
        AtomicInteger stable = new AtomicInteger();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(150)).until(() -> {
            String now = openTasks(caseId).toString() + isRunning(caseId);
            if (now.equals(last.getAndSet(now))) {
                return stable.incrementAndGet() >= stablePolls;
            }
            stable.set(0);
            return false;
        });
    }

    private String awaitCase(String subject) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> hub.cases(subject, admin).json(), cases -> cases.size() == 1).get(0).get("caseId").asText();
    }

    private List<JsonNode> history(String kind, String caseId) {
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode instance : hub.get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + encode(caseId),
                admin).json()) {
            hub.get("/engine-rest/history/" + kind + "?processInstanceId=" + instance.get("id").asText(), admin).json()
                    .forEach(rows::add);
        }
        return rows;
    }

    private Date dueOf(String caseId, String taskNamePrefix) {
        for (JsonNode task : history("task", caseId)) {
            if (task.get("name").asText().startsWith(taskNamePrefix) && !task.get("due").isNull()) {
                return Date.from(OffsetDateTime.parse(task.get("due").asText(),
                        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant());
            }
        }
        return fail("no task '%s' with a due date in the case's history", taskNamePrefix);
    }

    private Date dateVariable(String caseId, String name) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (JsonNode instance : hub.get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + encode(caseId),
                admin).json()) {
            for (JsonNode variable : hub.get("/engine-rest/history/variable-instance?variableName=" + name
                    + "&processInstanceId=" + instance.get("id").asText(), admin).json()) {
                found.put(variable.get("id").asText(), variable);
            }
        }
        for (Iterator<JsonNode> it = found.values().iterator(); it.hasNext(); ) {
            JsonNode variable = it.next();
            if ("Date".equals(variable.path("type").asText())) {
                return Date.from(OffsetDateTime.parse(variable.get("value").asText(),
                        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant());
            }
        }
        return fail("no Date variable '%s' in the case", name);
    }

    private static LocalDate today() {
        return LocalDate.now(UTRECHT);
    }

    private static Date day(LocalDate date) {
        return Date.from(date.atStartOfDay(UTRECHT).toInstant());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
