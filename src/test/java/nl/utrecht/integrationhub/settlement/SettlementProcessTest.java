package nl.utrecht.integrationhub.settlement;

import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.assertDeployedForm;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.householdMember;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.initAndDeploy;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.undeployAndReset;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.utrechtDay;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.BOUNDARY_BENEFIT_GRANTED_REPORTED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.BOUNDARY_BRP_REGISTERED_REPORTED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.BOUNDARY_DOSSIER_TRANSFER_REPORTED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.BOUNDARY_MEDICAL_HANDOVER_CONFIRMED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.BOUNDARY_PPSV_REPORTED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.END_SETTLEMENT_COMPLETED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.FORM_ARRANGE_HEALTH_INSURANCE;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.FORM_CONFIRM_MEDICAL_HANDOVER;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.FORM_GRANT_FURNISHING_ASSISTANCE;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.FORM_GRANT_LIVING_COSTS_BENEFIT;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.FORM_GUIDE_BRP_REGISTRATION;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.FORM_JOINT_INTAKE_PPSV;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.FORM_TRANSFER_DOSSIER;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.GROUP_VLUCHTELINGENWERK_MN;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.GROUP_VLUCHTELINGENWERK_UTRECHT;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.GROUP_WORK_AND_INCOME;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.MESSAGE_BENEFIT_GRANTED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.MESSAGE_BRP_REGISTERED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.MESSAGE_DOSSIER_TRANSFER_RECEIVED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.MESSAGE_MEDICAL_RECORD_HANDOVER_CONFIRMED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.MESSAGE_PPSV_ASSESSMENT_COMPLETED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.PROCESS_KEY;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.START_SETTLEMENT_STARTED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.TASK_ARRANGE_HEALTH_INSURANCE;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.TASK_CONFIRM_MEDICAL_HANDOVER;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.TASK_GRANT_FURNISHING_ASSISTANCE;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.TASK_GRANT_LIVING_COSTS_BENEFIT;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.TASK_GUIDE_BRP_REGISTRATION;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.TASK_JOINT_INTAKE_PPSV;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.TASK_TRANSFER_DOSSIER;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_BENEFIT_GRANTED_ON;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_BRP_REGISTERED_ON;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_CASE_ID;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_CONSENT_REFERENCE;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_DOSSIER_TRANSFERRED_ON;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_EDUCATION_LEVEL;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_FURNISHING_ASSISTANCE_DECIDED_ON;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_FURNISHING_ASSISTANCE_DECISION;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_GP_PRACTICE;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_HEALTH_INSURANCE_REGISTERED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_HOUSEHOLD_MEMBERS;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_LANGUAGE_LEVEL;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_MAIN_PERSON_REF;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_MEDICAL_HANDOVER_CONFIRMED_ON;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_SETTLEMENT_DATE;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_WORK_EXPERIENCE_YEARS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.utrecht.integrationhub.settlement.SettlementProcess.EducationLevel;
import nl.utrecht.integrationhub.settlement.SettlementProcess.FurnishingAssistanceDecision;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Phase C, settlement, deployed from processes/settlement/ on its own (it calls no other process: the
 * household route starts the children's {@code school-placement} beside it), started as the household
 * route's call activity starts it and correlated as the hub correlates the partners' household-scoped
 * events.
 */
@ExtendWith(ProcessEngineExtension.class)
class SettlementProcessTest {

    private static final String CASE_ID = "HH-2026-000123";
    private static final String MAIN_PERSON = "P-000041";
    private static final String PARTNER = "P-000040";
    /** 18 on the settlement date: an adult. */
    private static final String ADULT_CHILD = "P-000043";
    /** 7 on the settlement date: a minor (placed at school by the household route, not here). */
    private static final String PUPIL = "P-000044";
    /** 3 on the settlement date: a minor (placed at school by the household route, not here). */
    private static final String TODDLER = "P-000045";
    private static final Date SETTLEMENT_DATE = utrechtDay(2026, 6, 1);

    /** Tasks waiting on their own right after the start, one per parallel step. */
    private static final String[] FIRST_STEPS = {TASK_GUIDE_BRP_REGISTRATION, TASK_GRANT_LIVING_COSTS_BENEFIT,
            TASK_TRANSFER_DOSSIER, TASK_ARRANGE_HEALTH_INSURANCE, TASK_JOINT_INTAKE_PPSV};

    ProcessEngine processEngine;

    private List<String> deploymentIds;

    @BeforeEach
    void deployTheProcessFromProcessesFolder() {
        deploymentIds = initAndDeploy(processEngine, PROCESS_KEY);
    }

    @AfterEach
    void removeTheDeployment() {
        undeployAndReset(deploymentIds);
    }

    // ------------------------------------------------------------------ start

    @Test
    void settlementStartsEveryStepAtOnceWithTheirPartnersGroups() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON), adult(PARTNER)));

        assertThat(settlement).isStarted().hasBusinessKey(CASE_ID).hasPassed(START_SETTLEMENT_STARTED)
                .isWaitingAt(FIRST_STEPS);
        assertThat(task(TASK_GUIDE_BRP_REGISTRATION, settlement)).hasCandidateGroup(GROUP_VLUCHTELINGENWERK_UTRECHT)
                .hasName("Inschrijving in de BRP begeleiden");
        assertThat(task(TASK_GRANT_LIVING_COSTS_BENEFIT, settlement)).hasCandidateGroup(GROUP_WORK_AND_INCOME)
                .hasName("Uitkering levensonderhoud toekennen");
        assertThat(task(TASK_TRANSFER_DOSSIER, settlement)).hasCandidateGroup(GROUP_VLUCHTELINGENWERK_MN)
                .hasName("Dossier overdragen aan Vluchtelingenwerk Utrecht");
        assertThat(task(TASK_ARRANGE_HEALTH_INSURANCE, settlement)).hasCandidateGroup(GROUP_VLUCHTELINGENWERK_UTRECHT)
                .hasName("Zorgverzekering regelen en overdracht medisch dossier aanvragen (alleen melding, geen medische inhoud)");
        assertThat(task(TASK_JOINT_INTAKE_PPSV, settlement)).hasCandidateGroup(GROUP_WORK_AND_INCOME)
                .hasName("Gezamenlijke intake met PPS-V");
    }

    @Test
    void householdWithMinorsWaitsOnlyForTheSettlementStepsNotForSchoolPlacements() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON),
                member(PUPIL, LocalDate.of(2019, 3, 1)), member(TODDLER, LocalDate.of(2023, 6, 1))));

        assertThat(settlement).isWaitingAt(FIRST_STEPS);
        assertThat(runtimeService().getActiveActivityIds(settlement.getId())).containsExactlyInAnyOrder(FIRST_STEPS);
        assertThat(repositoryService().getBpmnModelInstance(settlement.getProcessDefinitionId())
                .getModelElementsByType(CallActivity.class))
                .as("school placement per child is started by the household route, beside settlement")
                .isEmpty();
    }

    // ------------------------------------------------------------------ (1) BRP

    @Test
    void brpRegistrationCompletedInTasklistRecordsTheDateAsADate() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));

        complete(task(TASK_GUIDE_BRP_REGISTRATION, settlement), withVariables(VAR_BRP_REGISTERED_ON, "2026-06-03"));

        assertThat(settlement).hasPassed(TASK_GUIDE_BRP_REGISTRATION).hasNotPassed(BOUNDARY_BRP_REGISTERED_REPORTED)
                .isNotWaitingAt(TASK_GUIDE_BRP_REGISTRATION);
        assertThat(settlement).variables().containsEntry(VAR_BRP_REGISTERED_ON, utrechtDay(2026, 6, 3));
    }

    @Test
    void brpRegistrationReportedByTheBrpClosesTheTask() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));

        correlate(MESSAGE_BRP_REGISTERED, VAR_BRP_REGISTERED_ON, utrechtDay(2026, 6, 2));

        assertThat(settlement).hasPassed(BOUNDARY_BRP_REGISTERED_REPORTED).isNotWaitingAt(TASK_GUIDE_BRP_REGISTRATION);
        assertThat(settlement).variables().containsEntry(VAR_BRP_REGISTERED_ON, utrechtDay(2026, 6, 2));
    }

    @Test
    void secondMembersBrpRegistrationFindsNoWaitingStep() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON), adult(PARTNER)));
        correlate(MESSAGE_BRP_REGISTERED, VAR_BRP_REGISTERED_ON, utrechtDay(2026, 6, 2));

        assertThatThrownBy(() -> correlate(MESSAGE_BRP_REGISTERED, VAR_BRP_REGISTERED_ON, utrechtDay(2026, 6, 4)))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(settlement).variables().containsEntry(VAR_BRP_REGISTERED_ON, utrechtDay(2026, 6, 2));
    }

    // ------------------------------------------------------------------ (2) benefit, then furnishing

    @Test
    void benefitGrantedInTasklistIsFollowedByFurnishingAssistance() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));

        complete(task(TASK_GRANT_LIVING_COSTS_BENEFIT, settlement), withVariables(VAR_BENEFIT_GRANTED_ON, "2026-06-05"));

        assertThat(settlement).isWaitingAt(TASK_GRANT_FURNISHING_ASSISTANCE).isNotWaitingAt(TASK_GRANT_LIVING_COSTS_BENEFIT)
                .hasNotPassed(BOUNDARY_BENEFIT_GRANTED_REPORTED);
        assertThat(settlement).variables().containsEntry(VAR_BENEFIT_GRANTED_ON, utrechtDay(2026, 6, 5));
        assertThat(task(TASK_GRANT_FURNISHING_ASSISTANCE, settlement)).hasCandidateGroup(GROUP_WORK_AND_INCOME)
                .hasName("Bijzondere bijstand eerste inrichting");

        complete(task(TASK_GRANT_FURNISHING_ASSISTANCE, settlement), withVariables(
                VAR_FURNISHING_ASSISTANCE_DECISION, FurnishingAssistanceDecision.GRANTED.value(),
                VAR_FURNISHING_ASSISTANCE_DECIDED_ON, "2026-06-10"));

        assertThat(settlement).hasPassed(TASK_GRANT_FURNISHING_ASSISTANCE).isNotWaitingAt(TASK_GRANT_FURNISHING_ASSISTANCE);
        assertThat(settlement).variables()
                .containsEntry(VAR_FURNISHING_ASSISTANCE_DECISION, "granted")
                .containsEntry(VAR_FURNISHING_ASSISTANCE_DECIDED_ON, utrechtDay(2026, 6, 10));
    }

    @Test
    void benefitReportedByWorkAndIncomeAlsoLeadsToFurnishingAssistance() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));

        correlate(MESSAGE_BENEFIT_GRANTED, VAR_BENEFIT_GRANTED_ON, utrechtDay(2026, 6, 4));

        assertThat(settlement).hasPassed(BOUNDARY_BENEFIT_GRANTED_REPORTED).isWaitingAt(TASK_GRANT_FURNISHING_ASSISTANCE)
                .isNotWaitingAt(TASK_GRANT_LIVING_COSTS_BENEFIT);
        assertThat(settlement).variables().containsEntry(VAR_BENEFIT_GRANTED_ON, utrechtDay(2026, 6, 4));
    }

    // ------------------------------------------------------------------ (3) dossier transfer

    @Test
    void dossierTransferredInTasklist() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));

        complete(task(TASK_TRANSFER_DOSSIER, settlement), withVariables(VAR_DOSSIER_TRANSFERRED_ON, "2026-06-02"));

        assertThat(settlement).hasPassed(TASK_TRANSFER_DOSSIER).hasNotPassed(BOUNDARY_DOSSIER_TRANSFER_REPORTED)
                .isNotWaitingAt(TASK_TRANSFER_DOSSIER);
        assertThat(settlement).variables().containsEntry(VAR_DOSSIER_TRANSFERRED_ON, utrechtDay(2026, 6, 2));
    }

    @Test
    void dossierReceiptReportedByVluchtelingenwerkUtrechtClosesTheTransferTask() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));

        correlate(MESSAGE_DOSSIER_TRANSFER_RECEIVED, VAR_DOSSIER_TRANSFERRED_ON, utrechtDay(2026, 6, 3));

        assertThat(settlement).hasPassed(BOUNDARY_DOSSIER_TRANSFER_REPORTED).isNotWaitingAt(TASK_TRANSFER_DOSSIER);
        assertThat(settlement).variables().containsEntry(VAR_DOSSIER_TRANSFERRED_ON, utrechtDay(2026, 6, 3));
    }

    // ------------------------------------------------------------------ (4) health insurance, medical record

    @Test
    void healthInsuranceNoticeThenHandoverConfirmedInTasklist() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));

        complete(task(TASK_ARRANGE_HEALTH_INSURANCE, settlement), healthInsuranceForm());

        assertThat(settlement).isWaitingAt(TASK_CONFIRM_MEDICAL_HANDOVER).isNotWaitingAt(TASK_ARRANGE_HEALTH_INSURANCE);
        assertThat(task(TASK_CONFIRM_MEDICAL_HANDOVER, settlement)).hasCandidateGroup(GROUP_VLUCHTELINGENWERK_UTRECHT)
                .hasName("Overdracht medisch dossier bevestigd");
        assertThat(settlement).variables()
                .containsEntry(VAR_HEALTH_INSURANCE_REGISTERED, true)
                .containsEntry(VAR_GP_PRACTICE, "Huisartsenpraktijk Kanaleneiland")
                .containsEntry(VAR_CONSENT_REFERENCE, "TOESTEMMING-2026-0017");

        complete(task(TASK_CONFIRM_MEDICAL_HANDOVER, settlement),
                withVariables(VAR_MEDICAL_HANDOVER_CONFIRMED_ON, "2026-06-20"));

        assertThat(settlement).hasPassed(TASK_CONFIRM_MEDICAL_HANDOVER).hasNotPassed(BOUNDARY_MEDICAL_HANDOVER_CONFIRMED)
                .isNotWaitingAt(TASK_CONFIRM_MEDICAL_HANDOVER);
        assertThat(settlement).variables().containsEntry(VAR_MEDICAL_HANDOVER_CONFIRMED_ON, utrechtDay(2026, 6, 20));
    }

    @Test
    void handoverConfirmedByGcaClosesTheConfirmationTask() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));
        complete(task(TASK_ARRANGE_HEALTH_INSURANCE, settlement), healthInsuranceForm());

        correlate(MESSAGE_MEDICAL_RECORD_HANDOVER_CONFIRMED, VAR_MEDICAL_HANDOVER_CONFIRMED_ON, utrechtDay(2026, 6, 18));

        assertThat(settlement).hasPassed(BOUNDARY_MEDICAL_HANDOVER_CONFIRMED).isNotWaitingAt(TASK_CONFIRM_MEDICAL_HANDOVER);
        assertThat(settlement).variables().containsEntry(VAR_MEDICAL_HANDOVER_CONFIRMED_ON, utrechtDay(2026, 6, 18));
    }

    @Test
    void handoverConfirmationBeforeTheInsuranceNoticeDoesNotCorrelateYet() {
        settle(household(adult(MAIN_PERSON)));

        // the hub parks such an early event and applies it once the confirmation step waits
        assertThatThrownBy(() -> correlate(MESSAGE_MEDICAL_RECORD_HANDOVER_CONFIRMED,
                VAR_MEDICAL_HANDOVER_CONFIRMED_ON, utrechtDay(2026, 6, 18)))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    // ------------------------------------------------------------------ (5) joint intake with PPS-V

    @Test
    void ppsvAssessmentCompletedInTasklist() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));

        complete(task(TASK_JOINT_INTAKE_PPSV, settlement), withVariables(
                VAR_LANGUAGE_LEVEL, "A1", VAR_EDUCATION_LEVEL, EducationLevel.VOCATIONAL.value(),
                VAR_WORK_EXPERIENCE_YEARS, 7L));

        assertThat(settlement).hasPassed(TASK_JOINT_INTAKE_PPSV).hasNotPassed(BOUNDARY_PPSV_REPORTED)
                .isNotWaitingAt(TASK_JOINT_INTAKE_PPSV);
        assertThat(settlement).variables()
                .containsEntry(VAR_LANGUAGE_LEVEL, "A1")
                .containsEntry(VAR_EDUCATION_LEVEL, "vocational")
                .containsEntry(VAR_WORK_EXPERIENCE_YEARS, 7);
    }

    @Test
    void ppsvAssessmentReportedByWorkAndIncomeClosesTheIntakeTask() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));

        runtimeService().createMessageCorrelation(MESSAGE_PPSV_ASSESSMENT_COMPLETED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_LANGUAGE_LEVEL, "A2")
                .setVariable(VAR_EDUCATION_LEVEL, "higher")
                .setVariable(VAR_WORK_EXPERIENCE_YEARS, 12)
                .correlate();

        assertThat(settlement).hasPassed(BOUNDARY_PPSV_REPORTED).isNotWaitingAt(TASK_JOINT_INTAKE_PPSV);
        assertThat(settlement).variables()
                .containsEntry(VAR_LANGUAGE_LEVEL, "A2")
                .containsEntry(VAR_EDUCATION_LEVEL, "higher")
                .containsEntry(VAR_WORK_EXPERIENCE_YEARS, 12);
    }

    // ------------------------------------------------------------------ end

    @Test
    void settlementEndsOnlyWhenEveryStepIsDoneEvenWithMinorsInTheHousehold() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON), member(TODDLER, LocalDate.of(2023, 6, 1)),
                member(PUPIL, LocalDate.of(2019, 3, 1))));

        // Tasklist paths
        complete(task(TASK_GUIDE_BRP_REGISTRATION, settlement), withVariables(VAR_BRP_REGISTERED_ON, "2026-06-03"));
        complete(task(TASK_GRANT_LIVING_COSTS_BENEFIT, settlement), withVariables(VAR_BENEFIT_GRANTED_ON, "2026-06-05"));
        complete(task(TASK_GRANT_FURNISHING_ASSISTANCE, settlement), withVariables(
                VAR_FURNISHING_ASSISTANCE_DECISION, FurnishingAssistanceDecision.NOT_REQUESTED.value(),
                VAR_FURNISHING_ASSISTANCE_DECIDED_ON, "2026-06-10"));
        complete(task(TASK_TRANSFER_DOSSIER, settlement), withVariables(VAR_DOSSIER_TRANSFERRED_ON, "2026-06-02"));
        complete(task(TASK_ARRANGE_HEALTH_INSURANCE, settlement), healthInsuranceForm());
        // partner paths
        correlate(MESSAGE_MEDICAL_RECORD_HANDOVER_CONFIRMED, VAR_MEDICAL_HANDOVER_CONFIRMED_ON, utrechtDay(2026, 6, 18));

        assertThat(settlement).isNotEnded().isWaitingAt(TASK_JOINT_INTAKE_PPSV);
        assertThat(runtimeService().getActiveActivityIds(settlement.getId()))
                .containsExactly(TASK_JOINT_INTAKE_PPSV);

        runtimeService().createMessageCorrelation(MESSAGE_PPSV_ASSESSMENT_COMPLETED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_LANGUAGE_LEVEL, "A0")
                .setVariable(VAR_EDUCATION_LEVEL, "secondary")
                .setVariable(VAR_WORK_EXPERIENCE_YEARS, 3)
                .correlate();

        assertThat(settlement).isEnded().hasPassed(END_SETTLEMENT_COMPLETED);
        // what the household route maps out
        Map<String, Object> outputs = historicVariables(settlement);
        assertThat(outputs)
                .containsEntry(VAR_BRP_REGISTERED_ON, utrechtDay(2026, 6, 3))
                .containsEntry(VAR_LANGUAGE_LEVEL, "A0")
                .containsEntry(VAR_EDUCATION_LEVEL, "secondary")
                .containsEntry(VAR_WORK_EXPERIENCE_YEARS, 3);
    }

    @Test
    void settlementEndsAsWellWhenThePartnersReportTheirSteps() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON), member(ADULT_CHILD, eighteenOnSettlement())));

        correlate(MESSAGE_BRP_REGISTERED, VAR_BRP_REGISTERED_ON, utrechtDay(2026, 6, 2));
        correlate(MESSAGE_BENEFIT_GRANTED, VAR_BENEFIT_GRANTED_ON, utrechtDay(2026, 6, 4));
        complete(task(TASK_GRANT_FURNISHING_ASSISTANCE, settlement), withVariables(
                VAR_FURNISHING_ASSISTANCE_DECISION, FurnishingAssistanceDecision.REFUSED.value(),
                VAR_FURNISHING_ASSISTANCE_DECIDED_ON, "2026-06-09"));
        correlate(MESSAGE_DOSSIER_TRANSFER_RECEIVED, VAR_DOSSIER_TRANSFERRED_ON, utrechtDay(2026, 6, 3));
        complete(task(TASK_ARRANGE_HEALTH_INSURANCE, settlement), healthInsuranceForm());
        correlate(MESSAGE_MEDICAL_RECORD_HANDOVER_CONFIRMED, VAR_MEDICAL_HANDOVER_CONFIRMED_ON, utrechtDay(2026, 6, 18));
        complete(task(TASK_JOINT_INTAKE_PPSV, settlement), withVariables(
                VAR_LANGUAGE_LEVEL, "B1", VAR_EDUCATION_LEVEL, EducationLevel.HIGHER.value(),
                VAR_WORK_EXPERIENCE_YEARS, 15));

        assertThat(settlement).isEnded().hasPassed(BOUNDARY_BRP_REGISTERED_REPORTED, BOUNDARY_BENEFIT_GRANTED_REPORTED,
                BOUNDARY_DOSSIER_TRANSFER_REPORTED, BOUNDARY_MEDICAL_HANDOVER_CONFIRMED, END_SETTLEMENT_COMPLETED);
    }

    // ------------------------------------------------------------------ forms

    @Test
    void everyTaskOpensItsCamundaFormFromTheSameDeployment() throws IOException {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));
        assertDeployedForm(settlement, TASK_GUIDE_BRP_REGISTRATION, FORM_GUIDE_BRP_REGISTRATION);
        assertDeployedForm(settlement, TASK_GRANT_LIVING_COSTS_BENEFIT, FORM_GRANT_LIVING_COSTS_BENEFIT);
        assertDeployedForm(settlement, TASK_TRANSFER_DOSSIER, FORM_TRANSFER_DOSSIER);
        assertDeployedForm(settlement, TASK_ARRANGE_HEALTH_INSURANCE, FORM_ARRANGE_HEALTH_INSURANCE);
        assertDeployedForm(settlement, TASK_JOINT_INTAKE_PPSV, FORM_JOINT_INTAKE_PPSV);

        complete(task(TASK_GRANT_LIVING_COSTS_BENEFIT, settlement), withVariables(VAR_BENEFIT_GRANTED_ON, "2026-06-05"));
        complete(task(TASK_ARRANGE_HEALTH_INSURANCE, settlement), healthInsuranceForm());

        assertDeployedForm(settlement, TASK_GRANT_FURNISHING_ASSISTANCE, FORM_GRANT_FURNISHING_ASSISTANCE);
        assertDeployedForm(settlement, TASK_CONFIRM_MEDICAL_HANDOVER, FORM_CONFIRM_MEDICAL_HANDOVER);
    }

    // ------------------------------------------------------------------ helpers

    /** Starts the phase as the household route's call activity does, with the inputs of the contract. */
    private static ProcessInstance settle(List<Map<String, String>> householdMembers) {
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, CASE_ID, Variables.createVariables()
                .putValue(VAR_CASE_ID, CASE_ID)
                .putValue(VAR_MAIN_PERSON_REF, MAIN_PERSON)
                .putValue(VAR_HOUSEHOLD_MEMBERS, householdMembers)
                .putValue(VAR_SETTLEMENT_DATE, SETTLEMENT_DATE));
    }

    /** A household-scoped partner event, correlated as the hub does: by business key. */
    private static void correlate(String messageName, String variable, Object value) {
        runtimeService().createMessageCorrelation(messageName)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(variable, value)
                .correlate();
    }

    /** The members as the hub stores them at intake: a mutable list of maps (a JSON variable). */
    @SafeVarargs
    private static List<Map<String, String>> household(Map<String, String>... members) {
        return new ArrayList<>(List.of(members));
    }

    private static Map<String, String> adult(String personRef) {
        return member(personRef, LocalDate.of(1988, 4, 12));
    }

    private static Map<String, String> member(String personRef, LocalDate birthDate) {
        return householdMember(personRef, birthDate.toString(), MAIN_PERSON.equals(personRef) ? "main" : "child");
    }

    private static LocalDate eighteenOnSettlement() {
        return LocalDate.of(2026, 6, 1).minusYears(18);
    }

    private static Map<String, Object> healthInsuranceForm() {
        return withVariables(
                VAR_HEALTH_INSURANCE_REGISTERED, true,
                VAR_GP_PRACTICE, "Huisartsenpraktijk Kanaleneiland",
                VAR_CONSENT_REFERENCE, "TOESTEMMING-2026-0017");
    }

    private static Map<String, Object> historicVariables(ProcessInstance instance) {
        Map<String, Object> variables = new LinkedHashMap<>();
        historyService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list()
                .forEach(variable -> variables.put(variable.getName(), variable.getValue()));
        return variables;
    }
}
