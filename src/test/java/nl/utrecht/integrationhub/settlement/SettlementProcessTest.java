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
import static nl.utrecht.integrationhub.settlement.SettlementProcess.FORM_CONFIRM_DOSSIER_RECEIPT;
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
import static nl.utrecht.integrationhub.settlement.SettlementProcess.OUTBOUND_BENEFIT_INTAKE_REQUESTED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.OUTBOUND_DOSSIER_TRANSFER_REQUESTED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.OUTBOUND_MEDICAL_RECORD_HANDOVER_REQUESTED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.OUTBOUND_PPSV_RESULTS_SHARED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.PROCESS_KEY;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.SEND_REQUEST_BENEFIT_INTAKE;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.SEND_REQUEST_DOSSIER_TRANSFER;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.SEND_REQUEST_MEDICAL_HANDOVER;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.SEND_SHARE_PPSV_RESULTS;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.START_SETTLEMENT_STARTED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.TASK_ARRANGE_HEALTH_INSURANCE;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.TASK_CONFIRM_DOSSIER_RECEIPT;
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
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_DOCUMENTS_READY;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_DOCUMENT_COUNT;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_DOSSIER_NUMBER;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_DOSSIER_TRANSFERRED_ON;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_EDUCATION_LEVEL;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_FURNISHING_ASSISTANCE_DECIDED_ON;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_FURNISHING_ASSISTANCE_DECISION;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_GP_PRACTICE;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_GP_PRACTICE_AGB_CODE;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_HEALTH_INSURANCE_REGISTERED;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_HOUSEHOLD_MEMBERS;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_LANGUAGE_LEVEL;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_MAIN_PERSON_REF;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_MEDICAL_HANDOVER_CONFIRMED_ON;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_SETTLEMENT_DATE;
import static nl.utrecht.integrationhub.settlement.SettlementProcess.VAR_WORK_EXPERIENCE_YEARS;
import static nl.utrecht.integrationhub.support.RecordingOutboundMessages.json;
import static nl.utrecht.integrationhub.support.RecordingOutboundMessages.sentOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
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
import nl.utrecht.integrationhub.support.RecordingOutboundMessages;
import nl.utrecht.integrationhub.support.RecordingOutboundMessages.Recorded;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
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
    private static final String DOSSIER_NUMBER = "VWMN-2026-0456";

    /** Tasks waiting right after the start (and the benefit intake request), one per parallel step. */
    private static final String[] FIRST_STEPS = {TASK_GUIDE_BRP_REGISTRATION, TASK_GRANT_LIVING_COSTS_BENEFIT,
            TASK_TRANSFER_DOSSIER, TASK_ARRANGE_HEALTH_INSURANCE, TASK_JOINT_INTAKE_PPSV};

    ProcessEngine processEngine;

    private List<String> deploymentIds;

    @BeforeEach
    void deployTheProcessFromProcessesFolder() {
        deploymentIds = initAndDeploy(processEngine, PROCESS_KEY);
        RecordingOutboundMessages.reset();
        // the medical hand-over request is dated today (now()): a fixed day in Utrecht, 10:00
        ClockUtil.setCurrentTime(new Date(utrechtDay(2026, 6, 8).getTime() + 10 * 3600_000L));
    }

    @AfterEach
    void removeTheDeployment() {
        ClockUtil.reset();
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
                .hasName("Dossier voorbereiden voor overdracht aan Vluchtelingenwerk Utrecht");
        assertThat(task(TASK_ARRANGE_HEALTH_INSURANCE, settlement)).hasCandidateGroup(GROUP_VLUCHTELINGENWERK_UTRECHT)
                .hasName("Zorgverzekering regelen en overdracht medisch dossier aanvragen (alleen melding, geen medische inhoud)");
        assertThat(task(TASK_JOINT_INTAKE_PPSV, settlement)).hasCandidateGroup(GROUP_WORK_AND_INCOME)
                .hasName("Gezamenlijke intake met PPS-V");
    }

    @Test
    void settlementFirstAsksWorkAndIncomeForTheBenefitIntakeWithTheHouseholdsComposition() {
        ProcessInstance settlement = start(household(adult(MAIN_PERSON), adult(PARTNER),
                member(ADULT_CHILD, eighteenOnSettlement()), member(PUPIL, LocalDate.of(2019, 3, 1))));

        assertThat(settlement).isWaitingAt(SEND_REQUEST_BENEFIT_INTAKE);
        assertThat(taskQuery().processInstanceId(settlement.getId()).taskDefinitionKey(TASK_GRANT_LIVING_COSTS_BENEFIT)
                .count()).as("the benefit step waits for its request").isZero();
        assertThat(RecordingOutboundMessages.all()).isEmpty();

        sent(settlement, SEND_REQUEST_BENEFIT_INTAKE);

        Recorded request = sentOnce(OUTBOUND_BENEFIT_INTAKE_REQUESTED);
        assertThat(request.caseId()).isEqualTo(CASE_ID);
        assertThat(request.personRef()).isNull();
        assertThat(request.data()).isEqualTo(json("{'settlementDate': '2026-06-01', 'adults': 3, 'minors': 1}"));
        assertThat(settlement).isWaitingAt(TASK_GRANT_LIVING_COSTS_BENEFIT);
    }

    @Test
    void householdWithMinorsWaitsOnlyForTheSettlementStepsNotForSchoolPlacements() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON),
                member(PUPIL, LocalDate.of(2019, 3, 1)), member(TODDLER, LocalDate.of(2023, 6, 1))));

        assertThat(settlement).isWaitingAt(FIRST_STEPS);
        assertThat(runtimeService().getActiveActivityIds(settlement.getId())).containsExactlyInAnyOrder(FIRST_STEPS);
        assertThat(sentOnce(OUTBOUND_BENEFIT_INTAKE_REQUESTED).data()).isEqualTo(json(
                "{'settlementDate': '2026-06-01', 'adults': 1, 'minors': 2}"));
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
    void middenNederlandPreparesTheDossierThenTheHubSendsTheTransferRequestToUtrecht() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));

        complete(task(TASK_TRANSFER_DOSSIER, settlement), dossierPreparedForm(12));

        assertThat(settlement).hasPassed(TASK_TRANSFER_DOSSIER).isWaitingAt(SEND_REQUEST_DOSSIER_TRANSFER);
        assertThat(RecordingOutboundMessages.ofType(OUTBOUND_DOSSIER_TRANSFER_REQUESTED)).isEmpty();
        sent(settlement, SEND_REQUEST_DOSSIER_TRANSFER);

        Recorded transfer = sentOnce(OUTBOUND_DOSSIER_TRANSFER_REQUESTED);
        assertThat(transfer.caseId()).isEqualTo(CASE_ID);
        assertThat(transfer.personRef()).isNull();
        assertThat(transfer.data()).as("attachments are added by the hub when it sends, not by the model")
                .isEqualTo(json("{'dossierNumber': 'VWMN-2026-0456', 'settlementDate': '2026-06-01', 'documentCount': 12}"));
        assertThat(settlement).isWaitingAt(TASK_CONFIRM_DOSSIER_RECEIPT);
        assertThat(task(TASK_CONFIRM_DOSSIER_RECEIPT, settlement)).hasCandidateGroup(GROUP_VLUCHTELINGENWERK_UTRECHT)
                .hasName("Ontvangst dossier bevestigen");
    }

    @Test
    void dossierTransferredInTasklist() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));
        complete(task(TASK_TRANSFER_DOSSIER, settlement), dossierPreparedForm(12));
        sent(settlement, SEND_REQUEST_DOSSIER_TRANSFER);

        complete(task(TASK_CONFIRM_DOSSIER_RECEIPT, settlement), withVariables(VAR_DOSSIER_TRANSFERRED_ON, "2026-06-02"));

        assertThat(settlement).hasPassed(TASK_TRANSFER_DOSSIER, TASK_CONFIRM_DOSSIER_RECEIPT)
                .hasNotPassed(BOUNDARY_DOSSIER_TRANSFER_REPORTED)
                .isNotWaitingAt(TASK_TRANSFER_DOSSIER).isNotWaitingAt(TASK_CONFIRM_DOSSIER_RECEIPT);
        assertThat(settlement).variables().containsEntry(VAR_DOSSIER_TRANSFERRED_ON, utrechtDay(2026, 6, 2));
    }

    @Test
    void dossierReceiptReportedByVluchtelingenwerkUtrechtClosesTheReceiptTask() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));
        complete(task(TASK_TRANSFER_DOSSIER, settlement), dossierPreparedForm(3));
        sent(settlement, SEND_REQUEST_DOSSIER_TRANSFER);

        correlate(MESSAGE_DOSSIER_TRANSFER_RECEIVED, VAR_DOSSIER_TRANSFERRED_ON, utrechtDay(2026, 6, 3));

        assertThat(settlement).hasPassed(BOUNDARY_DOSSIER_TRANSFER_REPORTED).isNotWaitingAt(TASK_TRANSFER_DOSSIER)
                .isNotWaitingAt(TASK_CONFIRM_DOSSIER_RECEIPT);
        assertThat(settlement).variables().containsEntry(VAR_DOSSIER_TRANSFERRED_ON, utrechtDay(2026, 6, 3));
    }

    @Test
    void dossierReceiptReportedBeforeTheTransferWasSentDoesNotCorrelateYet() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));

        // the hub parks such an early event and applies it once the receipt step waits
        assertThatThrownBy(() -> correlate(MESSAGE_DOSSIER_TRANSFER_RECEIVED, VAR_DOSSIER_TRANSFERRED_ON,
                utrechtDay(2026, 6, 3))).isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(settlement).isWaitingAt(TASK_TRANSFER_DOSSIER);
    }

    @Test
    void aTransferRequestThatBreaksItsSchemaFailsItsOwnJobWithRetriesNotTheCaseworkersTask() {
        ProcessInstance settlement = runtimeService().startProcessInstanceByKey(PROCESS_KEY, CASE_ID,
                inputs(household(adult(MAIN_PERSON))).putValue(VAR_DOSSIER_NUMBER, "VWMN 2026/0456"));
        sent(settlement, SEND_REQUEST_BENEFIT_INTAKE);

        complete(task(TASK_TRANSFER_DOSSIER, settlement), dossierPreparedForm(12));

        assertThat(settlement).hasPassed(TASK_TRANSFER_DOSSIER).isWaitingAt(SEND_REQUEST_DOSSIER_TRANSFER);
        Job send = job(SEND_REQUEST_DOSSIER_TRANSFER, settlement);
        assertThatThrownBy(() -> managementService().executeJob(send.getId()))
                .hasMessageContaining("/data/dossierNumber");
        Job failed = managementService().createJobQuery().jobId(send.getId()).singleResult();
        assertThat(failed.getRetries()).as("R5/PT1M: four retries left after the first failure").isEqualTo(4);
        assertThat(failed.getDuedate()).isAfter(ClockUtil.getCurrentTime());
        assertThat(RecordingOutboundMessages.ofType(OUTBOUND_DOSSIER_TRANSFER_REQUESTED)).isEmpty();
        assertThat(settlement).isWaitingAt(SEND_REQUEST_DOSSIER_TRANSFER);
    }

    // ------------------------------------------------------------------ (4) health insurance, medical record

    @Test
    void healthInsuranceNoticeThenHandoverConfirmedInTasklist() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));

        complete(task(TASK_ARRANGE_HEALTH_INSURANCE, settlement), healthInsuranceForm());
        sent(settlement, SEND_REQUEST_MEDICAL_HANDOVER);

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
    void theHandoverRequestToTheGcaIsANoticeOnlyWithPracticeConsentAndDate() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));
        Map<String, Object> form = healthInsuranceForm();
        form.put(VAR_GP_PRACTICE_AGB_CODE, "01234567");

        complete(task(TASK_ARRANGE_HEALTH_INSURANCE, settlement), form);

        assertThat(settlement).isWaitingAt(SEND_REQUEST_MEDICAL_HANDOVER);
        sent(settlement, SEND_REQUEST_MEDICAL_HANDOVER);
        Recorded request = sentOnce(OUTBOUND_MEDICAL_RECORD_HANDOVER_REQUESTED);
        assertThat(request.caseId()).isEqualTo(CASE_ID);
        assertThat(request.data()).as("exactly these fields: no health data, no insurance details")
                .isEqualTo(json("""
                        {'gpPractice': 'Huisartsenpraktijk Kanaleneiland', 'gpPracticeAgbCode': '01234567',
                         'consentReference': 'TOESTEMMING-2026-0017', 'requestedOn': '2026-06-08'}"""));
        assertThat(settlement).isWaitingAt(TASK_CONFIRM_MEDICAL_HANDOVER);
    }

    @Test
    void anAgbCodeLeftEmptyInTasklistIsSentAsNull() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));
        Map<String, Object> form = healthInsuranceForm();
        form.put(VAR_GP_PRACTICE_AGB_CODE, "");

        complete(task(TASK_ARRANGE_HEALTH_INSURANCE, settlement), form);
        sent(settlement, SEND_REQUEST_MEDICAL_HANDOVER);

        assertThat(sentOnce(OUTBOUND_MEDICAL_RECORD_HANDOVER_REQUESTED).data().get("gpPracticeAgbCode").isNull())
                .isTrue();
    }

    @Test
    void handoverConfirmedByGcaClosesTheConfirmationTask() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));
        complete(task(TASK_ARRANGE_HEALTH_INSURANCE, settlement), healthInsuranceForm());
        sent(settlement, SEND_REQUEST_MEDICAL_HANDOVER);

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

    @Test
    void handoverConfirmationBeforeTheRequestIsSentDoesNotCorrelateYet() {
        ProcessInstance settlement = settle(household(adult(MAIN_PERSON)));
        complete(task(TASK_ARRANGE_HEALTH_INSURANCE, settlement), healthInsuranceForm());

        assertThatThrownBy(() -> correlate(MESSAGE_MEDICAL_RECORD_HANDOVER_CONFIRMED,
                VAR_MEDICAL_HANDOVER_CONFIRMED_ON, utrechtDay(2026, 6, 18)))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(settlement).isWaitingAt(SEND_REQUEST_MEDICAL_HANDOVER);
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
        sent(settlement, SEND_SHARE_PPSV_RESULTS);
        Recorded results = sentOnce(OUTBOUND_PPSV_RESULTS_SHARED);
        assertThat(results.caseId()).isEqualTo(CASE_ID);
        assertThat(results.data()).isEqualTo(json(
                "{'languageLevel': 'A1', 'educationLevel': 'vocational', 'workExperienceYears': 7}"));
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
        // the work matcher gets the outcome the same way on both paths
        sent(settlement, SEND_SHARE_PPSV_RESULTS);
        assertThat(sentOnce(OUTBOUND_PPSV_RESULTS_SHARED).data()).isEqualTo(json(
                "{'languageLevel': 'A2', 'educationLevel': 'higher', 'workExperienceYears': 12}"));
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
        complete(task(TASK_TRANSFER_DOSSIER, settlement), dossierPreparedForm(12));
        sent(settlement, SEND_REQUEST_DOSSIER_TRANSFER);
        complete(task(TASK_CONFIRM_DOSSIER_RECEIPT, settlement), withVariables(VAR_DOSSIER_TRANSFERRED_ON, "2026-06-02"));
        complete(task(TASK_ARRANGE_HEALTH_INSURANCE, settlement), healthInsuranceForm());
        sent(settlement, SEND_REQUEST_MEDICAL_HANDOVER);
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
        assertThat(settlement).isNotEnded();
        sent(settlement, SEND_SHARE_PPSV_RESULTS);

        assertThat(settlement).isEnded().hasPassed(END_SETTLEMENT_COMPLETED);
        assertThat(RecordingOutboundMessages.all()).extracting(Recorded::messageType).containsExactlyInAnyOrder(
                OUTBOUND_BENEFIT_INTAKE_REQUESTED, OUTBOUND_DOSSIER_TRANSFER_REQUESTED,
                OUTBOUND_MEDICAL_RECORD_HANDOVER_REQUESTED, OUTBOUND_PPSV_RESULTS_SHARED);
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
        complete(task(TASK_TRANSFER_DOSSIER, settlement), dossierPreparedForm(4));
        sent(settlement, SEND_REQUEST_DOSSIER_TRANSFER);
        correlate(MESSAGE_DOSSIER_TRANSFER_RECEIVED, VAR_DOSSIER_TRANSFERRED_ON, utrechtDay(2026, 6, 3));
        complete(task(TASK_ARRANGE_HEALTH_INSURANCE, settlement), healthInsuranceForm());
        sent(settlement, SEND_REQUEST_MEDICAL_HANDOVER);
        correlate(MESSAGE_MEDICAL_RECORD_HANDOVER_CONFIRMED, VAR_MEDICAL_HANDOVER_CONFIRMED_ON, utrechtDay(2026, 6, 18));
        complete(task(TASK_JOINT_INTAKE_PPSV, settlement), withVariables(
                VAR_LANGUAGE_LEVEL, "B1", VAR_EDUCATION_LEVEL, EducationLevel.HIGHER.value(),
                VAR_WORK_EXPERIENCE_YEARS, 15));
        sent(settlement, SEND_SHARE_PPSV_RESULTS);

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
        sent(settlement, SEND_REQUEST_MEDICAL_HANDOVER);
        complete(task(TASK_TRANSFER_DOSSIER, settlement), dossierPreparedForm(12));
        sent(settlement, SEND_REQUEST_DOSSIER_TRANSFER);

        assertDeployedForm(settlement, TASK_GRANT_FURNISHING_ASSISTANCE, FORM_GRANT_FURNISHING_ASSISTANCE);
        assertDeployedForm(settlement, TASK_CONFIRM_MEDICAL_HANDOVER, FORM_CONFIRM_MEDICAL_HANDOVER);
        assertDeployedForm(settlement, TASK_CONFIRM_DOSSIER_RECEIPT, FORM_CONFIRM_DOSSIER_RECEIPT);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Starts the phase as the household route's call activity does, with the inputs of the contract, and
     * lets the job executor send the benefit intake request: every step then has its task.
     */
    private static ProcessInstance settle(List<Map<String, String>> householdMembers) {
        ProcessInstance settlement = start(householdMembers);
        sent(settlement, SEND_REQUEST_BENEFIT_INTAKE);
        return settlement;
    }

    /** Starts the phase only: the benefit branch waits at its send task's job. */
    private static ProcessInstance start(List<Map<String, String>> householdMembers) {
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, CASE_ID, inputs(householdMembers));
    }

    private static org.camunda.bpm.engine.variable.VariableMap inputs(List<Map<String, String>> householdMembers) {
        return Variables.createVariables()
                .putValue(VAR_CASE_ID, CASE_ID)
                .putValue(VAR_MAIN_PERSON_REF, MAIN_PERSON)
                .putValue(VAR_HOUSEHOLD_MEMBERS, householdMembers)
                .putValue(VAR_SETTLEMENT_DATE, SETTLEMENT_DATE)
                .putValue(VAR_DOSSIER_NUMBER, DOSSIER_NUMBER);
    }

    /** The job executor runs a send task (asynchronous before) that the instance waits at. */
    private static void sent(ProcessInstance settlement, String sendTask) {
        assertThat(settlement).isWaitingAt(sendTask);
        execute(job(sendTask, settlement));
    }

    /** What Vluchtelingenwerk Midden-Nederland submits when the dossier is ready (form numbers are Longs). */
    private static Map<String, Object> dossierPreparedForm(long documentCount) {
        return withVariables(VAR_DOCUMENTS_READY, true, VAR_DOCUMENT_COUNT, documentCount);
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
