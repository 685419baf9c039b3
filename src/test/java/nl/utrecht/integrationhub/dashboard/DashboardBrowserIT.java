package nl.utrecht.integrationhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import nl.utrecht.integrationhub.dashboard.DashboardFigures.Count;
import nl.utrecht.integrationhub.guidance.GuidanceProcess;
import nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess;
import nl.utrecht.integrationhub.housing.HousingProcess;
import nl.utrecht.integrationhub.intake.ReceptionProcess;
import nl.utrecht.integrationhub.settlement.SettlementProcess;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.DeadlineKind;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.QuotaPeriod;
import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.GenericTasklist;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.PartnerEvents;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * The dashboard in a real browser (the Debian package's headless Chromium, driven over the DevTools
 * Protocol): households sent through the hub's event API and driven as the partners and caseworkers would
 * into phases A, B and C; a process owner opens /dashboard, is sent to the Camunda login, logs in with the
 * form, follows the welcome page's "Monitoring" link, and sees the figures the engine holds, small counts as
 * "&lt; 5". The screenshot goes to target/screenshots/dashboard.png (a copy is in docs/screenshots/).
 *
 * <p>Chromium is required: scripts/chromium-install.sh installs it (CI calls it from .ci/run).
 */
@HubIntegrationTest
class DashboardBrowserIT extends EndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(DashboardBrowserIT.class);
    /** The household-level process of each phase, as docs/dashboard.md says the figure is counted. */
    private static final Map<String, String> PHASE_PROCESSES = phaseProcesses();
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "dashboard.png");
    private static final int WIDTH = 1280;

    @Autowired
    DashboardSource source;

    @Test
    void aProcessOwnerLogsInAndSeesTheFiguresTheEngineHolds() throws IOException {
        assertThat(HeadlessChromium.binary()).as("Chromium is required for this test: run scripts/chromium-install.sh "
                + "(apt-get install chromium) or set CHROMIUM to the browser").isExecutable();
        Credentials admin = TestUsers.ensure(identityService, "it-dashboard-driver", "camunda-admin");
        Credentials owner = TestUsers.ensure(identityService, "it-dashboard-browser-owner", "process-owners");

        // Households in three phases: A (just arrived), B (status and linking), C (housed, settling).
        Household inA = newHousehold(admin);
        Household inB = newHousehold(admin);
        Household inC = newHousehold(admin);
        driveUntilRunning(inB, HousingProcess.PROCESS_KEY, admin);
        driveUntilRunning(inC, SettlementProcess.PROCESS_KEY, admin);
        Instant driven = Instant.now();
        assertThat(running(inA.caseId(), ReceptionProcess.PROCESS_KEY)).isTrue();

        // The figures are computed at most once a minute: wait for a computation after the driving, then they
        // must equal a direct count of the engine's running phase processes.
        DashboardFigures figures = await("figures computed after the households were driven, equal to the engine's")
                .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(source::current, f -> f.computedAt().isAfter(driven) && phases(f).equals(directPhaseCounts()));
        assertThat(figures.casesPerPhase().get(1).value()).as("phase B holds our household").isPositive();
        assertThat(figures.casesPerPhase().get(2).value()).as("phase C holds our household").isPositive();

        Files.createDirectories(SCREENSHOT.getParent());
        try (HeadlessChromium chromium = HeadlessChromium.start(WIDTH, 900, SCREENSHOT.resolveSibling("chromium.log"))) {
            String base = "http://localhost:" + port;
            chromium.navigate(base + "/dashboard");
            await("the Camunda login form after the redirect").atMost(Duration.ofSeconds(60))
                    .until(() -> chromium.isTrue("location.pathname.startsWith('/camunda/app/welcome/')"
                            + " && !!document.querySelector('input[ng-model=\"username\"]')"));
            chromium.evaluate(logIn(owner));
            await("the welcome page with the Monitoring link").atMost(Duration.ofSeconds(60))
                    .until(() -> chromium.isTrue("!!document.querySelector('a[href=\"/dashboard\"]')"));
            chromium.evaluate("document.querySelector('a[href=\"/dashboard\"]').click()");
            await("the dashboard").atMost(Duration.ofSeconds(60))
                    .until(() -> chromium.isTrue("location.pathname === '/dashboard' && !!document.getElementById('computed-at')"));

            PageReader page = new PageReader(chromium.dom());
            DashboardFigures shown = figures;
            if (!page.computedAt().equals(figures.computedAt().toString())) {
                // Computed again between the check and the page: the page shows the newer figures.
                shown = source.current();
                assertThat(page.computedAt()).isEqualTo(shown.computedAt().toString());
            }
            assertShows(page, shown);

            Files.write(SCREENSHOT, chromium.screenshot(WIDTH));
            log.info("Dashboard screenshot: {} (phases {})", SCREENSHOT.toAbsolutePath(), phases(shown));
        }
        assertThat(SCREENSHOT).isNotEmptyFile();
    }

    /** Every figure the page shows for phases, deadlines, quota and hand-overs, as SmallCounts writes it. */
    private static void assertShows(PageReader page, DashboardFigures figures) {
        SmallCounts small = SmallCounts.of(figures);
        for (Count phase : figures.casesPerPhase()) {
            assertThat(page.cell("phases", phase.key())).as("phase " + phase.key()).isEqualTo(small.text(phase.value()));
        }
        for (DeadlineKind kind : figures.deadlines()) {
            assertThat(page.row("deadlines", kind.key())).as(kind.key()).endsWith(
                    small.text(kind.open()), small.text(kind.dueSoon()), small.text(kind.overdue()));
        }
        List<QuotaPeriod> quota = figures.housingQuota();
        for (int i = 0; i < quota.size(); i++) {
            QuotaPeriod period = quota.get(i);
            assertThat(page.row("housing", period.period())).as(period.period()).containsExactly(period.label(),
                    DutchFormat.count(period.target()),
                    small.withholdsCarriedOver(quota, i) ? SmallCounts.WITHHELD : DutchFormat.count(period.carriedOver()),
                    small.text(period.housed()),
                    small.withholdsBacklog(quota, i) ? SmallCounts.WITHHELD : DutchFormat.count(period.backlog()));
        }
        assertThat(page.tile("handovers-done")).isEqualTo(small.text(figures.handover().handoversDone()));
        assertThat(page.tile("exams-passed")).isEqualTo(small.text(figures.civicIntegration().examsPassed()));
        assertThat(page.section("money")).contains("€ 4.430 per gehuisveste statushouder (elke leeftijd); "
                + "delen € 1.581,40 + € 2.848,84 = € 4.430,24.");
        for (Count phase : figures.casesPerPhase()) {
            if (small.hides(phase.value())) {
                assertThat(page.svg("chart-phases")).contains("<title>" + phase.key() + ": &lt; " + small.threshold() + "</title>");
            }
        }
    }

    private static String logIn(Credentials user) {
        return "(function(){"
                + "function put(selector, value){const input=document.querySelector(selector);input.focus();input.value=value;"
                + "input.dispatchEvent(new Event('input',{bubbles:true}));input.dispatchEvent(new Event('change',{bubbles:true}));}"
                + "put('input[ng-model=\"username\"]', " + js(user.userId()) + ");"
                + "put('input[ng-model=\"password\"]', " + js(user.password()) + ");"
                + "document.querySelector('form[name=\"signinForm\"] button[type=\"submit\"]').click();return true;})()";
    }

    private static String js(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    // --- the households ---

    private record Household(String caseId, List<String> members) {
    }

    private Household newHousehold(Credentials admin) {
        ObjectNode intake = Events.intake(Events.newVNumber());
        Response accepted = hub.postEvent(intake, admin);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        List<String> members = new ArrayList<>();
        intake.get("data").get("household").forEach(member -> members.add(member.get("vNumber").asText()));
        String caseId = await().atMost(Duration.ofSeconds(30)).until(() -> state.inboxRow(Events.SOURCE_COA,
                        intake.get("id").asText()).filter(row -> "APPLIED".equals(row.get("status")))
                .map(row -> String.valueOf(row.get("case_id"))).orElse(null), id -> id != null);
        return new Household(caseId, members);
    }

    /**
     * Does what caseworkers and partners do for the case (every open task completed with its form's valid
     * values, every message the case waits for sent by its partner, once) until the phase's process runs.
     */
    private void driveUntilRunning(Household household, String processKey, Credentials admin) {
        GenericTasklist tasklist = new GenericTasklist(hub, admin);
        Set<String> answered = new HashSet<>();
        await("case in " + processKey).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (running(household.caseId(), processKey)) {
                return true;
            }
            for (JsonNode task : hub.get("/engine-rest/task?processInstanceBusinessKey=" + encode(household.caseId()), admin).json()) {
                tasklist.completeWithForm(task);
            }
            for (JsonNode instance : hub.get("/engine-rest/process-instance?businessKey=" + encode(household.caseId()), admin).json()) {
                String instanceId = instance.get("id").asText();
                for (JsonNode subscription : hub.get("/engine-rest/event-subscription?eventType=message&processInstanceId="
                        + instanceId, admin).json()) {
                    String message = subscription.get("eventName").asText();
                    if (PartnerEvents.isKnown(message) && !message.contains("departed") && answered.add(instanceId + "|" + message)) {
                        for (String subject : household.members()) {
                            Response sent = hub.postEvent(PartnerEvents.of(message, subject, Events.today()), admin);
                            assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
                        }
                    }
                }
            }
            return running(household.caseId(), processKey);
        });
    }

    private boolean running(String caseId, String processKey) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .processDefinitionKey(processKey).count() > 0;
    }

    /** The direct query: running instances of each phase's process, over all cases. */
    private Map<String, Long> directPhaseCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        PHASE_PROCESSES.forEach((phase, key) ->
                counts.put(phase, runtimeService.createProcessInstanceQuery().processDefinitionKey(key).count()));
        return counts;
    }

    private static Map<String, Long> phases(DashboardFigures figures) {
        Map<String, Long> counts = new LinkedHashMap<>();
        figures.casesPerPhase().forEach(count -> counts.put(count.key(), count.value()));
        return counts;
    }

    private static Map<String, String> phaseProcesses() {
        Map<String, String> processes = new LinkedHashMap<>();
        processes.put("A", ReceptionProcess.PROCESS_KEY);
        processes.put("B", HousingProcess.PROCESS_KEY);
        processes.put("C", SettlementProcess.PROCESS_KEY);
        processes.put("D", GuidanceProcess.PROCESS_KEY);
        processes.put("E", NeighbourhoodHandoverProcess.PROCESS_KEY);
        return processes;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
