package nl.utrecht.integrationhub.civicintegration;

import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.BOUNDARY_EXAM_PASSED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.BOUNDARY_OBLIGATION_STARTED_DURING_CHECK;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.BOUNDARY_TERM_EXPIRED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.BOUNDARY_TERM_WARNING;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.DEADLINE_OBLIGATION_CHECK;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.END_EXAM_PART_RECORDED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.END_EXAM_PASSED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.END_EXAM_RECORDED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.END_LOAN_RECORDED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.END_NOT_OBLIGED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.END_TERM_EXPIRED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.END_TERM_WARNING_HANDLED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.EVENT_OBLIGATION_CHECK_DUE;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.EVENT_OBLIGATION_STARTED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.FORM_CHECK_OBLIGATION;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.FORM_MONITOR_TRAJECTORY;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.FORM_TERM_EXPIRED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.FORM_TERM_WARNING;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.GATEWAY_AWAIT_OBLIGATION;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.GATEWAY_EXAM_PASSED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.GATEWAY_OBLIGATION_CHECK_OUTCOME;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.GATEWAY_OBLIGATION_OR_CHECK;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.GATEWAY_OBLIGATION_STARTED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.GROUP_CIVIC_INTEGRATION;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.INPUT_VARIABLES;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.MESSAGE_EXAM_PART_PASSED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.MESSAGE_EXAM_PASSED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.MESSAGE_LOAN_GRANTED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.MESSAGE_OBLIGATION_STARTED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.PROCESS_KEY;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.START_CIVIC_INTEGRATION;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.START_EXAM_PART_PASSED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.START_LOAN_GRANTED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.SUBPROCESS_TRAJECTORY;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.TASK_CHECK_OBLIGATION;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.TASK_MONITOR_TRAJECTORY;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.TASK_TERM_EXPIRED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.TASK_TERM_WARNING;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_CASE_ID;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_CIVIC_INTEGRATION_ADVICE;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_CIVIC_INTEGRATION_OUTCOME;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_ENFORCEMENT_ASSESSMENT;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_ENFORCEMENT_REMARKS;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_EXAM_PART;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_EXAM_PARTS_PASSED;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_EXAM_PASSED_ON;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_LANGUAGE_LEVEL;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_LANGUAGE_SCHOOL;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_LOAN_AMOUNT;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_MONITORING_REMARKS;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_OBLIGATION_CHECKED_ON;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_OBLIGATION_CHECK_OUTCOME;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_OBLIGATION_CHECK_REMARKS;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_OBLIGATION_START;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_PERSON_REF;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_SETTLEMENT_DATE;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_TERM_WARNING_ACTION;
import static nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.VAR_TERM_WARNING_REMARKS;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.UTRECHT;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.assertDeployedForm;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.initAndDeploy;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.undeployAndReset;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.utrechtDay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.Advice;
import nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.EnforcementAssessment;
import nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.ObligationCheckOutcome;
import nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.Outcome;
import nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.TermWarningAction;
import nl.utrecht.integrationhub.route.Deadlines;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Civic integration (Wi2013) of one adult, deployed from processes/civic-integration/ as the hub deploys
 * it, started as the household route's call activity starts it (business key, caseId, personRef,
 * settlementDate) and correlated as the hub correlates person-scope events (business key and personRef).
 */
@ExtendWith(ProcessEngineExtension.class)
class CivicIntegrationProcessTest {

    private static final String CASE_ID = "HH-2026-000123";
    private static final String ADULT = "P-000041";
    private static final String PARTNER = "P-000042";
    private static final Date SETTLEMENT = utrechtDay(2026, 9, 14);
    /** Settlement + 3 months: no obligation reported by DUO by then, so the municipality checks. */
    private static final Date OBLIGATION_CHECK_DUE = utrechtDay(2026, 12, 14);
    /** When the caseworker completes the check (Tasklist, engine clock): the next check counts from here. */
    private static final Date CHECKED_AT = Date.from(LocalDateTime.of(2027, 1, 6, 10, 30).atZone(UTRECHT).toInstant());
    /** CHECKED_AT + 3 months. */
    private static final Date NEXT_OBLIGATION_CHECK_DUE =
            Date.from(LocalDateTime.of(2027, 4, 6, 10, 30).atZone(UTRECHT).toInstant());
    private static final Date OBLIGATION_START = utrechtDay(2026, 10, 1);
    /** Obligation start + 3 years (the legal term). */
    private static final Date TERM_END = utrechtDay(2029, 10, 1);
    /** Obligation start + 30 months (the warning, six months before the term ends). */
    private static final Date WARNING = utrechtDay(2029, 4, 1);

    ProcessEngine processEngine;

    private List<String> deploymentIds;

    @BeforeEach
    void deployFromProcessesFolder() {
        deploymentIds = initAndDeploy(processEngine, PROCESS_KEY);
    }

    @AfterEach
    void removeTheDeployment() {
        undeployAndReset(deploymentIds);
        ClockUtil.reset();
    }

    @Test
    void waitsForDuoToStartTheObligation() {
        ProcessInstance adult = started(ADULT);

        assertThat(adult).isStarted().hasBusinessKey(CASE_ID)
                .hasPassed(START_CIVIC_INTEGRATION, GATEWAY_AWAIT_OBLIGATION)
                .isWaitingAt(GATEWAY_OBLIGATION_OR_CHECK);
        assertThat(adult).variables()
                .containsEntry(VAR_CASE_ID, CASE_ID)
                .containsEntry(VAR_PERSON_REF, ADULT)
                .containsEntry(VAR_SETTLEMENT_DATE, SETTLEMENT)
                .containsEntry(VAR_EXAM_PARTS_PASSED, 0L);
        assertThat(taskQuery().processInstanceId(adult.getId()).count()).isZero();
        // DUO's report or the check, whichever comes first: the check 3 months after settlement
        assertThat(runtimeService().createEventSubscriptionQuery().processInstanceId(adult.getId())
                .activityId(EVENT_OBLIGATION_STARTED).eventName(MESSAGE_OBLIGATION_STARTED).count()).isOne();
        assertThat(job(EVENT_OBLIGATION_CHECK_DUE, adult).getDuedate()).isEqualTo(OBLIGATION_CHECK_DUE)
                .isEqualTo(new Deadlines().after(SETTLEMENT, DEADLINE_OBLIGATION_CHECK));
    }

    @Test
    void obligationStartedOpensMonitoringTaskDueAtTheEndOfTheThreeYearTerm() {
        ProcessInstance adult = started(ADULT);

        obligationStarted(ADULT, OBLIGATION_START);

        assertThat(adult).hasPassed(EVENT_OBLIGATION_STARTED, GATEWAY_OBLIGATION_STARTED)
                .hasNotPassed(EVENT_OBLIGATION_CHECK_DUE, TASK_CHECK_OBLIGATION)
                .isWaitingAt(TASK_MONITOR_TRAJECTORY);
        assertThat(adult).variables().containsEntry(VAR_OBLIGATION_START, OBLIGATION_START);
        // the check timer went with the event-based gateway
        assertThat(jobQuery().processInstanceId(adult.getId()).activityId(EVENT_OBLIGATION_CHECK_DUE).count()).isZero();
        Task monitoring = task(TASK_MONITOR_TRAJECTORY, adult);
        assertThat(monitoring).hasCandidateGroup(GROUP_CIVIC_INTEGRATION)
                .hasName("Inburgering: regie voeren en voortgang volgen");
        assertThat(monitoring.getDueDate()).isEqualTo(TERM_END);
        assertThat(job(BOUNDARY_TERM_WARNING, adult).getDuedate()).isEqualTo(WARNING);
        assertThat(job(BOUNDARY_TERM_EXPIRED, adult).getDuedate()).isEqualTo(TERM_END);
    }

    // ---------------------------------------------------------------- no obligation reported by DUO

    @Test
    void checkTimerOpensTheObligationCheckWhenDuoReportsNothing() {
        ProcessInstance adult = started(ADULT);

        execute(job(EVENT_OBLIGATION_CHECK_DUE, adult));

        assertThat(adult).isNotEnded().hasPassed(EVENT_OBLIGATION_CHECK_DUE).hasNotPassed(EVENT_OBLIGATION_STARTED)
                .isWaitingAt(TASK_CHECK_OBLIGATION);
        assertThat(task(TASK_CHECK_OBLIGATION, adult)).hasCandidateGroup(GROUP_CIVIC_INTEGRATION)
                .hasName("Inburgeringsplicht nagaan (geen melding van DUO)");
        // DUO's progress is not accepted before the obligation started
        assertThatThrownBy(() -> correlate(MESSAGE_LOAN_GRANTED, ADULT).setVariable(VAR_LOAN_AMOUNT, 8000).correlate())
                .isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    @Test
    void exemptAdultEndsWithNotObliged() {
        ProcessInstance adult = started(ADULT);
        execute(job(EVENT_OBLIGATION_CHECK_DUE, adult));

        // Tasklist submits Camunda Forms through the form service
        formService().submitTaskForm(task(TASK_CHECK_OBLIGATION, adult).getId(),
                checkForm(ObligationCheckOutcome.EXEMPT, "Al ingeburgerd (diploma)"));

        assertThat(adult).isEnded()
                .hasPassed(TASK_CHECK_OBLIGATION, GATEWAY_OBLIGATION_CHECK_OUTCOME, END_NOT_OBLIGED)
                .hasNotPassed(EVENT_OBLIGATION_STARTED, SUBPROCESS_TRAJECTORY, END_EXAM_PASSED, END_TERM_EXPIRED);
        assertThat(endVariable(adult, VAR_CIVIC_INTEGRATION_OUTCOME)).isEqualTo(Outcome.NOT_OBLIGED.value());
        assertThat(endVariable(adult, VAR_OBLIGATION_CHECK_OUTCOME)).isEqualTo(ObligationCheckOutcome.EXEMPT.value());
        assertThat(endVariable(adult, VAR_OBLIGATION_CHECK_REMARKS)).isEqualTo("Al ingeburgerd (diploma)");
        assertThat(jobQuery().processInstanceId(adult.getId()).count()).isZero();
        assertThatThrownBy(() -> obligationStarted(ADULT, OBLIGATION_START))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    @Test
    void obligedAdultWaitsAgainAndStillAcceptsTheObligationMessage() {
        ProcessInstance adult = started(ADULT);
        execute(job(EVENT_OBLIGATION_CHECK_DUE, adult));
        ClockUtil.setCurrentTime(CHECKED_AT);

        complete(task(TASK_CHECK_OBLIGATION, adult), checkForm(ObligationCheckOutcome.OBLIGED_WAITING, null));

        assertThat(adult).isNotEnded().hasPassed(GATEWAY_OBLIGATION_CHECK_OUTCOME).hasNotPassed(END_NOT_OBLIGED)
                .isWaitingAt(GATEWAY_OBLIGATION_OR_CHECK);
        assertThat(adult).variables()
                .containsEntry(VAR_OBLIGATION_CHECK_OUTCOME, ObligationCheckOutcome.OBLIGED_WAITING.value())
                .containsEntry(VAR_OBLIGATION_CHECKED_ON, CHECKED_AT)
                .doesNotContainKey(VAR_CIVIC_INTEGRATION_OUTCOME);
        assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(adult.getId())
                .activityId(GATEWAY_AWAIT_OBLIGATION).count()).isEqualTo(2);
        // the next check runs from the check just done, not from the settlement
        assertThat(job(EVENT_OBLIGATION_CHECK_DUE, adult).getDuedate()).isEqualTo(NEXT_OBLIGATION_CHECK_DUE)
                .isEqualTo(new Deadlines().after(CHECKED_AT, DEADLINE_OBLIGATION_CHECK));

        obligationStarted(ADULT, OBLIGATION_START);

        assertThat(adult).hasPassed(EVENT_OBLIGATION_STARTED, GATEWAY_OBLIGATION_STARTED)
                .isWaitingAt(TASK_MONITOR_TRAJECTORY);
        assertThat(task(TASK_MONITOR_TRAJECTORY, adult).getDueDate()).isEqualTo(TERM_END);
        assertThat(jobQuery().processInstanceId(adult.getId()).activityId(EVENT_OBLIGATION_CHECK_DUE).count()).isZero();
        assertThat(taskQuery().processInstanceId(adult.getId()).count()).isOne();
    }

    @Test
    void obligedAdultIsCheckedAgainWhenDuoStillReportsNothing() {
        ProcessInstance adult = started(ADULT);
        execute(job(EVENT_OBLIGATION_CHECK_DUE, adult));
        ClockUtil.setCurrentTime(CHECKED_AT);
        complete(task(TASK_CHECK_OBLIGATION, adult), checkForm(ObligationCheckOutcome.OBLIGED_WAITING, null));

        execute(job(EVENT_OBLIGATION_CHECK_DUE, adult));
        assertThat(adult).isWaitingAt(TASK_CHECK_OBLIGATION);
        complete(task(TASK_CHECK_OBLIGATION, adult),
                checkForm(ObligationCheckOutcome.EXEMPT, "Ontheffing door DUO verleend"));

        assertThat(adult).isEnded().hasPassed(END_NOT_OBLIGED);
        assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(adult.getId())
                .activityId(TASK_CHECK_OBLIGATION).count()).isEqualTo(2);
        assertThat(endVariable(adult, VAR_CIVIC_INTEGRATION_OUTCOME)).isEqualTo(Outcome.NOT_OBLIGED.value());
    }

    @Test
    void obligationReportedWhileTheCheckIsOpenClosesTheCheckAndStartsTheTrajectory() {
        ProcessInstance adult = started(ADULT);
        execute(job(EVENT_OBLIGATION_CHECK_DUE, adult));

        obligationStarted(ADULT, OBLIGATION_START);

        assertThat(adult).isNotEnded()
                .hasPassed(BOUNDARY_OBLIGATION_STARTED_DURING_CHECK, GATEWAY_OBLIGATION_STARTED)
                .hasNotPassed(EVENT_OBLIGATION_STARTED, GATEWAY_OBLIGATION_CHECK_OUTCOME, END_NOT_OBLIGED)
                .isWaitingAt(TASK_MONITOR_TRAJECTORY).isNotWaitingAt(TASK_CHECK_OBLIGATION);
        assertThat(adult).variables().containsEntry(VAR_OBLIGATION_START, OBLIGATION_START);
        assertThat(task(TASK_MONITOR_TRAJECTORY, adult).getDueDate()).isEqualTo(TERM_END);
        assertThat(taskQuery().processInstanceId(adult.getId()).count()).isOne();
        assertThat(job(BOUNDARY_TERM_EXPIRED, adult).getDuedate()).isEqualTo(TERM_END);
    }

    // ---------------------------------------------------------------- the trajectory

    @Test
    void examPassedReportedByDuoEndsWithExamPassed() {
        ProcessInstance adult = monitoring(ADULT);
        Date passedOn = utrechtDay(2028, 6, 20);

        correlate(MESSAGE_EXAM_PASSED, ADULT).setVariable(VAR_EXAM_PASSED_ON, passedOn).correlate();

        assertThat(adult).isEnded()
                .hasPassed(BOUNDARY_EXAM_PASSED, GATEWAY_EXAM_PASSED, END_EXAM_PASSED)
                .hasNotPassed(END_EXAM_RECORDED, TASK_TERM_EXPIRED, END_TERM_EXPIRED);
        assertThat(taskQuery().processInstanceId(adult.getId()).count()).isZero();
        assertThat(endVariable(adult, VAR_CIVIC_INTEGRATION_OUTCOME)).isEqualTo(Outcome.EXAM_PASSED.value());
        assertThat(endVariable(adult, VAR_EXAM_PASSED_ON)).isEqualTo(passedOn);
        assertThat(jobQuery().processInstanceId(adult.getId()).count()).isZero();
    }

    @Test
    void examRecordedInTasklistEndsWithExamPassedAndKeepsTheAdvice() {
        ProcessInstance adult = monitoring(ADULT);

        // Tasklist submits Camunda Forms through the form service; dates arrive as ISO strings
        formService().submitTaskForm(task(TASK_MONITOR_TRAJECTORY, adult).getId(), monitoringForm("2028-06-20"));

        assertThat(adult).isEnded()
                .hasPassed(TASK_MONITOR_TRAJECTORY, END_EXAM_RECORDED, SUBPROCESS_TRAJECTORY, GATEWAY_EXAM_PASSED,
                        END_EXAM_PASSED)
                .hasNotPassed(BOUNDARY_EXAM_PASSED, END_TERM_EXPIRED);
        assertThat(endVariable(adult, VAR_CIVIC_INTEGRATION_OUTCOME)).isEqualTo(Outcome.EXAM_PASSED.value());
        assertThat(endVariable(adult, VAR_EXAM_PASSED_ON)).isEqualTo(utrechtDay(2028, 6, 20));
        assertThat(endVariable(adult, VAR_CIVIC_INTEGRATION_ADVICE)).isEqualTo(Advice.INTEGRATION_EXAM.value());
        assertThat(endVariable(adult, VAR_LANGUAGE_SCHOOL)).isEqualTo("Taalschool Utrecht-Oost");
        assertThat(endVariable(adult, VAR_MONITORING_REMARKS)).isEqualTo("Volgt avondlessen");
    }

    @Test
    void warningTimerOpensWarningTaskWhileMonitoringContinues() {
        ProcessInstance adult = monitoring(ADULT);

        execute(job(BOUNDARY_TERM_WARNING, adult));

        assertThat(adult).isNotEnded().hasPassed(BOUNDARY_TERM_WARNING)
                .isWaitingAt(TASK_MONITOR_TRAJECTORY, TASK_TERM_WARNING);
        Task warning = task(TASK_TERM_WARNING, adult);
        assertThat(warning).hasCandidateGroup(GROUP_CIVIC_INTEGRATION)
                .hasName("Inburgeringstermijn loopt af: handhaven of extra ondersteuning");
        assertThat(warning.getDueDate()).isEqualTo(TERM_END);
        assertThat(task(TASK_MONITOR_TRAJECTORY, adult).getDueDate()).isEqualTo(TERM_END);
        assertThat(job(BOUNDARY_TERM_EXPIRED, adult).getDuedate()).isEqualTo(TERM_END);

        complete(warning, withVariables(
                VAR_TERM_WARNING_ACTION, TermWarningAction.EXTRA_SUPPORT.value(),
                VAR_TERM_WARNING_REMARKS, "Extra lessen spreken aangeboden"));

        assertThat(adult).isNotEnded().hasPassed(TASK_TERM_WARNING, END_TERM_WARNING_HANDLED)
                .isWaitingAt(TASK_MONITOR_TRAJECTORY).isNotWaitingAt(TASK_TERM_WARNING);
        assertThat(adult).variables()
                .containsEntry(VAR_TERM_WARNING_ACTION, TermWarningAction.EXTRA_SUPPORT.value())
                .containsEntry(VAR_TERM_WARNING_REMARKS, "Extra lessen spreken aangeboden");

        // DUO's progress still counts, and the exam still ends the trajectory
        examPartPassed(ADULT, "speaking", "A2");
        assertThat(adult).variables().containsEntry(VAR_EXAM_PARTS_PASSED, 1L);
        correlate(MESSAGE_EXAM_PASSED, ADULT).setVariable(VAR_EXAM_PASSED_ON, utrechtDay(2029, 7, 1)).correlate();
        assertThat(adult).isEnded().hasPassed(END_EXAM_PASSED);
    }

    @Test
    void examReportedByDuoWhileTheWarningIsOpenClosesBothTasks() {
        ProcessInstance adult = monitoring(ADULT);
        execute(job(BOUNDARY_TERM_WARNING, adult));

        correlate(MESSAGE_EXAM_PASSED, ADULT).setVariable(VAR_EXAM_PASSED_ON, utrechtDay(2029, 5, 2)).correlate();

        assertThat(adult).isEnded().hasPassed(BOUNDARY_EXAM_PASSED, END_EXAM_PASSED)
                .hasNotPassed(END_TERM_WARNING_HANDLED);
        assertThat(taskQuery().processInstanceId(adult.getId()).count()).isZero();
        assertThat(endVariable(adult, VAR_CIVIC_INTEGRATION_OUTCOME)).isEqualTo(Outcome.EXAM_PASSED.value());
    }

    @Test
    void examRecordedInTasklistWhileTheWarningIsOpenEndsTheTrajectory() {
        ProcessInstance adult = monitoring(ADULT);
        execute(job(BOUNDARY_TERM_WARNING, adult));

        complete(task(TASK_MONITOR_TRAJECTORY, adult), monitoringForm("2029-05-02"));

        assertThat(adult).isEnded().hasPassed(END_EXAM_RECORDED, END_EXAM_PASSED)
                .hasNotPassed(END_TERM_WARNING_HANDLED);
        assertThat(taskQuery().processInstanceId(adult.getId()).count()).isZero();
        assertThat(endVariable(adult, VAR_CIVIC_INTEGRATION_OUTCOME)).isEqualTo(Outcome.EXAM_PASSED.value());
    }

    @Test
    void termTimerEndsTheTrajectoryAndLeadsToEnforcementAndTermExpired() {
        ProcessInstance adult = monitoring(ADULT);
        execute(job(BOUNDARY_TERM_WARNING, adult));

        execute(job(BOUNDARY_TERM_EXPIRED, adult));

        assertThat(adult).isNotEnded().hasPassed(BOUNDARY_TERM_EXPIRED).isWaitingAt(TASK_TERM_EXPIRED)
                .isNotWaitingAt(TASK_MONITOR_TRAJECTORY, TASK_TERM_WARNING);
        assertThat(task(TASK_TERM_EXPIRED, adult)).hasCandidateGroup(GROUP_CIVIC_INTEGRATION)
                .hasName("Inburgeringstermijn verstreken: handhaving en boete/lening beoordelen");
        // the trajectory's events are no longer accepted (the hub records or parks them)
        assertThatThrownBy(() -> correlate(MESSAGE_LOAN_GRANTED, ADULT).setVariable(VAR_LOAN_AMOUNT, 5000).correlate())
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThatThrownBy(() -> correlate(MESSAGE_EXAM_PASSED, ADULT)
                .setVariable(VAR_EXAM_PASSED_ON, utrechtDay(2029, 10, 3)).correlate())
                .isInstanceOf(MismatchingMessageCorrelationException.class);

        complete(task(TASK_TERM_EXPIRED, adult), withVariables(
                VAR_ENFORCEMENT_ASSESSMENT, EnforcementAssessment.FINE_AND_REPAYMENT.value(),
                VAR_ENFORCEMENT_REMARKS, "Geen examen afgelegd"));

        assertThat(adult).isEnded().hasPassed(TASK_TERM_EXPIRED, END_TERM_EXPIRED).hasNotPassed(END_EXAM_PASSED);
        assertThat(endVariable(adult, VAR_CIVIC_INTEGRATION_OUTCOME)).isEqualTo(Outcome.TERM_EXPIRED.value());
        assertThat(endVariable(adult, VAR_ENFORCEMENT_ASSESSMENT))
                .isEqualTo(EnforcementAssessment.FINE_AND_REPAYMENT.value());
    }

    @Test
    void termTimerWithoutWarningTaskOpenAlsoExpires() {
        ProcessInstance adult = monitoring(ADULT);

        execute(job(BOUNDARY_TERM_EXPIRED, adult));
        complete(task(TASK_TERM_EXPIRED, adult), withVariables(
                VAR_ENFORCEMENT_ASSESSMENT, EnforcementAssessment.EXTENSION_REQUESTED.value()));

        assertThat(adult).isEnded().hasPassed(END_TERM_EXPIRED).hasNotPassed(BOUNDARY_TERM_WARNING);
        assertThat(endVariable(adult, VAR_CIVIC_INTEGRATION_OUTCOME)).isEqualTo(Outcome.TERM_EXPIRED.value());
    }

    @Test
    void loanAndExamPartsAreRecordedWhileTheMonitoringWaits() {
        ProcessInstance adult = monitoring(ADULT);

        correlate(MESSAGE_LOAN_GRANTED, ADULT).setVariable(VAR_LOAN_AMOUNT, 10_000).correlate();

        assertThat(adult).hasPassed(START_LOAN_GRANTED, END_LOAN_RECORDED).isWaitingAt(TASK_MONITOR_TRAJECTORY);
        assertThat(adult).variables().containsEntry(VAR_LOAN_AMOUNT, 10_000);

        examPartPassed(ADULT, "reading", "A2");
        assertThat(adult).variables().containsEntry(VAR_EXAM_PARTS_PASSED, 1L);
        examPartPassed(ADULT, "listening", "B1");

        assertThat(adult).hasPassed(START_EXAM_PART_PASSED, END_EXAM_PART_RECORDED)
                .isWaitingAt(TASK_MONITOR_TRAJECTORY);
        assertThat(adult).variables()
                .containsEntry(VAR_EXAM_PARTS_PASSED, 2L)
                .containsEntry(VAR_EXAM_PART, "listening")
                .containsEntry(VAR_LANGUAGE_LEVEL, "B1");
        assertThat(taskQuery().processInstanceId(adult.getId()).count()).isOne();
        assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(adult.getId())
                .activityId(END_EXAM_PART_RECORDED).count()).isEqualTo(2);
    }

    @Test
    void progressEventsAreNotAcceptedBeforeTheObligationStarted() {
        started(ADULT);

        assertThatThrownBy(() -> correlate(MESSAGE_LOAN_GRANTED, ADULT).setVariable(VAR_LOAN_AMOUNT, 8000).correlate())
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThatThrownBy(() -> examPartPassed(ADULT, "reading", "A1"))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThatThrownBy(() -> correlate(MESSAGE_EXAM_PASSED, ADULT)
                .setVariable(VAR_EXAM_PASSED_ON, utrechtDay(2026, 9, 30)).correlate())
                .isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    @Test
    void messagesAboutOneAdultReachOnlyThatAdultsInstance() {
        ProcessInstance adult = started(ADULT);
        ProcessInstance partner = started(PARTNER);
        Date partnerObligationStart = utrechtDay(2026, 11, 2);

        obligationStarted(ADULT, OBLIGATION_START);
        assertThat(adult).isWaitingAt(TASK_MONITOR_TRAJECTORY);
        assertThat(partner).isWaitingAt(GATEWAY_OBLIGATION_OR_CHECK);

        obligationStarted(PARTNER, partnerObligationStart);
        assertThat(task(TASK_MONITOR_TRAJECTORY, partner).getDueDate()).isEqualTo(utrechtDay(2029, 11, 2));
        assertThat(task(TASK_MONITOR_TRAJECTORY, adult).getDueDate()).isEqualTo(TERM_END);

        correlate(MESSAGE_LOAN_GRANTED, PARTNER).setVariable(VAR_LOAN_AMOUNT, 6500).correlate();
        examPartPassed(ADULT, "knm", "A2");
        examPartPassed(ADULT, "writing", "A2");
        correlate(MESSAGE_EXAM_PASSED, ADULT).setVariable(VAR_EXAM_PASSED_ON, utrechtDay(2028, 3, 1)).correlate();

        assertThat(adult).isEnded().hasPassed(END_EXAM_PASSED);
        assertThat(endVariable(adult, VAR_EXAM_PARTS_PASSED)).isEqualTo(2L);
        assertThat(endVariable(adult, VAR_LOAN_AMOUNT)).isNull();
        assertThat(partner).isNotEnded().isWaitingAt(TASK_MONITOR_TRAJECTORY);
        assertThat(partner).variables()
                .containsEntry(VAR_OBLIGATION_START, partnerObligationStart)
                .containsEntry(VAR_LOAN_AMOUNT, 6500)
                .containsEntry(VAR_EXAM_PARTS_PASSED, 0L)
                .doesNotContainKeys(VAR_EXAM_PASSED_ON, VAR_CIVIC_INTEGRATION_OUTCOME);
    }

    @Test
    void tasksOpenTheirCamundaFormsFromTheSameDeployment() throws IOException {
        ProcessInstance notReported = started(PARTNER);
        execute(job(EVENT_OBLIGATION_CHECK_DUE, notReported));
        assertDeployedForm(notReported, TASK_CHECK_OBLIGATION, FORM_CHECK_OBLIGATION);

        ProcessInstance adult = monitoring(ADULT);
        execute(job(BOUNDARY_TERM_WARNING, adult));

        assertDeployedForm(adult, TASK_MONITOR_TRAJECTORY, FORM_MONITOR_TRAJECTORY);
        assertDeployedForm(adult, TASK_TERM_WARNING, FORM_TERM_WARNING);

        execute(job(BOUNDARY_TERM_EXPIRED, adult));
        assertDeployedForm(adult, TASK_TERM_EXPIRED, FORM_TERM_EXPIRED);
    }

    @Test
    void interfaceIsTheOneAVariantMustKeep() {
        assertThat(INPUT_VARIABLES).containsExactly(VAR_CASE_ID, VAR_PERSON_REF, VAR_SETTLEMENT_DATE);
        assertThat(CivicIntegrationProcess.OUTPUT_VARIABLES).containsExactly(VAR_CIVIC_INTEGRATION_OUTCOME);
        assertThat(Outcome.values()).extracting(Outcome::value).containsExactly("exam-passed", "term-expired", "not-obliged");
    }

    /** Starts the process as the household route's call activity does: business key and the inputs only. */
    private static ProcessInstance started(String personRef) {
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, CASE_ID, Variables.createVariables()
                .putValue(VAR_CASE_ID, CASE_ID)
                .putValue(VAR_PERSON_REF, personRef)
                .putValue(VAR_SETTLEMENT_DATE, SETTLEMENT));
    }

    private static ProcessInstance monitoring(String personRef) {
        ProcessInstance instance = started(personRef);
        obligationStarted(personRef, OBLIGATION_START);
        assertThat(instance).isWaitingAt(TASK_MONITOR_TRAJECTORY);
        return instance;
    }

    /** A person-scope event as the hub correlates it: business key and personRef. */
    private static MessageCorrelationBuilder correlate(String type, String personRef) {
        return runtimeService().createMessageCorrelation(type)
                .processInstanceBusinessKey(CASE_ID)
                .processInstanceVariableEquals(VAR_PERSON_REF, personRef);
    }

    private static void obligationStarted(String personRef, Date obligationStart) {
        correlate(MESSAGE_OBLIGATION_STARTED, personRef).setVariable(VAR_OBLIGATION_START, obligationStart).correlate();
    }

    private static void examPartPassed(String personRef, String examPart, String languageLevel) {
        correlate(MESSAGE_EXAM_PART_PASSED, personRef)
                .setVariable(VAR_EXAM_PART, examPart)
                .setVariable(VAR_LANGUAGE_LEVEL, languageLevel)
                .correlate();
    }

    /** What the check form submits; remarks are optional. */
    private static Map<String, Object> checkForm(ObligationCheckOutcome outcome, String remarks) {
        Map<String, Object> form = withVariables(VAR_OBLIGATION_CHECK_OUTCOME, outcome.value());
        if (remarks != null) {
            form.put(VAR_OBLIGATION_CHECK_REMARKS, remarks);
        }
        return form;
    }

    /** What the monitoring form submits when the caseworker records the exam. */
    private static Map<String, Object> monitoringForm(String examPassedOn) {
        return withVariables(
                VAR_CIVIC_INTEGRATION_ADVICE, Advice.INTEGRATION_EXAM.value(),
                VAR_LANGUAGE_SCHOOL, "Taalschool Utrecht-Oost",
                VAR_EXAM_PASSED_ON, examPassedOn,
                VAR_MONITORING_REMARKS, "Volgt avondlessen");
    }

    /** The last value of a variable of an instance (ended instances keep it in history only). */
    private static Object endVariable(ProcessInstance instance, String name) {
        var variable = historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }
}
