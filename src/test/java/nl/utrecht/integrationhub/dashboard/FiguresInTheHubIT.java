package nl.utrecht.integrationhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.utrecht.integrationhub.dashboard.DashboardFigures.Count;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.DeadlineKind;
import io.micrometer.core.instrument.MeterRegistry;
import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.TestUsers;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The figures in the running hub (H2, and PostgreSQL in CI's postgres pass) against direct queries
 * through the engine's own API, after a new household came in through COA's real entry point; and the
 * same figures in the hub's meter registry (which {@code /actuator/prometheus} serves to administrators;
 * Spring Boot's tests switch the Prometheus export itself off). The suite's other tests share the
 * hub, so the expected values are whatever the engine holds at that moment, not fixed numbers.
 */
@HubIntegrationTest
class FiguresInTheHubIT extends EndToEndTest {

    private static final Map<String, String> PHASE_PROCESSES = Map.of("A", "reception", "B", "housing",
            "C", "settlement", "D", "guidance", "E", "neighbourhood-handover");

    @Autowired
    private DashboardService service;
    @Autowired
    private DashboardMetrics metrics;
    @Autowired
    private HistoryService historyService;
    /** The hub's registry; /actuator/prometheus serves it (Spring Boot tests switch the export off). */
    @Autowired
    private MeterRegistry registry;

    /** What the engine's API says, in the dashboard's terms. */
    private Map<String, Long> direct() {
        Map<String, Long> direct = new LinkedHashMap<>();
        PHASE_PROCESSES.forEach((phase, key) -> direct.put("phase " + phase,
                runtimeService.createProcessInstanceQuery().processDefinitionKey(key).count()));
        direct.put("school-placement", taskService.createTaskQuery().processDefinitionKey("reception")
                .taskDefinitionKey("UserTask_PlaceChildInSchool").count()
                + taskService.createTaskQuery().processDefinitionKey("school-placement")
                .taskDefinitionKey("UserTask_PlaceChild").count());
        direct.put("participation-declaration",
                runtimeService.createProcessInstanceQuery().processDefinitionKey("participation-declaration").count());
        direct.put("handovers done", historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey("neighbourhood-handover").completed().count());
        direct.put("handovers open", historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey("neighbourhood-handover").unfinished().count());
        direct.put("exams passed", historyService.createHistoricVariableInstanceQuery()
                .variableName("examPassedOn").list().stream()
                .filter(variable -> "civic-integration".equals(variable.getProcessDefinitionKey())).count());
        return direct;
    }

    /** The same figures as the dashboard computes them. */
    private static Map<String, Long> dashboard(DashboardFigures figures) {
        Map<String, Long> shown = new LinkedHashMap<>();
        PHASE_PROCESSES.keySet().forEach(phase -> shown.put("phase " + phase, figures.casesPerPhase().stream()
                .filter(count -> count.key().equals(phase)).mapToLong(Count::value).sum()));
        shown.put("school-placement", total(figures, "school-placement"));
        shown.put("participation-declaration", total(figures, "participation-declaration"));
        shown.put("handovers done", figures.handover().handoversDone());
        shown.put("handovers open", figures.handover().handoversOpen());
        shown.put("exams passed", figures.civicIntegration().examsPassed());
        return shown;
    }

    private static long total(DashboardFigures figures, String kind) {
        return figures.deadlines().stream().filter(deadline -> deadline.key().equals(kind))
                .mapToLong(deadline -> deadline.open() + deadline.dueSoon() + deadline.overdue()).sum();
    }

    @Test
    void everyFigureMatchesTheEnginesOwnCountsAndTheMetricsCarryThem() {
        Credentials coa = TestUsers.coa(identityService);
        newCaseWithTasks(coa);

        List<DashboardFigures> computed = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Long> before = direct();
            DashboardFigures figures = service.compute();
            assertThat(dashboard(figures)).isEqualTo(before).isEqualTo(direct());
            computed.add(0, figures);
        });
        DashboardFigures figures = computed.get(0);
        assertThat(dashboard(figures).get("phase A")).as("the new household is in reception").isPositive();
        assertThat(figures.deadlines()).extracting(DeadlineKind::key).containsExactly("school-placement",
                "participation-declaration", "civic-integration-term", "neighbourhood-handover");

        metrics.show(figures);

        assertThat(registry.get("hub.dashboard.cases.open").tag("phase", "A").gauge().value())
                .isEqualTo((double) dashboard(figures).get("phase A"));
        assertThat(registry.get("hub.dashboard.deadlines").tag("kind", "school-placement").gauges())
                .hasSize(3);
        assertThat(registry.get("hub.dashboard.computed.at.seconds").gauge().value())
                .isEqualTo((double) figures.computedAt().getEpochSecond());
    }
}
