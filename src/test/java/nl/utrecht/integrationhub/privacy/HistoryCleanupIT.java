package nl.utrecht.integrationhub.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;

/**
 * History that really expires: the running hub's engine is configured for removal-time based cleanup
 * with a nightly window, and its own cleanup job removes a finished case whose time-to-live has passed
 * from every ACT_HI_* table it was in (including the phase it called), while a case finished within its
 * time-to-live and a case still running keep their history.
 */
@HubIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryCleanupIT extends EndToEndTest {

    private static final String ROUTE = "it-ttl-route";
    private static final String PHASE = "it-ttl-phase";
    /** The ACT_HI_* tables a finished case leaves rows in, by the column that names its process instance. */
    private static final Map<String, String> HISTORY_TABLES = Map.of(
            "ACT_HI_PROCINST", "PROC_INST_ID_",
            "ACT_HI_ACTINST", "PROC_INST_ID_",
            "ACT_HI_VARINST", "PROC_INST_ID_",
            "ACT_HI_DETAIL", "PROC_INST_ID_",
            "ACT_HI_TASKINST", "PROC_INST_ID_");

    @Autowired
    HistoryService historyService;
    @Autowired
    ManagementService managementService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    ProcessEngineConfiguration engineConfiguration;
    @Autowired
    CaseRetention retention;

    /** First: the cleanup test below makes the job due at once. */
    @Test
    @Order(1)
    void theEngineIsConfiguredForRemovalTimeBasedNightlyCleanupAndEveryModelHasATimeToLive() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engineConfiguration;
        assertThat(configuration.isEnforceHistoryTimeToLive()).isTrue();
        assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
        assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
        assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
        assertThat(configuration.isHistoryCleanupEnabled()).isTrue();

        // The engine scheduled its cleanup job by itself, due in the nightly window (or running in it).
        List<Job> cleanupJobs = historyService.findHistoryCleanupJobs();
        assertThat(cleanupJobs).as("the engine's history cleanup job").isNotEmpty();
        for (Job job : cleanupJobs) {
            LocalTime due = job.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
            assertThat(due).as("due in the window").isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
        }

        // Every process and decision the hub deployed from processes/ has a time-to-live.
        assertThat(repositoryService.createProcessDefinitionQuery().latestVersion().list())
                .filteredOn(definition -> !definition.getKey().startsWith("it-"))
                .isNotEmpty()
                .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive())
                        .as(definition.getKey()).isNotNull().isPositive());
        assertThat(repositoryService.createDecisionDefinitionQuery().latestVersion().list())
                .isNotEmpty()
                .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive())
                        .as(definition.getKey()).isNotNull().isPositive());
    }

    @Test
    @Order(2)
    void aModelWithoutATimeToLiveIsRefused() {
        // As XML: the model API's builder would add a default time-to-live.
        String withoutTtl = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="urn:it">
                  <process id="it-no-ttl" isExecutable="true">
                    <startEvent id="start"/>
                  </process>
                </definitions>
                """;
        try {
            repositoryService.createDeployment().addString("it-no-ttl.bpmn", withoutTtl).deploy();
            throw new AssertionError("a model without historyTimeToLive was deployed");
        } catch (org.camunda.bpm.engine.ProcessEngineException expected) {
            assertThat(expected.getMessage()).contains("History Time To Live");
        }
    }

    @Test
    @Order(3)
    void theEnginesCleanupJobRemovesAFinishedCaseAfterItsTimeToLiveAndKeepsTheOthers() {
        deployTestRoute();
        String expiredCase = "HH-TTL-" + Events.newVNumber();
        String recentCase = "HH-TTL-" + Events.newVNumber();
        String runningCase = "HH-TTL-" + Events.newVNumber();

        // Finished three days ago with a time-to-live of one day: expired two days ago.
        List<String> expired;
        ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(3))));
        try {
            expired = runToEnd(expiredCase);
        } finally {
            ClockUtil.reset();
        }
        List<String> recent = runToEnd(recentCase);
        ProcessInstance running = runtimeService.startProcessInstanceByKey(ROUTE, runningCase,
                Map.of("caseId", runningCase));

        assertThat(expired).hasSize(2);
        expired.forEach(id -> assertThat(historyRows(id)).as("history of " + id).isPositive());
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(expired.get(0))
                .singleResult().getRemovalTime()).as("removal time: end + TTL").isBefore(new Date());
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(recent.get(0))
                .singleResult().getRemovalTime()).isAfter(new Date());

        // The engine's own cleanup job, made due now instead of tonight, run by the job executor.
        historyService.cleanUpHistoryAsync(true);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> expired.forEach(id -> assertThat(historyRows(id)).as("history of " + id)
                        .isZero()));

        recent.forEach(id -> assertThat(historyRows(id)).as("kept: within its time-to-live").isPositive());
        assertThat(historyRows(running.getId())).as("kept: still running").isPositive();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(expiredCase).count())
                .isZero();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(recentCase).count())
                .isEqualTo(2);
        runtimeService.deleteProcessInstance(running.getId(), "test done");
    }

    @Test
    @Order(4)
    void theHubsOwnTablesFollowWhenTheEngineRemovesAnExpiredCase() {
        nl.utrecht.integrationhub.support.Credentials coa = nl.utrecht.integrationhub.support.TestUsers.coa(identityService);
        String expiredVNumber = Events.newVNumber();
        String recentVNumber = Events.newVNumber();
        var expiredIntake = Events.intake(expiredVNumber);
        var recentIntake = Events.intake(recentVNumber);
        assertThat(hub.postEvent(expiredIntake, coa).status()).isEqualTo(202);
        assertThat(hub.postEvent(recentIntake, coa).status()).isEqualTo(202);
        String expiredCase = awaitQuietCase(expiredVNumber);
        String recentCase = awaitQuietCase(recentVNumber);

        // The expired case ended five years and a week ago (the hub's models keep history P1825D).
        ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(1832))));
        try {
            state.processInstances(expiredCase).forEach(instance ->
                    runtimeService.deleteProcessInstance(instance.getId(), "case closed"));
        } finally {
            ClockUtil.reset();
        }
        state.processInstances(recentCase).forEach(instance ->
                runtimeService.deleteProcessInstance(instance.getId(), "case closed"));

        historyService.cleanUpHistoryAsync(true);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> historyService
                .createHistoricProcessInstanceQuery().processInstanceBusinessKey(expiredCase).count() == 0);
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(recentCase).count())
                .as("the recent case keeps its history").isPositive();

        assertThat(retention.purgeExpiredCases()).isPositive();

        assertThat(jdbc.queryForObject("SELECT payload FROM hub_inbox WHERE event_id = ?", String.class,
                expiredIntake.get("id").asText())).isEqualTo("{\"erased\":true}");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hub_person WHERE v_number = ?", Integer.class,
                expiredVNumber)).as("the register forgot the person").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hub_audit_log WHERE action = 'ERASE' AND resource LIKE ?",
                Integer.class, "retention:" + expiredCase + ";%")).as("one entry per household member").isEqualTo(4);
        // The recent case is untouched.
        assertThat(jdbc.queryForObject("SELECT payload FROM hub_inbox WHERE event_id = ?", String.class,
                recentIntake.get("id").asText())).contains(recentVNumber);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hub_person WHERE v_number = ?", Integer.class,
                recentVNumber)).isEqualTo(1);
        assertThat(retention.purgeExpiredCases()).as("nothing left to purge").isZero();
    }

    /** The case opened by the intake, once its route runs and its messages are handled. */
    private String awaitQuietCase(String vNumber) {
        String caseId = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList("""
                        SELECT c.case_id FROM hub_case c JOIN hub_person p ON p.id = c.main_person_id
                        WHERE p.v_number = ?""", String.class, vNumber).stream()
                        .filter(id -> !state.processInstances(id).isEmpty()).findFirst().orElse(null),
                id -> id != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_outbox WHERE case_id = ? AND status = 'PENDING'", Integer.class, caseId) == 0);
        return caseId;
    }

    /** A route that calls a phase with a user task, like the hub's routes; both carry the case id. */
    private void deployTestRoute() {
        if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(ROUTE).count() > 0) {
            return;
        }
        BpmnModelInstance phase = Bpmn.createExecutableProcess(PHASE).camundaHistoryTimeToLive(1)
                .startEvent().userTask("it_ttl_task").name("Testtaak").endEvent().done();
        BpmnModelInstance route = Bpmn.createExecutableProcess(ROUTE).camundaHistoryTimeToLive(1)
                .startEvent().callActivity("it_ttl_call").calledElement(PHASE).camundaInBusinessKey("${caseId}")
                .camundaIn("caseId", "caseId").endEvent().done();
        repositoryService.createDeployment().name("it-ttl").addModelInstance(PHASE + ".bpmn", phase)
                .addModelInstance(ROUTE + ".bpmn", route).deploy();
    }

    /** Starts the route and completes its task; the ids of the route's and the phase's instances. */
    private List<String> runToEnd(String caseId) {
        ProcessInstance route = runtimeService.startProcessInstanceByKey(ROUTE, caseId, Map.of("caseId", caseId));
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(caseId).singleResult();
        String phaseId = task.getProcessInstanceId();
        taskService.complete(task.getId(), Map.of("outcome", "done"));
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseId).count()).isZero();
        return List.of(route.getId(), phaseId);
    }

    private int historyRows(String processInstanceId) {
        int rows = 0;
        for (Map.Entry<String, String> table : HISTORY_TABLES.entrySet()) {
            Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table.getKey() + " WHERE "
                    + table.getValue() + " = ?", Integer.class, processInstanceId);
            rows += count == null ? 0 : count;
        }
        return rows;
    }
}
