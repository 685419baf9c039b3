package nl.utrecht.integrationhub.guidance;

import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.BOUNDARY_DECLARATION_OVERDUE;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.BOUNDARY_DECLARATION_SIGNED_REPORTED;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.END_DECLARATION_SIGNED;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.END_ENFORCEMENT_HANDLED;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.FORM_ENFORCE_DECLARATION;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.FORM_HAVE_DECLARATION_SIGNED;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.FORM_PLAN_WORKSHOP_SERIES;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.GROUP_CIVIC_INTEGRATION;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.GROUP_VLUCHTELINGENWERK_UTRECHT;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.MESSAGE_DECLARATION_SIGNED;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.PROCESS_KEY;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.START_DECLARATION_TRACK_STARTED;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.TASK_ENFORCE_DECLARATION;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.TASK_HAVE_DECLARATION_SIGNED;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.TASK_PLAN_WORKSHOP_SERIES;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.TIMER_WORKSHOPS_DUE;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.VAR_CASE_ID;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.VAR_DECLARATION_REMARKS;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.VAR_DECLARATION_SIGNED_DATE;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.VAR_DECLARATION_SIGNED_ON;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.VAR_ENFORCEMENT_MEASURE;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.VAR_ENFORCEMENT_REMARKS;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.VAR_FIRST_WORKSHOP_DATE;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.VAR_INTERPRETER_NEEDED;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.VAR_PERSON_REF;
import static nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.VAR_SETTLEMENT_DATE;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.assertDeployedForm;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.initAndDeploy;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.undeployAndReset;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.utrechtDay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Map;

import nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess.EnforcementMeasure;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The participation declaration of one adult, deployed from processes/participation-declaration/
 * exactly as the hub deploys it, started as the guidance call activity starts it (business key = case
 * id; caseId, personRef, settlementDate) and correlated as the hub correlates a person's event.
 */
@ExtendWith(ProcessEngineExtension.class)
class ParticipationDeclarationProcessTest {

    private static final String CASE_ID = "HH-2026-000123";
    private static final String ADULT = "P-000041";
    private static final String OTHER_ADULT = "P-000042";
    private static final Date SETTLEMENT = utrechtDay(2026, 6, 1);
    private static final Date WORKSHOPS_DUE = utrechtDay(2027, 3, 1);
    private static final Date DECLARATION_DUE = utrechtDay(2027, 6, 1);

    ProcessEngine processEngine;

    private List<String> deploymentIds;

    @BeforeEach
    void deployFromProcessesFolder() {
        deploymentIds = initAndDeploy(processEngine, PROCESS_KEY);
        ClockUtil.setCurrentTime(utrechtDay(2026, 6, 10));
    }

    @AfterEach
    void removeTheDeployment() {
        undeployAndReset(deploymentIds);
        ClockUtil.reset();
    }

    @Test
    void waitsUntilNineMonthsAfterSettlementBeforeTheWorkshopSeries() {
        ProcessInstance track = declarationTrackStarted(ADULT);

        assertThat(track).isStarted().hasBusinessKey(CASE_ID).hasPassed(START_DECLARATION_TRACK_STARTED)
                .isWaitingAt(TIMER_WORKSHOPS_DUE);
        assertThat(timer(track, TIMER_WORKSHOPS_DUE).getDuedate()).isEqualTo(WORKSHOPS_DUE);
        assertThat(taskQuery().processInstanceId(track.getId()).count()).isZero();

        execute(timer(track, TIMER_WORKSHOPS_DUE));

        assertThat(track).isWaitingAt(TASK_PLAN_WORKSHOP_SERIES);
        assertThat(task(TASK_PLAN_WORKSHOP_SERIES, track)).hasCandidateGroup(GROUP_VLUCHTELINGENWERK_UTRECHT)
                .hasName("Participatieverklaring: workshopreeks inplannen (zes delen)");
    }

    @Test
    void workshopTimerIsDueAtOnceWhenNineMonthsHaveAlreadyPassed() {
        ClockUtil.setCurrentTime(utrechtDay(2027, 4, 20));

        ProcessInstance track = declarationTrackStarted(ADULT);

        Job workshops = timer(track, TIMER_WORKSHOPS_DUE);
        assertThat(workshops.getDuedate()).isEqualTo(WORKSHOPS_DUE).isBefore(ClockUtil.getCurrentTime());
        assertThat(jobQuery().processInstanceId(track.getId()).executable().count()).isOne();
    }

    @Test
    void signingTaskIsDueOneYearAfterSettlementAndKeepsTheWorkshopPlanning() {
        ProcessInstance track = declarationTrackStarted(ADULT);
        execute(timer(track, TIMER_WORKSHOPS_DUE));

        complete(task(TASK_PLAN_WORKSHOP_SERIES, track), withVariables(
                VAR_FIRST_WORKSHOP_DATE, "2027-03-08",
                VAR_INTERPRETER_NEEDED, true));

        assertThat(track).isWaitingAt(TASK_HAVE_DECLARATION_SIGNED);
        Task signing = task(TASK_HAVE_DECLARATION_SIGNED, track);
        assertThat(signing).hasCandidateGroup(GROUP_VLUCHTELINGENWERK_UTRECHT)
                .hasName("Participatieverklaring laten ondertekenen");
        assertThat(signing.getDueDate()).isEqualTo(DECLARATION_DUE);
        assertThat(timer(track, BOUNDARY_DECLARATION_OVERDUE).getDuedate()).isEqualTo(DECLARATION_DUE);
        assertThat(track).variables()
                .containsEntry(VAR_FIRST_WORKSHOP_DATE, "2027-03-08")
                .containsEntry(VAR_INTERPRETER_NEEDED, true);
    }

    @Test
    void declarationSignedInTasklistRecordsTheSigningDateAndEndsTheTrack() {
        ProcessInstance track = waitingForSignature(ADULT);

        complete(task(TASK_HAVE_DECLARATION_SIGNED, track), withVariables(
                VAR_DECLARATION_SIGNED_DATE, "2027-04-12",
                VAR_DECLARATION_REMARKS, "Na de vierde workshop ondertekend"));

        assertThat(track).isEnded().hasPassed(TASK_HAVE_DECLARATION_SIGNED, END_DECLARATION_SIGNED)
                .hasNotPassed(BOUNDARY_DECLARATION_SIGNED_REPORTED, BOUNDARY_DECLARATION_OVERDUE,
                        TASK_ENFORCE_DECLARATION);
        assertThat(BpmnAwareTests.historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(track.getId()).variableName(VAR_DECLARATION_SIGNED_ON).singleResult().getValue())
                .isEqualTo(utrechtDay(2027, 4, 12));
        assertThat(jobQuery().processInstanceId(track.getId()).count()).isZero();
    }

    @Test
    void declarationSignedReportedByVluchtelingenwerkClosesTheSigningTaskAndEndsTheTrack() {
        ProcessInstance track = waitingForSignature(ADULT);

        signedReported(ADULT, utrechtDay(2027, 5, 3));

        assertThat(track).isEnded().hasPassed(BOUNDARY_DECLARATION_SIGNED_REPORTED, END_DECLARATION_SIGNED)
                .hasNotPassed(TASK_ENFORCE_DECLARATION);
        assertThat(taskQuery().processInstanceId(track.getId()).count()).isZero();
        assertThat(BpmnAwareTests.historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(track.getId()).variableName(VAR_DECLARATION_SIGNED_ON).singleResult().getValue())
                .isEqualTo(utrechtDay(2027, 5, 3));
    }

    @Test
    void signingReportedForOneAdultLeavesTheOtherAdultsTrackWaiting() {
        ProcessInstance track = waitingForSignature(ADULT);
        ProcessInstance otherTrack = waitingForSignature(OTHER_ADULT);

        signedReported(OTHER_ADULT, utrechtDay(2027, 5, 3));

        assertThat(otherTrack).isEnded().hasPassed(BOUNDARY_DECLARATION_SIGNED_REPORTED);
        assertThat(track).isNotEnded().isWaitingAt(TASK_HAVE_DECLARATION_SIGNED);
        assertThat(runtimeService().getVariables(track.getId())).doesNotContainKey(VAR_DECLARATION_SIGNED_ON);
    }

    @Test
    void signingReportedBeforeTheSigningStepFindsNoWaitingTrack() {
        ProcessInstance track = declarationTrackStarted(ADULT);

        // the hub parks such an event and applies it when the track reaches the signing task
        assertThatThrownBy(() -> signedReported(ADULT, utrechtDay(2026, 12, 1)))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(track).isWaitingAt(TIMER_WORKSHOPS_DUE);
    }

    @Test
    void unsignedAfterOneYearEscalatesToCivicIntegrationAndKeepsTheSigningTaskOpen() {
        ProcessInstance track = waitingForSignature(ADULT);

        execute(timer(track, BOUNDARY_DECLARATION_OVERDUE));

        assertThat(track).hasPassed(BOUNDARY_DECLARATION_OVERDUE)
                .isWaitingAt(TASK_HAVE_DECLARATION_SIGNED, TASK_ENFORCE_DECLARATION);
        assertThat(task(TASK_ENFORCE_DECLARATION, track)).hasCandidateGroup(GROUP_CIVIC_INTEGRATION)
                .hasName("Participatieverklaring niet tijdig ondertekend: handhaven");

        complete(task(TASK_ENFORCE_DECLARATION, track), withVariables(
                VAR_ENFORCEMENT_MEASURE, EnforcementMeasure.REMINDER.value(),
                VAR_ENFORCEMENT_REMARKS, "Nieuwe afspraak gemaakt"));

        assertThat(track).isNotEnded().hasPassed(END_ENFORCEMENT_HANDLED).isWaitingAt(TASK_HAVE_DECLARATION_SIGNED);

        signedReported(ADULT, utrechtDay(2027, 7, 2));

        assertThat(track).isEnded().hasPassed(BOUNDARY_DECLARATION_SIGNED_REPORTED, END_DECLARATION_SIGNED);
    }

    @Test
    void lateSignatureEndsTheSigningPathButLeavesEnforcementToCivicIntegration() {
        ProcessInstance track = waitingForSignature(ADULT);
        execute(timer(track, BOUNDARY_DECLARATION_OVERDUE));

        complete(task(TASK_HAVE_DECLARATION_SIGNED, track), withVariables(VAR_DECLARATION_SIGNED_DATE, "2027-06-20"));

        assertThat(track).isNotEnded().hasPassed(END_DECLARATION_SIGNED).isWaitingAt(TASK_ENFORCE_DECLARATION);
        assertThat(runtimeService().getVariable(track.getId(), VAR_DECLARATION_SIGNED_ON)).isEqualTo(utrechtDay(2027, 6, 20));

        complete(task(TASK_ENFORCE_DECLARATION, track),
                withVariables(VAR_ENFORCEMENT_MEASURE, EnforcementMeasure.SIGNED_LATE.value()));

        assertThat(track).isEnded().hasPassed(END_DECLARATION_SIGNED, END_ENFORCEMENT_HANDLED);
    }

    @Test
    void tasksOpenTheirCamundaFormsFromTheSameDeployment() throws IOException {
        ProcessInstance track = declarationTrackStarted(ADULT);
        execute(timer(track, TIMER_WORKSHOPS_DUE));
        assertDeployedForm(track, TASK_PLAN_WORKSHOP_SERIES, FORM_PLAN_WORKSHOP_SERIES);
        complete(task(TASK_PLAN_WORKSHOP_SERIES, track), withVariables(VAR_FIRST_WORKSHOP_DATE, "2027-03-08"));
        execute(timer(track, BOUNDARY_DECLARATION_OVERDUE));

        assertDeployedForm(track, TASK_HAVE_DECLARATION_SIGNED, FORM_HAVE_DECLARATION_SIGNED);
        assertDeployedForm(track, TASK_ENFORCE_DECLARATION, FORM_ENFORCE_DECLARATION);
    }

    /** Starts the track as the guidance call activity does for one adult. */
    private static ProcessInstance declarationTrackStarted(String personRef) {
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, CASE_ID, Variables.createVariables()
                .putValue(VAR_CASE_ID, CASE_ID)
                .putValue(VAR_PERSON_REF, personRef)
                .putValue(VAR_SETTLEMENT_DATE, SETTLEMENT));
    }

    private static ProcessInstance waitingForSignature(String personRef) {
        ProcessInstance track = declarationTrackStarted(personRef);
        execute(timer(track, TIMER_WORKSHOPS_DUE));
        complete(task(TASK_PLAN_WORKSHOP_SERIES, track), withVariables(VAR_FIRST_WORKSHOP_DATE, "2027-03-08"));
        return track;
    }

    /** As the hub correlates Vluchtelingenwerk's event (scope person: business key and personRef). */
    private static void signedReported(String personRef, Date signedOn) {
        runtimeService().createMessageCorrelation(MESSAGE_DECLARATION_SIGNED)
                .processInstanceBusinessKey(CASE_ID)
                .processInstanceVariableEquals(VAR_PERSON_REF, personRef)
                .setVariable(VAR_DECLARATION_SIGNED_ON, signedOn)
                .correlate();
    }

    private static Job timer(ProcessInstance track, String activityId) {
        return jobQuery().processInstanceId(track.getId()).timers().activityId(activityId).singleResult();
    }
}
