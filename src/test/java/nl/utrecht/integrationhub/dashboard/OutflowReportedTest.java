package nl.utrecht.integrationhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.utrecht.integrationhub.dashboard.DashboardFigures.Count;
import nl.utrecht.integrationhub.guidance.GuidanceProcess;
import nl.utrecht.integrationhub.guidance.GuidanceProcess.OutflowKind;
import nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess;
import nl.utrecht.integrationhub.platform.camunda.ProcessTestDeployment;
import nl.utrecht.integrationhub.route.BusinessDates;
import nl.utrecht.integrationhub.route.Deadlines;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Outflow to work, internship, work-experience place or volunteer work: Werk en Inkomen's
 * {@code nl.utrecht.participation-outflow-reported}, correlated to the household's guidance as the hub does
 * (business key = case id), is recorded by guidance's non-interrupting event subprocess as often as it is
 * reported, and every report counts on the dashboard.
 */
class OutflowReportedTest {

    private static final String CASE_ID = "HH-2026-990201";

    private ProcessEngine engine;
    private final List<String> deployments = new ArrayList<>();

    @BeforeEach
    void guidanceDeployed() {
        engine = TestProcessEngines.hubLike();
        deployments.add(ProcessTestDeployment.deploy(engine.getRepositoryService(), GuidanceProcess.PROCESS_KEY));
        deployments.add(ProcessTestDeployment.deploy(engine.getRepositoryService(),
                ParticipationDeclarationProcess.PROCESS_KEY));
    }

    @AfterEach
    void closeEngine() {
        deployments.forEach(id -> ProcessTestDeployment.undeploy(engine.getRepositoryService(), id));
        engine.close();
    }

    private static Map<String, String> member(String personRef, String birthDate, String relation) {
        Map<String, String> member = new LinkedHashMap<>();
        member.put("personRef", personRef);
        member.put("birthDate", birthDate);
        member.put("relation", relation);
        return member;
    }

    private int outflowReported(OutflowKind kind, LocalDate on) {
        return engine.getRuntimeService().createMessageCorrelation(GuidanceProcess.MESSAGE_PARTICIPATION_OUTFLOW_REPORTED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariables(Variables.createVariables()
                        .putValue(GuidanceProcess.VAR_OUTFLOW_KIND, kind.value())
                        .putValue(GuidanceProcess.VAR_OUTFLOW_ON, BusinessDates.startOf(on)))
                .correlateAllWithResult().size();
    }

    @Test
    void everyOutflowReportIsRecordedWhileGuidanceGoesOn() {
        LocalDate settled = LocalDate.now(BusinessDates.UTRECHT).minusMonths(3);
        ProcessInstance guidance = engine.getRuntimeService().startProcessInstanceByKey(GuidanceProcess.PROCESS_KEY,
                CASE_ID, Variables.createVariables()
                        .putValue(GuidanceProcess.VAR_CASE_ID, CASE_ID)
                        .putValue(GuidanceProcess.VAR_MAIN_PERSON_REF, "P-990201")
                        .putValue(GuidanceProcess.VAR_HOUSEHOLD_MEMBERS, new ArrayList<>(List.of(
                                member("P-990201", "1990-05-15", "main"),
                                member("P-990202", "1992-11-30", "partner"))))
                        .putValue(GuidanceProcess.VAR_SETTLEMENT_DATE, BusinessDates.startOf(settled))
                        .putValue(GuidanceProcess.VAR_LANGUAGE_LEVEL, "A2")
                        .putValue(GuidanceProcess.VAR_EDUCATION_LEVEL, "vocational")
                        .putValue(GuidanceProcess.VAR_WORK_EXPERIENCE_YEARS, 3));
        List<String> waitingBefore = waitingAt(guidance);

        assertThat(outflowReported(OutflowKind.VOLUNTEER_WORK, settled.plusMonths(1))).isEqualTo(1);
        assertThat(outflowReported(OutflowKind.WORK, settled.plusMonths(2))).isEqualTo(1);
        assertThat(outflowReported(OutflowKind.WORK, settled.plusMonths(2).plusDays(1))).isEqualTo(1);

        assertThat(waitingAt(guidance)).as("non-interrupting: guidance goes on").isEqualTo(waitingBefore)
                .contains(GuidanceProcess.TASK_CHOOSE_TRAJECTORY);
        assertThat(engine.getRuntimeService().getVariable(guidance.getId(), GuidanceProcess.VAR_OUTFLOW_KIND))
                .isEqualTo("work");
        assertThat(engine.getRuntimeService().getVariable(guidance.getId(), GuidanceProcess.VAR_OUTFLOW_ON))
                .isEqualTo(BusinessDates.startOf(settled.plusMonths(2).plusDays(1)));
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .activityId(GuidanceProcess.END_OUTFLOW_RECORDED).count()).isEqualTo(3);

        DashboardFigures figures = new DashboardService(
                new JdbcTemplate(engine.getProcessEngineConfiguration().getDataSource()),
                DashboardProperties.defaults(), new Deadlines(), java.time.Clock.systemDefaultZone()).current();

        assertThat(figures.work().outflow()).extracting(Count::key, Count::value).containsExactly(
                tuple("work", 2L), tuple("internship", 0L), tuple("work-experience-place", 0L),
                tuple("volunteer-work", 1L));
        assertThat(figures.casesPerPhase()).filteredOn(count -> count.key().equals("D"))
                .extracting(Count::value).containsExactly(1L);
    }

    @Test
    void withoutGuidanceRunningTheReportReachesNoProcess() {
        assertThat(outflowReported(OutflowKind.INTERNSHIP, LocalDate.now(BusinessDates.UTRECHT))).isZero();
    }

    private List<String> waitingAt(ProcessInstance instance) {
        List<String> activities = new ArrayList<>(List.of(engine.getRuntimeService()
                .getActiveActivityIds(instance.getId()).toArray(String[]::new)));
        activities.sort(String::compareTo);
        return activities;
    }
}
