package nl.utrecht.integrationhub.guidance;

import static nl.utrecht.integrationhub.guidance.GuidanceProcess.BOUNDARY_TRAJECTORY_PLACEMENT_REPORTED;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.BUSINESS_RULE_DETERMINE_TRAJECTORIES;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.CALL_PARTICIPATION_DECLARATION;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.END_GUIDANCE_COMPLETED;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.FORM_CHOOSE_TRAJECTORY;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.FORM_MATCH_COACH_OR_VOLUNTEER_NETWORK;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.GATEWAY_TRAJECTORY_CHOSEN;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.GROUP_VLUCHTELINGENWERK_UTRECHT;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.GROUP_WORK_AND_INCOME;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.MESSAGE_TRAJECTORY_PLACEMENT_MADE;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.PROCESS_KEY;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.START_GUIDANCE_STARTED;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.TASK_CHOOSE_TRAJECTORY;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.TASK_MATCH_COACH_OR_VOLUNTEER_NETWORK;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.TIMER_GUIDANCE_PERIOD_OVER;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_AGE_IN_YEARS;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_CASE_ID;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_CHOSEN_TRAJECTORY;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_COACHING_MATCH;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_COACHING_REMARKS;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_COACHING_START_DATE;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_EDUCATION_LEVEL;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_ELIGIBLE_TRAJECTORIES;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_HOUSEHOLD_MEMBERS;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_LANGUAGE_LEVEL;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_MAIN_PERSON_REF;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_PERSON_REF;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_SETTLEMENT_DATE;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_TRAJECTORY_REMARKS;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_TRAJECTORY_START_DATE;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_WORK_EXPERIENCE_YEARS;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.assertDeployedForm;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.householdMember;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.initAndDeploy;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.undeployAndReset;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.utrechtDay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import nl.utrecht.integrationhub.guidance.GuidanceProcess.CoachingMatch;
import nl.utrecht.integrationhub.guidance.GuidanceProcess.EducationLevel;
import nl.utrecht.integrationhub.guidance.GuidanceProcess.Trajectory;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Phase D for a household, deployed from processes/guidance/ (BPMN, DMN, forms) together with the
 * participation declaration it calls per adult (processes/participation-declaration/, also of this
 * phase), started as the household route's call activity starts it.
 */
@ExtendWith(ProcessEngineExtension.class)
class GuidanceProcessTest {

    private static final String CASE_ID = "HH-2026-000123";
    private static final String MAIN_PERSON = "P-000041";
    private static final String PARTNER = "P-000042";
    /** Turned 18 between arrival and settlement: an adult on the settlement date. */
    private static final String ELDEST_CHILD = "P-000043";
    private static final String YOUNGEST_CHILD = "P-000044";
    private static final Date SETTLEMENT = utrechtDay(2026, 6, 1);
    private static final Date GUIDANCE_OVER = utrechtDay(2027, 12, 1);

    ProcessEngine processEngine;

    private List<String> deploymentIds;

    @BeforeEach
    void deployGuidanceAndTheParticipationDeclarationItCalls() {
        deploymentIds = initAndDeploy(processEngine, PROCESS_KEY, ParticipationDeclarationProcess.PROCESS_KEY);
        ClockUtil.setCurrentTime(utrechtDay(2026, 6, 10));
    }

    @AfterEach
    void removeTheDeployments() {
        undeployAndReset(deploymentIds);
        ClockUtil.reset();
    }

    @Test
    void startsOneParticipationDeclarationPerAdultBesideWorkAndCoaching() {
        ProcessInstance guidance = guidanceStarted("1990-05-15", "A2", EducationLevel.VOCATIONAL, 3);

        assertThat(guidance).isStarted().hasBusinessKey(CASE_ID).hasPassed(START_GUIDANCE_STARTED)
                .hasPassed(BUSINESS_RULE_DETERMINE_TRAJECTORIES)
                .isWaitingAt(CALL_PARTICIPATION_DECLARATION, TASK_CHOOSE_TRAJECTORY,
                        TASK_MATCH_COACH_OR_VOLUNTEER_NETWORK);

        List<ProcessInstance> declarations = declarations(guidance);
        assertThat(declarations).hasSize(3).allSatisfy(declaration -> {
            assertThat(declaration.getBusinessKey()).isEqualTo(CASE_ID);
            assertThat(runtimeService().getVariable(declaration.getId(), VAR_CASE_ID)).isEqualTo(CASE_ID);
            assertThat(runtimeService().getVariable(declaration.getId(), VAR_SETTLEMENT_DATE)).isEqualTo(SETTLEMENT);
        });
        assertThat(declarations)
                .extracting(declaration -> runtimeService().getVariable(declaration.getId(), VAR_PERSON_REF))
                .containsExactlyInAnyOrder(MAIN_PERSON, PARTNER, ELDEST_CHILD);
    }

    @Test
    void workMatcherAndVluchtelingenwerkGetTheirTasks() {
        ProcessInstance guidance = guidanceStarted("1990-05-15", "A2", EducationLevel.VOCATIONAL, 3);

        assertThat(task(TASK_CHOOSE_TRAJECTORY, guidance)).hasCandidateGroup(GROUP_WORK_AND_INCOME)
                .hasName("Werkmatcher: traject kiezen");
        assertThat(task(TASK_MATCH_COACH_OR_VOLUNTEER_NETWORK, guidance))
                .hasCandidateGroup(GROUP_VLUCHTELINGENWERK_UTRECHT)
                .hasName("Koppelen aan taalcoach of vrijwilligersnetwerk");
    }

    @Test
    void decisionGivesTheWorkMatcherTheMainPersonsEligibleTrajectories() {
        ProcessInstance guidance = guidanceStarted("1990-05-15", "A2", EducationLevel.VOCATIONAL, 3);

        assertThat(eligibleTrajectories(guidance)).containsExactly(
                Trajectory.VIP_PROJECT.value(), Trajectory.WORK_EXPERIENCE_PLACE.value());
        assertThat(runtimeService().getVariables(guidance.getId())).doesNotContainKey(VAR_AGE_IN_YEARS);
    }

    @Test
    void eligibleTrajectoriesAreStoredAsJsonSoTasklistShowsThemInTheForm() {
        ProcessInstance guidance = guidanceStarted("1990-05-15", "A2", EducationLevel.VOCATIONAL, 3);

        ObjectValue stored = runtimeService().getVariableTyped(guidance.getId(), VAR_ELIGIBLE_TRAJECTORIES, false);
        assertThat(stored.getSerializationDataFormat())
                .isEqualTo(Variables.SerializationDataFormats.JSON.getName());
        assertThat(stored.getValueSerialized()).isEqualTo("[\"vip-project\",\"work-experience-place\"]");
    }

    @Test
    void mainPersonsAgeCountsInWholeYearsOnTheSettlementDate() {
        // 29 years and 11 months on the settlement date: still under 30, so regular education
        ProcessInstance almostThirty = guidanceStarted("1996-06-15", "A2", EducationLevel.PRIMARY, 0);
        assertThat(eligibleTrajectories(almostThirty)).containsExactly(
                Trajectory.VIP_PROJECT.value(), Trajectory.REGULAR_EDUCATION.value());
        runtimeService().deleteProcessInstance(almostThirty.getId(), "next case");

        // 30 on the settlement date: no longer
        ProcessInstance thirty = guidanceStarted("1996-06-01", "A2", EducationLevel.PRIMARY, 0);
        assertThat(eligibleTrajectories(thirty)).containsExactly(Trajectory.VIP_PROJECT.value());
    }

    @Test
    void workMatchersChoiceAndCoachingMatchAreKept() {
        ProcessInstance guidance = guidanceStarted("1990-05-15", "A2", EducationLevel.VOCATIONAL, 3);

        complete(task(TASK_CHOOSE_TRAJECTORY, guidance), withVariables(
                VAR_CHOSEN_TRAJECTORY, Trajectory.WORK_EXPERIENCE_PLACE.value(),
                VAR_TRAJECTORY_START_DATE, "2026-09-01",
                VAR_TRAJECTORY_REMARKS, "Werkervaringsplaats in de techniek"));
        complete(task(TASK_MATCH_COACH_OR_VOLUNTEER_NETWORK, guidance), withVariables(
                VAR_COACHING_MATCH, CoachingMatch.LANGUAGE_COACH.value(),
                VAR_COACHING_START_DATE, "2026-07-01",
                VAR_COACHING_REMARKS, "Voorkeur voor avonden"));

        assertThat(guidance).isWaitingAt(CALL_PARTICIPATION_DECLARATION)
                .hasPassed(TASK_CHOOSE_TRAJECTORY, TASK_MATCH_COACH_OR_VOLUNTEER_NETWORK);
        assertThat(guidance).variables()
                .containsEntry(VAR_CHOSEN_TRAJECTORY, "work-experience-place")
                .containsEntry(VAR_TRAJECTORY_START_DATE, "2026-09-01")
                .containsEntry(VAR_COACHING_MATCH, "language-coach")
                .containsEntry(VAR_COACHING_START_DATE, "2026-07-01");
    }

    @Test
    void trajectoryPlacementReportedByWorkAndIncomeClosesTheWorkMatchersTask() {
        ProcessInstance guidance = guidanceStarted("1990-05-15", "A2", EducationLevel.VOCATIONAL, 3);

        runtimeService().createMessageCorrelation(MESSAGE_TRAJECTORY_PLACEMENT_MADE)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_CHOSEN_TRAJECTORY, Trajectory.VIP_PROJECT.value())
                .setVariable(VAR_TRAJECTORY_START_DATE, utrechtDay(2026, 9, 14))
                .correlate();

        assertThat(guidance).hasPassed(BOUNDARY_TRAJECTORY_PLACEMENT_REPORTED, GATEWAY_TRAJECTORY_CHOSEN)
                .isNotWaitingAt(TASK_CHOOSE_TRAJECTORY)
                .isWaitingAt(CALL_PARTICIPATION_DECLARATION, TASK_MATCH_COACH_OR_VOLUNTEER_NETWORK);
        assertThat(taskQuery().processInstanceId(guidance.getId()).taskDefinitionKey(TASK_CHOOSE_TRAJECTORY).count())
                .isZero();
        assertThat(guidance).variables()
                .containsEntry(VAR_CHOSEN_TRAJECTORY, "vip-project")
                .containsEntry(VAR_TRAJECTORY_START_DATE, utrechtDay(2026, 9, 14));
    }

    @Test
    void trajectoryPlacementReportedAfterTheChoiceInTasklistFindsNoWaitingStep() {
        ProcessInstance guidance = guidanceStarted("1990-05-15", "A2", EducationLevel.VOCATIONAL, 3);
        completeWorkAndCoaching(guidance);

        // the hub parks such an event; the route never waits for it again
        assertThatThrownBy(() -> runtimeService().createMessageCorrelation(MESSAGE_TRAJECTORY_PLACEMENT_MADE)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_CHOSEN_TRAJECTORY, Trajectory.UAF.value())
                .correlate()).isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(guidance).hasPassed(TASK_CHOOSE_TRAJECTORY).hasNotPassed(BOUNDARY_TRAJECTORY_PLACEMENT_REPORTED);
        assertThat(guidance).variables().containsEntry(VAR_CHOSEN_TRAJECTORY, "vip-project");
    }

    @Test
    void guidanceWaitsForEveryAdultsDeclarationThenRunsUntilEighteenMonthsAfterSettlement() {
        ProcessInstance guidance = guidanceStarted("1990-05-15", "A2", EducationLevel.VOCATIONAL, 3);
        completeWorkAndCoaching(guidance);

        declarationSigned(MAIN_PERSON);
        declarationSigned(PARTNER);
        assertThat(guidance).isWaitingAt(CALL_PARTICIPATION_DECLARATION).isNotWaitingAt(TIMER_GUIDANCE_PERIOD_OVER);
        assertThat(declarations(guidance)).hasSize(1);

        declarationSigned(ELDEST_CHILD);

        assertThat(guidance).hasPassed(CALL_PARTICIPATION_DECLARATION).isWaitingAt(TIMER_GUIDANCE_PERIOD_OVER);
        assertThat(guidancePeriodTimer(guidance).getDuedate()).isEqualTo(GUIDANCE_OVER);

        execute(guidancePeriodTimer(guidance));

        assertThat(guidance).isEnded().hasPassed(TIMER_GUIDANCE_PERIOD_OVER, END_GUIDANCE_COMPLETED);
    }

    @Test
    void guidancePeriodTimerIsDueAtOnceWhenEighteenMonthsHaveAlreadyPassed() {
        ClockUtil.setCurrentTime(utrechtDay(2028, 2, 1));
        ProcessInstance guidance = guidanceStarted("1990-05-15", "A2", EducationLevel.VOCATIONAL, 3);
        completeWorkAndCoaching(guidance);
        for (String adult : List.of(MAIN_PERSON, PARTNER, ELDEST_CHILD)) {
            declarationSigned(adult);
        }

        Job guidancePeriod = guidancePeriodTimer(guidance);
        assertThat(guidancePeriod.getDuedate()).isEqualTo(GUIDANCE_OVER).isBefore(ClockUtil.getCurrentTime());
        assertThat(jobQuery().processInstanceId(guidance.getId()).executable().count()).isOne();
    }

    @Test
    void tasksOpenTheirCamundaFormsFromTheSameDeployment() throws IOException {
        ProcessInstance guidance = guidanceStarted("1990-05-15", "A2", EducationLevel.VOCATIONAL, 3);

        assertDeployedForm(guidance, TASK_CHOOSE_TRAJECTORY, FORM_CHOOSE_TRAJECTORY);
        assertDeployedForm(guidance, TASK_MATCH_COACH_OR_VOLUNTEER_NETWORK, FORM_MATCH_COACH_OR_VOLUNTEER_NETWORK);
    }

    /** Starts guidance as the household route's call activity does, with the PPS-V outcome of the main person. */
    private static ProcessInstance guidanceStarted(String mainPersonBirthDate, String languageLevel,
            EducationLevel educationLevel, int workExperienceYears) {
        ArrayList<Map<String, String>> members = new ArrayList<>(List.of(
                householdMember(MAIN_PERSON, mainPersonBirthDate, "main"),
                householdMember(PARTNER, "1992-11-30", "partner"),
                householdMember(ELDEST_CHILD, "2008-03-01", "child"),
                householdMember(YOUNGEST_CHILD, "2015-09-20", "child")));
        VariableMap variables = Variables.createVariables()
                .putValue(VAR_CASE_ID, CASE_ID)
                .putValue(VAR_MAIN_PERSON_REF, MAIN_PERSON)
                .putValue(VAR_HOUSEHOLD_MEMBERS, members)
                .putValue(VAR_SETTLEMENT_DATE, SETTLEMENT)
                .putValue(VAR_LANGUAGE_LEVEL, languageLevel)
                .putValue(VAR_EDUCATION_LEVEL, educationLevel.value())
                .putValue(VAR_WORK_EXPERIENCE_YEARS, workExperienceYears);
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, CASE_ID, variables);
    }

    @SuppressWarnings("unchecked")
    private static List<String> eligibleTrajectories(ProcessInstance guidance) {
        return (List<String>) runtimeService().getVariable(guidance.getId(), VAR_ELIGIBLE_TRAJECTORIES);
    }

    private static void completeWorkAndCoaching(ProcessInstance guidance) {
        complete(task(TASK_CHOOSE_TRAJECTORY, guidance), withVariables(
                VAR_CHOSEN_TRAJECTORY, Trajectory.VIP_PROJECT.value(), VAR_TRAJECTORY_START_DATE, "2026-09-01"));
        complete(task(TASK_MATCH_COACH_OR_VOLUNTEER_NETWORK, guidance), withVariables(
                VAR_COACHING_MATCH, CoachingMatch.NEW_NEIGHBOURS.value(), VAR_COACHING_START_DATE, "2026-07-01"));
    }

    private static List<ProcessInstance> declarations(ProcessInstance guidance) {
        return runtimeService().createProcessInstanceQuery()
                .processDefinitionKey(ParticipationDeclarationProcess.PROCESS_KEY)
                .superProcessInstanceId(guidance.getId()).list();
    }

    /** One adult's declaration: the workshop timer fires, the series is planned, Vluchtelingenwerk reports the signature. */
    private static void declarationSigned(String personRef) {
        ProcessInstance declaration = runtimeService().createProcessInstanceQuery()
                .processDefinitionKey(ParticipationDeclarationProcess.PROCESS_KEY)
                .processInstanceBusinessKey(CASE_ID)
                .variableValueEquals(ParticipationDeclarationProcess.VAR_PERSON_REF, personRef)
                .singleResult();
        execute(jobQuery().processInstanceId(declaration.getId()).timers()
                .activityId(ParticipationDeclarationProcess.TIMER_WORKSHOPS_DUE).singleResult());
        complete(task(ParticipationDeclarationProcess.TASK_PLAN_WORKSHOP_SERIES, declaration),
                withVariables(ParticipationDeclarationProcess.VAR_FIRST_WORKSHOP_DATE, "2027-03-08"));
        runtimeService().createMessageCorrelation(ParticipationDeclarationProcess.MESSAGE_DECLARATION_SIGNED)
                .processInstanceBusinessKey(CASE_ID)
                .processInstanceVariableEquals(ParticipationDeclarationProcess.VAR_PERSON_REF, personRef)
                .setVariable(ParticipationDeclarationProcess.VAR_DECLARATION_SIGNED_ON, utrechtDay(2027, 4, 1))
                .correlate();
        assertThat(declaration).isEnded();
    }

    private static Job guidancePeriodTimer(ProcessInstance guidance) {
        return jobQuery().processInstanceId(guidance.getId()).timers().activityId(TIMER_GUIDANCE_PERIOD_OVER)
                .singleResult();
    }
}
