package nl.utrecht.integrationhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.Count;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.DeadlineKind;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MoneyYear;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MonthFlow;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.QuotaPeriod;
import nl.utrecht.integrationhub.housing.HousingProcess;
import nl.utrecht.integrationhub.intake.HouseholdRouteProcess;
import nl.utrecht.integrationhub.intake.ReceptionProcess;
import nl.utrecht.integrationhub.platform.camunda.ProcessDirectory;
import nl.utrecht.integrationhub.platform.camunda.ProcessTestDeployment;
import nl.utrecht.integrationhub.route.BusinessDates;
import nl.utrecht.integrationhub.route.Deadlines;
import nl.utrecht.integrationhub.schooling.SchoolPlacementProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dashboard's queries on what the real engine writes: every process folder deployed as the hub
 * deploys it, in an engine of its own (own in-memory database, history full, the hub's expression beans),
 * and one household driven from outside as the hub does (intake start, partner events correlated by case
 * id and personRef, Tasklist form submissions, asynchronous continuations run). Checks the assumptions
 * DashboardServiceTest's rows rest on (variable scopes, one history detail per reported exam part, the
 * route's child instances per adult and minor) with known answers and against the engine's own API.
 */
class DashboardEngineTest {

    private static final String CASE_ID = "HH-2026-990001";
    private static final String MAIN = "P-990101";
    private static final String PARTNER = "P-990102";
    private static final String TEEN = "P-990103";
    private static final String TODDLER = "P-990104";

    private ProcessEngine engine;
    private final List<String> deployments = new ArrayList<>();

    @BeforeEach
    void engineWithEveryProcess() {
        engine = TestProcessEngines.hubLike();
        for (String processKey : ProcessDirectory.ofWorkingDirectory().processKeys()) {
            deployments.add(ProcessTestDeployment.deploy(engine.getRepositoryService(), processKey));
        }
    }

    @AfterEach
    void closeEngine() {
        deployments.forEach(id -> ProcessTestDeployment.undeploy(engine.getRepositoryService(), id));
        engine.close();
    }

    private static Date day(LocalDate date) {
        return BusinessDates.startOf(date);
    }

    private static VariableMap values(Object... namesAndValues) {
        VariableMap variables = Variables.createVariables();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.putValue((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables;
    }

    private static Map<String, String> member(String personRef, LocalDate birthDate, String relation) {
        Map<String, String> member = new LinkedHashMap<>();
        member.put("personRef", personRef);
        member.put("birthDate", birthDate.toString());
        member.put("relation", relation);
        return member;
    }

    private void householdEvent(String type, VariableMap variables) {
        assertThat(engine.getRuntimeService().createMessageCorrelation(type).processInstanceBusinessKey(CASE_ID)
                .setVariables(variables).correlateAllWithResult()).as(type).isNotEmpty();
        runAsynchronousContinuations();
    }

    private void personEvent(String type, String personRef, VariableMap variables) {
        assertThat(engine.getRuntimeService().createMessageCorrelation(type).processInstanceBusinessKey(CASE_ID)
                .processInstanceVariableEquals("personRef", personRef).setVariables(variables)
                .correlateAllWithResult()).as(type + " about " + personRef).hasSize(1);
        runAsynchronousContinuations();
    }

    private void submit(String processKey, String taskKey, VariableMap values) {
        String taskId = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(CASE_ID)
                .processDefinitionKey(processKey).taskDefinitionKey(taskKey).singleResult().getId();
        engine.getFormService().submitTaskForm(taskId, values);
        runAsynchronousContinuations();
    }

    /** The job executor's part: asynchronous continuations (send tasks), not timers. */
    private void runAsynchronousContinuations() {
        for (int round = 0; round < 50; round++) {
            List<Job> due = engine.getManagementService().createJobQuery().messages().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new AssertionError("asynchronous continuations keep creating new ones");
    }

    /** A family of two adults and two children: AZC, permit, linked, housed two days ago. */
    private LocalDate houseTheFamily(LocalDate today) {
        LocalDate arrival = today.minusDays(60);
        LocalDate settled = today.minusDays(2);
        List<Map<String, String>> members = List.of(
                member(MAIN, LocalDate.of(1985, 4, 10), "main"),
                member(PARTNER, LocalDate.of(1988, 11, 23), "partner"),
                member(TEEN, today.minusYears(13), "child"),
                member(TODDLER, today.minusYears(4).minusMonths(9), "child"));
        engine.getRuntimeService().createMessageCorrelation(HouseholdRouteProcess.MESSAGE_INTAKE_REGISTERED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariables(values("caseId", CASE_ID, "mainPersonRef", MAIN, "azcLocation", "Einsteindreef",
                        "arrivalDate", day(arrival), "householdMembers", new ArrayList<>(members),
                        "schoolAgeChildren", new ArrayList<>(List.of(TEEN)),
                        "schoolPlacementDue", new Deadlines().after(day(arrival), Deadlines.SCHOOL_PLACEMENT)))
                .correlateStartMessage();
        runAsynchronousContinuations();

        householdEvent(ReceptionProcess.MESSAGE_DOSSIER_OPENED, values(
                ReceptionProcess.VAR_DOSSIER_NUMBER, "VWMN-2026-9901",
                ReceptionProcess.VAR_DOSSIER_OPENED_ON, day(arrival.plusDays(1))));
        submit(ReceptionProcess.PROCESS_KEY, ReceptionProcess.TASK_PLACE_CHILD_IN_SCHOOL, values(
                ReceptionProcess.VAR_SCHOOL_TYPE, ReceptionProcess.SchoolType.INTERNATIONAL_TRANSITION_CLASS.value(),
                ReceptionProcess.VAR_SCHOOL_NAME, "ISK bij het AZC",
                ReceptionProcess.VAR_FIRST_SCHOOL_DAY, arrival.plusDays(2).toString()));
        submit(ReceptionProcess.PROCESS_KEY, ReceptionProcess.TASK_RECORD_ACTIVATION, values(
                ReceptionProcess.VAR_PROFILE_ASSESSMENT_DONE, true,
                ReceptionProcess.VAR_COURSE_OFFERED, ReceptionProcess.Course.PLAN_EINSTEIN.value(),
                ReceptionProcess.VAR_PRE_INTEGRATION_STARTED, true,
                ReceptionProcess.VAR_VOLUNTEER_ACTIVITY, "Taalcafé in het AZC",
                ReceptionProcess.VAR_GGD_SCREENING_DONE, true));
        householdEvent(ReceptionProcess.MESSAGE_PERMIT_GRANTED,
                values(ReceptionProcess.VAR_PERMIT_GRANTED_ON, day(today.minusDays(30))));
        householdEvent(HousingProcess.MESSAGE_STATUS_HOLDER_LINKED, values(
                HousingProcess.VAR_LINKED_ON, day(today.minusDays(20)),
                HousingProcess.VAR_FAMILY_MEMBERS_TO_FOLLOW, 0));
        householdEvent(HousingProcess.MESSAGE_HOUSING_OFFER_ACCEPTED, values(
                HousingProcess.VAR_MOVE_DATE, day(settled),
                HousingProcess.VAR_INTERIM_HOME, false,
                HousingProcess.VAR_DISTRICT, HousingProcess.District.ZUIDWEST.value()));
        return settled;
    }

    @Test
    void figuresOfAHouseholdDrivenThroughTheRealProcesses() {
        LocalDate today = LocalDate.now(BusinessDates.UTRECHT);
        LocalDate settled = houseTheFamily(today);
        // DUO: the main person's obligation started almost three years ago (term ends in a month), the
        // partner's a month ago; the main person passed two exam parts, the second at B1.
        LocalDate mainObligationStart = today.minusYears(3).plusMonths(1);
        personEvent(CivicIntegrationProcess.MESSAGE_OBLIGATION_STARTED, MAIN,
                values(CivicIntegrationProcess.VAR_OBLIGATION_START, day(mainObligationStart)));
        personEvent(CivicIntegrationProcess.MESSAGE_OBLIGATION_STARTED, PARTNER,
                values(CivicIntegrationProcess.VAR_OBLIGATION_START, day(today.minusMonths(1))));
        personEvent(CivicIntegrationProcess.MESSAGE_EXAM_PART_PASSED, MAIN, values(
                CivicIntegrationProcess.VAR_EXAM_PART, "reading", CivicIntegrationProcess.VAR_LANGUAGE_LEVEL, "A2"));
        personEvent(CivicIntegrationProcess.MESSAGE_EXAM_PART_PASSED, MAIN, values(
                CivicIntegrationProcess.VAR_EXAM_PART, "knm", CivicIntegrationProcess.VAR_LANGUAGE_LEVEL, "B1"));

        String half = settled.getMonthValue() <= 6 ? "H1" : "H2";
        DashboardProperties properties = new DashboardProperties(Duration.ofMinutes(1), 5, null, "P6W",
                List.of(new DashboardProperties.QuotaPeriod(settled.getYear() + "-" + half, 10, 0L)),
                List.of(new DashboardProperties.MoneyYear(settled.getYear(), new BigDecimal("2370"),
                        new BigDecimal("4430"), null, null)));
        JdbcTemplate jdbc = new JdbcTemplate(engine.getProcessEngineConfiguration().getDataSource());
        DashboardFigures figures = new DashboardService(jdbc, properties, new Deadlines(), java.time.Clock.systemDefaultZone()).current();

        // housed: 2 adults (one civic-integration each) and 2 minors (one school placement each)
        assertThat(figures.housingQuota()).extracting(QuotaPeriod::target, QuotaPeriod::housed, QuotaPeriod::backlog)
                .containsExactly(tuple(10L, 4L, 6L));
        assertThat(figures.money()).extracting(MoneyYear::housedAdults, MoneyYear::housedPersons, MoneyYear::expected)
                .containsExactly(tuple(2L, 4L, new BigDecimal("22460")));   // 2 × 2370 + 4 × 4430

        // phases: reception and housing done, settlement running
        assertThat(figures.casesPerPhase()).extracting(Count::value).containsExactly(0L, 0L, 1L, 0L, 0L);
        MonthFlow thisMonth = figures.phaseFlow().get(figures.phaseFlow().size() - 1);
        assertThat(thisMonth.month()).isEqualTo(YearMonth.now().toString());
        assertThat(thisMonth.entered()).extracting(Count::value).containsExactly(1L, 1L, 1L, 0L, 0L);

        // school: both children wait for their placement, due settled + 3 days = tomorrow 00:00, within
        // the default window of 1 day
        long placementsOpen = engine.getTaskService().createTaskQuery()
                .taskDefinitionKey(SchoolPlacementProcess.TASK_PLACE_CHILD).count();
        assertThat(placementsOpen).isEqualTo(2);
        assertThat(figures.deadlines()).extracting(DeadlineKind::key, DeadlineKind::open, DeadlineKind::dueSoon,
                        DeadlineKind::overdue)
                .containsExactly(
                        tuple("school-placement", 0L, 2L, 0L),
                        tuple("participation-declaration", 0L, 0L, 0L),
                        // main: ends in a month (within 6 months); partner: in 35 months
                        tuple("civic-integration-term", 1L, 1L, 0L),
                        tuple("neighbourhood-handover", 0L, 0L, 0L));
        assertThat(engine.getTaskService().createTaskQuery()
                .taskDefinitionKey(CivicIntegrationProcess.TASK_MONITOR_TRAJECTORY).list())
                .extracting(task -> task.getDueDate().toInstant())
                .as("the term the dashboard uses is the monitoring task's due date")
                .contains(new Deadlines().after(day(mainObligationStart), "civic-integration-term").toInstant());

        // civic integration: the last level per person, every exam part reported once
        assertThat(figures.civicIntegration().languageLevels()).extracting(Count::key, Count::value)
                .containsExactly(tuple("A1", 0L), tuple("A2", 0L), tuple("B1", 1L), tuple("B2", 0L));
        assertThat(figures.civicIntegration().examPartsPassed()).filteredOn(count -> count.value() > 0)
                .extracting(Count::key, Count::value).containsExactly(tuple("reading", 1L), tuple("knm", 1L));
        assertThat(engine.getHistoryService().createHistoricDetailQuery().variableUpdates().list())
                .filteredOn(detail -> detail instanceof org.camunda.bpm.engine.history.HistoricVariableUpdate update
                        && update.getVariableName().equals(CivicIntegrationProcess.VAR_EXAM_PART))
                .hasSize(2);
        assertThat(figures.civicIntegration().termsOpen()).isEqualTo(2);
        assertThat(figures.civicIntegration().termsEndingSoon()).isEqualTo(1);
        assertThat(figures.civicIntegration().examsPassed()).isZero();
        assertThat(figures.handover().handoversOpen()).isZero();
        assertThat(figures.handover().averageGuidanceDays()).isNull();
    }
}
