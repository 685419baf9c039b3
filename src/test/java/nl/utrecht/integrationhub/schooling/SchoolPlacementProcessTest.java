package nl.utrecht.integrationhub.schooling;

import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.assertDeployedForm;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.initAndDeploy;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.undeployAndReset;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.utrechtDay;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.BOUNDARY_PLACEMENT_REPORTED;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.END_LANGUAGE_SCHOOL_REVIEWED;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.END_NO_PRE_SCHOOL_REFERRAL;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.END_NO_SCHOOL_PLACEMENT_NEEDED;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.END_PRE_SCHOOL_PLACED;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.END_TRANSITION_CLASS_REVIEWED;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.FORM_PLACE_CHILD;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.FORM_PRE_SCHOOL_REFERRAL;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.FORM_REVIEW_LANGUAGE_SCHOOL;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.FORM_REVIEW_TRANSITION_CLASS;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.GROUP_EDUCATION;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.MESSAGE_SCHOOL_PLACEMENT_DONE;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.OUTBOUND_SCHOOL_REGISTRATION_REQUESTED;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.PRE_SCHOOL_NOT_REFERRED;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.PRE_SCHOOL_REFERRED;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.PROCESS_KEY;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.RULE_DETERMINE_SCHOOL_TYPE;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.SEND_REQUEST_SCHOOL_REGISTRATION;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.START_SCHOOL_PLACEMENT_STARTED;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.TASK_PLACE_CHILD;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.TASK_PRE_SCHOOL_REFERRAL;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.TASK_REVIEW_LANGUAGE_SCHOOL;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.TASK_REVIEW_TRANSITION_CLASS;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.TIMER_LANGUAGE_SCHOOL_REVIEW_DUE;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.TIMER_TRANSITION_CLASS_REVIEW_DUE;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_AGE_IN_MONTHS;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_CASE_ID;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_CHILD_BIRTH_DATE;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_COMPULSORY;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_FIRST_SCHOOL_DAY;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_FIRST_SCHOOL_DAY_DATE;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_PERSON_REF;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_PRE_SCHOOL_REFERRAL;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_REVIEW_OUTCOME;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_SCHOOL_NAME;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_SCHOOL_TYPE;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_SCHOOL_TYPE_LABEL;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_SETTLEMENT_DATE;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_TRANSITION_DATE;
import static nl.utrecht.integrationhub.support.RecordingOutboundMessages.json;
import static nl.utrecht.integrationhub.support.RecordingOutboundMessages.sentOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;

import nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.SchoolType;
import nl.utrecht.integrationhub.support.RecordingOutboundMessages;
import nl.utrecht.integrationhub.support.RecordingOutboundMessages.Recorded;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * School placement of one child, deployed from processes/school-placement/ (with its decision) exactly
 * as the hub deploys it, started as the household route's multi-instance call activity starts it (one
 * instance per minor on the settlement date, beside the settlement phase) and correlated as the hub
 * correlates the education department's (person-scoped) report.
 */
@ExtendWith(ProcessEngineExtension.class)
class SchoolPlacementProcessTest {

    private static final String CASE_ID = "HH-2026-000123";
    private static final String CHILD = "P-000042";
    private static final String SIBLING = "P-000043";
    private static final Date SETTLEMENT_DATE = utrechtDay(2026, 6, 1);

    ProcessEngine processEngine;

    private List<String> deploymentIds;

    @BeforeEach
    void deployTheProcessFromProcessesFolder() {
        deploymentIds = initAndDeploy(processEngine, PROCESS_KEY);
        RecordingOutboundMessages.reset();
    }

    @AfterEach
    void removeTheDeployment() {
        undeployAndReset(deploymentIds);
    }

    // ------------------------------------------------------------------ no placement

    @Test
    void childUnderTwoAndAHalfNeedsNoPlacement() {
        ProcessInstance placement = start(CHILD, bornMonthsBeforeSettlement(29));

        assertThat(placement).isEnded()
                .hasPassedInOrder(START_SCHOOL_PLACEMENT_STARTED, RULE_DETERMINE_SCHOOL_TYPE, END_NO_SCHOOL_PLACEMENT_NEEDED)
                .hasNotPassed(TASK_PLACE_CHILD, TASK_PRE_SCHOOL_REFERRAL);
        assertThat(placement).variables()
                .containsEntry(VAR_AGE_IN_MONTHS, 29)
                .containsEntry(VAR_SCHOOL_TYPE, SchoolType.NONE.value())
                .containsEntry(VAR_COMPULSORY, false)
                .doesNotContainKey("schoolTypeDecision");
        assertThat(RecordingOutboundMessages.all()).as("no registration without a placement").isEmpty();
    }

    @Test
    void youngAdultOfEighteenNeedsNoPlacement() {
        ProcessInstance placement = start(CHILD, bornMonthsBeforeSettlement(216));

        assertThat(placement).isEnded().hasPassed(END_NO_SCHOOL_PLACEMENT_NEEDED).hasNotPassed(TASK_PLACE_CHILD);
        assertThat(placement).variables().containsEntry(VAR_SCHOOL_TYPE, SchoolType.NONE.value());
    }

    // ------------------------------------------------------------------ pre-school education (VVE)

    @Test
    void toddlerReferredByTheChildHealthClinicIsPlacedInPreSchool() {
        ProcessInstance placement = start(CHILD, bornMonthsBeforeSettlement(30));

        assertThat(placement).isWaitingAt(TASK_PRE_SCHOOL_REFERRAL);
        assertThat(task(TASK_PRE_SCHOOL_REFERRAL, placement)).hasCandidateGroup(GROUP_EDUCATION)
                .hasName("VVE-plaatsing na verwijzing consultatiebureau");
        assertThat(placement).variables().containsEntry(VAR_SCHOOL_TYPE, SchoolType.PRE_SCHOOL.value())
                .containsEntry(VAR_COMPULSORY, false).containsEntry(VAR_AGE_IN_MONTHS, 30);

        complete(task(TASK_PRE_SCHOOL_REFERRAL, placement), withVariables(VAR_PRE_SCHOOL_REFERRAL, PRE_SCHOOL_REFERRED));
        assertThat(RecordingOutboundMessages.all()).as("registered only once referred").isEmpty();
        registered(placement);

        assertThat(placement).isWaitingAt(TASK_PLACE_CHILD);
        assertThat(sentOnce(OUTBOUND_SCHOOL_REGISTRATION_REQUESTED).data()).isEqualTo(json(
                "{'schoolType': 'pre-school', 'compulsory': false, 'placementDue': '2026-06-04'}"));
        assertThat(task(TASK_PLACE_CHILD, placement)).hasCandidateGroup(GROUP_EDUCATION)
                .hasName("Kind plaatsen: voor- en vroegschoolse educatie (VVE)");

        complete(task(TASK_PLACE_CHILD, placement), placementForm("Peuterspeelzaal De Vlinder", "2026-06-15"));

        assertThat(placement).isEnded().hasPassed(TASK_PLACE_CHILD, END_PRE_SCHOOL_PLACED)
                .hasNotPassed(TIMER_LANGUAGE_SCHOOL_REVIEW_DUE, TIMER_TRANSITION_CLASS_REVIEW_DUE);
    }

    @Test
    void toddlerWithoutReferralGetsNoPreSchoolPlacement() {
        ProcessInstance placement = start(CHILD, bornMonthsBeforeSettlement(47));

        complete(task(TASK_PRE_SCHOOL_REFERRAL, placement), withVariables(VAR_PRE_SCHOOL_REFERRAL, PRE_SCHOOL_NOT_REFERRED));

        assertThat(placement).isEnded().hasPassed(END_NO_PRE_SCHOOL_REFERRAL).hasNotPassed(TASK_PLACE_CHILD);
        assertThat(RecordingOutboundMessages.all()).isEmpty();
    }

    // ------------------------------------------------------------------ Taalschool Het Mozaïek

    @Test
    void languageSchoolPlacementInTasklistIsReviewedAYearAfterTheFirstSchoolDay() {
        ProcessInstance placement = start(CHILD, bornMonthsBeforeSettlement(60));
        registered(placement);

        assertThat(placement).isWaitingAt(TASK_PLACE_CHILD).hasNotPassed(TASK_PRE_SCHOOL_REFERRAL);
        assertThat(task(TASK_PLACE_CHILD, placement)).hasCandidateGroup(GROUP_EDUCATION)
                .hasName("Kind plaatsen: Taalschool Het Mozaïek");
        assertThat(placement).variables()
                .containsEntry(VAR_SCHOOL_TYPE, SchoolType.LANGUAGE_SCHOOL.value())
                .containsEntry(VAR_COMPULSORY, true)
                .containsEntry(VAR_SCHOOL_TYPE_LABEL, "Taalschool Het Mozaïek");

        complete(task(TASK_PLACE_CHILD, placement), placementForm("Taalschool Het Mozaïek", "2026-06-08"));

        assertThat(placement).isWaitingAt(TIMER_LANGUAGE_SCHOOL_REVIEW_DUE)
                .hasPassed(TASK_PLACE_CHILD).hasNotPassed(BOUNDARY_PLACEMENT_REPORTED);
        assertThat(placement).variables()
                .containsEntry(VAR_FIRST_SCHOOL_DAY_DATE, utrechtDay(2026, 6, 8))
                .containsEntry(VAR_SCHOOL_NAME, "Taalschool Het Mozaïek");
        Job review = job(TIMER_LANGUAGE_SCHOOL_REVIEW_DUE, placement);
        assertThat(review.getDuedate()).isEqualTo(utrechtDay(2027, 6, 8));

        execute(review);

        assertThat(placement).isWaitingAt(TASK_REVIEW_LANGUAGE_SCHOOL);
        assertThat(task(TASK_REVIEW_LANGUAGE_SCHOOL, placement)).hasCandidateGroup(GROUP_EDUCATION)
                .hasName("Doorstroom naar regulier basisonderwijs beoordelen");

        complete(task(TASK_REVIEW_LANGUAGE_SCHOOL, placement), withVariables(
                VAR_REVIEW_OUTCOME, "regular-primary", VAR_TRANSITION_DATE, "2027-08-31"));

        assertThat(placement).isEnded().hasPassed(TASK_REVIEW_LANGUAGE_SCHOOL, END_LANGUAGE_SCHOOL_REVIEWED);
    }

    @Test
    void fourYearOldGoesToTheLanguageSchoolWithoutCompulsorySchooling() {
        ProcessInstance placement = start(CHILD, bornMonthsBeforeSettlement(48));
        registered(placement);

        assertThat(placement).isWaitingAt(TASK_PLACE_CHILD);
        assertThat(placement).variables()
                .containsEntry(VAR_SCHOOL_TYPE, SchoolType.LANGUAGE_SCHOOL.value())
                .containsEntry(VAR_COMPULSORY, false);
    }

    // ------------------------------------------------------------------ International Transition Class

    @Test
    void transitionClassPlacementReportedByEducationIsReviewedHalfAYearAfterTheFirstSchoolDay() {
        ProcessInstance placement = start(CHILD, bornMonthsBeforeSettlement(144));
        registered(placement);
        assertThat(task(TASK_PLACE_CHILD, placement)).hasName("Kind plaatsen: Internationale Schakelklas (ISK)");

        placementReported(CHILD, Variables.createVariables()
                .putValue(VAR_SCHOOL_NAME, "ISK Utrecht")
                .putValue(VAR_FIRST_SCHOOL_DAY, utrechtDay(2026, 6, 10)));

        assertThat(placement).isWaitingAt(TIMER_TRANSITION_CLASS_REVIEW_DUE)
                .hasPassed(BOUNDARY_PLACEMENT_REPORTED).isNotWaitingAt(TASK_PLACE_CHILD);
        assertThat(placement).variables()
                .containsEntry(VAR_SCHOOL_TYPE, SchoolType.TRANSITION_CLASS.value())
                .containsEntry(VAR_COMPULSORY, true)
                .containsEntry(VAR_FIRST_SCHOOL_DAY_DATE, utrechtDay(2026, 6, 10));
        Job review = job(TIMER_TRANSITION_CLASS_REVIEW_DUE, placement);
        assertThat(review.getDuedate()).isEqualTo(utrechtDay(2026, 12, 10));

        execute(review);

        assertThat(task(TASK_REVIEW_TRANSITION_CLASS, placement)).hasCandidateGroup(GROUP_EDUCATION)
                .hasName("Doorstroom na ISK beoordelen: regulier voortgezet onderwijs of ROC-entreeroute");

        complete(task(TASK_REVIEW_TRANSITION_CLASS, placement), withVariables(
                VAR_REVIEW_OUTCOME, "roc-entry-route", VAR_TRANSITION_DATE, "2027-01-05"));

        assertThat(placement).isEnded().hasPassed(TASK_REVIEW_TRANSITION_CLASS, END_TRANSITION_CLASS_REVIEWED);
    }

    @Test
    void reportWithoutFirstSchoolDayLetsTheReviewRunFromTheSettlementDate() {
        ProcessInstance placement = start(CHILD, bornMonthsBeforeSettlement(215));
        registered(placement);

        placementReported(CHILD, Variables.createVariables().putValue(VAR_SCHOOL_NAME, "ISK Utrecht"));

        assertThat(placement).isWaitingAt(TIMER_TRANSITION_CLASS_REVIEW_DUE);
        assertThat(placement).variables().containsEntry(VAR_FIRST_SCHOOL_DAY_DATE, SETTLEMENT_DATE);
        assertThat(job(TIMER_TRANSITION_CLASS_REVIEW_DUE, placement).getDuedate()).isEqualTo(utrechtDay(2026, 12, 1));
    }

    @Test
    void languageSchoolPlacementReportedByEducationAlsoStartsTheReview() {
        ProcessInstance placement = start(CHILD, bornMonthsBeforeSettlement(143));
        registered(placement);

        placementReported(CHILD, Variables.createVariables()
                .putValue(VAR_SCHOOL_NAME, "Taalschool Het Mozaïek")
                .putValue(VAR_FIRST_SCHOOL_DAY, utrechtDay(2026, 6, 3)));

        assertThat(placement).isWaitingAt(TIMER_LANGUAGE_SCHOOL_REVIEW_DUE).hasPassed(BOUNDARY_PLACEMENT_REPORTED);
        assertThat(job(TIMER_LANGUAGE_SCHOOL_REVIEW_DUE, placement).getDuedate()).isEqualTo(utrechtDay(2027, 6, 3));
    }

    // ------------------------------------------------------------------ registration with Onderwijs

    @Test
    void eachChildIsRegisteredWithEducationBeforeItsPlacementStepWithSchoolTypeAndDeadline() {
        ProcessInstance child = start(CHILD, bornMonthsBeforeSettlement(100));
        ProcessInstance sibling = start(SIBLING, bornMonthsBeforeSettlement(150));

        assertThat(child).isWaitingAt(SEND_REQUEST_SCHOOL_REGISTRATION);
        assertThat(taskQuery().processInstanceId(child.getId()).count()).isZero();
        registered(child);
        registered(sibling);

        assertThat(RecordingOutboundMessages.ofType(OUTBOUND_SCHOOL_REGISTRATION_REQUESTED))
                .extracting(Recorded::personRef).as("the subject of each message is its own child")
                .containsExactly(CHILD, SIBLING);
        Recorded first = RecordingOutboundMessages.ofType(OUTBOUND_SCHOOL_REGISTRATION_REQUESTED).get(0);
        assertThat(first.caseId()).isEqualTo(CASE_ID);
        assertThat(first.data()).isEqualTo(json(
                "{'schoolType': 'language-school', 'compulsory': true, 'placementDue': '2026-06-04'}"));
        assertThat(RecordingOutboundMessages.ofType(OUTBOUND_SCHOOL_REGISTRATION_REQUESTED).get(1).data())
                .isEqualTo(json("{'schoolType': 'transition-class', 'compulsory': true, 'placementDue': '2026-06-04'}"));
        assertThat(child).isWaitingAt(TASK_PLACE_CHILD);
        assertThat(sibling).isWaitingAt(TASK_PLACE_CHILD);
    }

    // ------------------------------------------------------------------ correlation per child

    @Test
    void reportAboutOneChildLeavesTheSiblingsPlacementOpen() {
        ProcessInstance child = start(CHILD, bornMonthsBeforeSettlement(100));
        registered(child);
        ProcessInstance sibling = start(SIBLING, bornMonthsBeforeSettlement(70));
        registered(sibling);

        placementReported(SIBLING, Variables.createVariables()
                .putValue(VAR_SCHOOL_NAME, "Taalschool Het Mozaïek")
                .putValue(VAR_FIRST_SCHOOL_DAY, utrechtDay(2026, 6, 3)));

        assertThat(sibling).hasPassed(BOUNDARY_PLACEMENT_REPORTED).isWaitingAt(TIMER_LANGUAGE_SCHOOL_REVIEW_DUE);
        assertThat(child).isWaitingAt(TASK_PLACE_CHILD).hasNotPassed(BOUNDARY_PLACEMENT_REPORTED);
        assertThat(child).variables().doesNotContainKey(VAR_SCHOOL_NAME);
    }

    @Test
    void reportAfterPlacementInTasklistFindsNoWaitingStep() {
        ProcessInstance placement = start(CHILD, bornMonthsBeforeSettlement(100));
        registered(placement);
        complete(task(TASK_PLACE_CHILD, placement), placementForm("Taalschool Het Mozaïek", "2026-06-08"));

        assertThatThrownBy(() -> placementReported(CHILD, Variables.createVariables()
                .putValue(VAR_SCHOOL_NAME, "Andere school")))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(placement).variables().containsEntry(VAR_SCHOOL_NAME, "Taalschool Het Mozaïek");
    }

    // ------------------------------------------------------------------ forms

    @Test
    void everyTaskOpensItsCamundaFormFromTheSameDeployment() throws IOException {
        ProcessInstance toddler = start(CHILD, bornMonthsBeforeSettlement(40));
        assertDeployedForm(toddler, TASK_PRE_SCHOOL_REFERRAL, FORM_PRE_SCHOOL_REFERRAL);
        complete(task(TASK_PRE_SCHOOL_REFERRAL, toddler), withVariables(VAR_PRE_SCHOOL_REFERRAL, PRE_SCHOOL_REFERRED));
        registered(toddler);
        assertDeployedForm(toddler, TASK_PLACE_CHILD, FORM_PLACE_CHILD);

        ProcessInstance pupil = start(SIBLING, bornMonthsBeforeSettlement(100));
        registered(pupil);
        complete(task(TASK_PLACE_CHILD, pupil), placementForm("Taalschool Het Mozaïek", "2026-06-08"));
        execute(job(TIMER_LANGUAGE_SCHOOL_REVIEW_DUE, pupil));
        assertDeployedForm(pupil, TASK_REVIEW_LANGUAGE_SCHOOL, FORM_REVIEW_LANGUAGE_SCHOOL);

        ProcessInstance teenager = start("P-000044", bornMonthsBeforeSettlement(180));
        registered(teenager);
        complete(task(TASK_PLACE_CHILD, teenager), placementForm("ISK Utrecht", "2026-06-08"));
        execute(job(TIMER_TRANSITION_CLASS_REVIEW_DUE, teenager));
        assertDeployedForm(teenager, TASK_REVIEW_TRANSITION_CLASS, FORM_REVIEW_TRANSITION_CLASS);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Starts the placement of one child as the household route's call activity does: the case id as
     * business key and the inputs caseId, personRef, settlementDate and childBirthDate.
     */
    private static ProcessInstance start(String personRef, Date birthDate) {
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, CASE_ID, Variables.createVariables()
                .putValue(VAR_CASE_ID, CASE_ID)
                .putValue(VAR_PERSON_REF, personRef)
                .putValue(VAR_SETTLEMENT_DATE, SETTLEMENT_DATE)
                .putValue(VAR_CHILD_BIRTH_DATE, birthDate));
    }

    /** The job executor runs the registration's send task (asynchronous before): then the placement step opens. */
    private static void registered(ProcessInstance placement) {
        assertThat(placement).isWaitingAt(SEND_REQUEST_SCHOOL_REGISTRATION);
        execute(job(SEND_REQUEST_SCHOOL_REGISTRATION, placement));
    }

    /** The education department's report, correlated as the hub does for scope person. */
    private static void placementReported(String personRef, Map<String, Object> variables) {
        runtimeService().createMessageCorrelation(MESSAGE_SCHOOL_PLACEMENT_DONE)
                .processInstanceBusinessKey(CASE_ID)
                .processInstanceVariableEquals(VAR_PERSON_REF, personRef)
                .setVariables(variables)
                .correlate();
    }

    /** What the placement form submits (Camunda Forms submit dates as ISO strings). */
    private static Map<String, Object> placementForm(String schoolName, String firstSchoolDay) {
        return withVariables(VAR_SCHOOL_NAME, schoolName, VAR_FIRST_SCHOOL_DAY, firstSchoolDay);
    }

    private static Date bornMonthsBeforeSettlement(int months) {
        return utrechtDay(LocalDate.of(2026, 6, 1).minusMonths(months));
    }
}
