package nl.utrecht.integrationhub.settlement;

/**
 * Phase C, settlement in Utrecht ("Vestiging in Utrecht"), as code sees it: process key, element ids,
 * message names, candidate groups, form ids and variable names of
 * {@code processes/settlement/settlement.bpmn}, spelled once.
 *
 * <p>Called per household by the household route with the case id as business key. After the move
 * (the settlement date) every step runs in parallel: registration in the BRP; the benefit for living
 * costs, then special assistance for first furnishing; Vluchtelingenwerk's dossier transfer from
 * Midden-Nederland to Utrecht; health insurance and the GCA medical-record hand-over (notices only);
 * and the joint intake of Werk en Inkomen and Vluchtelingenwerk with PPS-V. Each step a partner's
 * system may report ends on that report (interrupting message boundary) or in Tasklist. The phase ends
 * when every step is done.
 *
 * <p>School placement is not part of this phase: the household route starts one {@code school-placement}
 * per minor itself, in parallel with settlement, so that the placements' reviews (timers half a year to a
 * year after the first school day) do not hold up the end of settlement and with it phase D, whose
 * timers count from the settlement date.
 */
public final class SettlementProcess {

    /** Process definition key, identical to the BPMN file name and its folder under processes/. */
    public static final String PROCESS_KEY = "settlement";

    // Messages (scope household: correlated by business key); each name is exactly the CloudEvent type.

    /** The BRP registered the person (the hub links the BSN to the V-number); sets {@link #VAR_BRP_REGISTERED_ON}. */
    public static final String MESSAGE_BRP_REGISTERED = "nl.utrecht.brp-registered";
    /** Werk en Inkomen granted the benefit for living costs; sets {@link #VAR_BENEFIT_GRANTED_ON}. */
    public static final String MESSAGE_BENEFIT_GRANTED = "nl.utrecht.benefit-granted";
    /** Vluchtelingenwerk Utrecht received the dossier; sets {@link #VAR_DOSSIER_TRANSFERRED_ON}. */
    public static final String MESSAGE_DOSSIER_TRANSFER_RECEIVED = "nl.vluchtelingenwerk.dossier-transfer-received";
    /** GCA confirmed the medical-record hand-over (a notice); sets {@link #VAR_MEDICAL_HANDOVER_CONFIRMED_ON}. */
    public static final String MESSAGE_MEDICAL_RECORD_HANDOVER_CONFIRMED = "nl.gca.medical-record-handover-confirmed";
    /** Werk en Inkomen reported the PPS-V assessment; sets language level, education level, work experience. */
    public static final String MESSAGE_PPSV_ASSESSMENT_COMPLETED = "nl.utrecht.ppsv-assessment-completed";

    // Outbound messages (config/hub-connectors.yaml, hub.outbound-types), written by the send tasks.

    /** To Werk en Inkomen: take in the benefit for living costs (settlement date, adults, minors). */
    public static final String OUTBOUND_BENEFIT_INTAKE_REQUESTED = "nl.utrecht.hub.benefit-intake-requested";
    /** To Vluchtelingenwerk Utrecht: the dossier transfer, with claim checks added by the hub when sending. */
    public static final String OUTBOUND_DOSSIER_TRANSFER_REQUESTED = "nl.utrecht.hub.dossier-transfer-requested";
    /** To GZA/GCA: hand the medical record over to the chosen GP practice (a notice only). */
    public static final String OUTBOUND_MEDICAL_RECORD_HANDOVER_REQUESTED = "nl.utrecht.hub.medical-record-handover-requested";
    /** To Werk en Inkomen's work matcher: the PPS-V outcome the route uses. */
    public static final String OUTBOUND_PPSV_RESULTS_SHARED = "nl.utrecht.hub.ppsv-results-shared";

    // Element ids.

    public static final String START_SETTLEMENT_STARTED = "StartEvent_SettlementStarted";
    public static final String TASK_GUIDE_BRP_REGISTRATION = "UserTask_GuideBrpRegistration";
    public static final String BOUNDARY_BRP_REGISTERED_REPORTED = "BoundaryEvent_BrpRegisteredReported";
    public static final String SEND_REQUEST_BENEFIT_INTAKE = "SendTask_RequestBenefitIntake";
    public static final String TASK_GRANT_LIVING_COSTS_BENEFIT = "UserTask_GrantLivingCostsBenefit";
    public static final String BOUNDARY_BENEFIT_GRANTED_REPORTED = "BoundaryEvent_BenefitGrantedReported";
    public static final String TASK_GRANT_FURNISHING_ASSISTANCE = "UserTask_GrantFurnishingAssistance";
    /** Vluchtelingenwerk Midden-Nederland prepares the dossier (documents, their number). */
    public static final String TASK_TRANSFER_DOSSIER = "UserTask_TransferDossier";
    public static final String SEND_REQUEST_DOSSIER_TRANSFER = "SendTask_RequestDossierTransfer";
    /** Vluchtelingenwerk Utrecht confirms the receipt; its system may report it instead (boundary). */
    public static final String TASK_CONFIRM_DOSSIER_RECEIPT = "UserTask_ConfirmDossierReceipt";
    public static final String BOUNDARY_DOSSIER_TRANSFER_REPORTED = "BoundaryEvent_DossierTransferReported";
    public static final String TASK_ARRANGE_HEALTH_INSURANCE = "UserTask_ArrangeHealthInsurance";
    public static final String SEND_REQUEST_MEDICAL_HANDOVER = "SendTask_RequestMedicalHandover";
    public static final String TASK_CONFIRM_MEDICAL_HANDOVER = "UserTask_ConfirmMedicalHandover";
    public static final String BOUNDARY_MEDICAL_HANDOVER_CONFIRMED = "BoundaryEvent_MedicalHandoverConfirmed";
    public static final String TASK_JOINT_INTAKE_PPSV = "UserTask_JointIntakePpsv";
    public static final String BOUNDARY_PPSV_REPORTED = "BoundaryEvent_PpsvReported";
    /** After the joint intake on either path. */
    public static final String SEND_SHARE_PPSV_RESULTS = "SendTask_SharePpsvResults";
    public static final String END_SETTLEMENT_COMPLETED = "EndEvent_SettlementCompleted";

    // Candidate groups.

    public static final String GROUP_VLUCHTELINGENWERK_MN = "vluchtelingenwerk-mn";
    public static final String GROUP_VLUCHTELINGENWERK_UTRECHT = "vluchtelingenwerk-utrecht";
    public static final String GROUP_WORK_AND_INCOME = "work-and-income";

    // Camunda Forms, by their "id" (bound to the deployment of the process).

    public static final String FORM_GUIDE_BRP_REGISTRATION = "settlement.guide-brp-registration";
    public static final String FORM_GRANT_LIVING_COSTS_BENEFIT = "settlement.grant-living-costs-benefit";
    public static final String FORM_GRANT_FURNISHING_ASSISTANCE = "settlement.grant-furnishing-assistance";
    public static final String FORM_TRANSFER_DOSSIER = "settlement.transfer-dossier";
    public static final String FORM_CONFIRM_DOSSIER_RECEIPT = "settlement.confirm-dossier-receipt";
    public static final String FORM_ARRANGE_HEALTH_INSURANCE = "settlement.arrange-health-insurance";
    public static final String FORM_CONFIRM_MEDICAL_HANDOVER = "settlement.confirm-medical-handover";
    public static final String FORM_JOINT_INTAKE_PPSV = "settlement.joint-intake-ppsv";

    // Input variables (passed in by the caller).

    /** String, the opaque case id, also the business key. */
    public static final String VAR_CASE_ID = "caseId";
    /** String, person reference of the main person. */
    public static final String VAR_MAIN_PERSON_REF = "mainPersonRef";
    /**
     * JSON list of {personRef, birthDate (yyyy-MM-dd), relation}: every member; the benefit intake request
     * counts adults and minors in it on the settlement date.
     */
    public static final String VAR_HOUSEHOLD_MEMBERS = "householdMembers";
    /** java.util.Date, the move date: the business date of phase C. */
    public static final String VAR_SETTLEMENT_DATE = "settlementDate";
    /** String, Vluchtelingenwerk Midden-Nederland's dossier number (from reception), for the dossier transfer. */
    public static final String VAR_DOSSIER_NUMBER = "dossierNumber";

    // Output variables (mapped out by the caller). Dates are java.util.Date on both paths: the
    // partner's message sets a Date, the Tasklist path turns the form's ISO date into one on completion.

    /** java.util.Date, registration in the BRP. */
    public static final String VAR_BRP_REGISTERED_ON = "brpRegisteredOn";
    /** String, PPS-V: one of {@link LanguageLevel}. */
    public static final String VAR_LANGUAGE_LEVEL = "languageLevel";
    /** String, PPS-V: one of {@link EducationLevel#value()}. */
    public static final String VAR_EDUCATION_LEVEL = "educationLevel";
    /** Integer, PPS-V: whole years of work experience, 0 to 60. */
    public static final String VAR_WORK_EXPERIENCE_YEARS = "workExperienceYears";

    // Other variables of the phase.

    /** java.util.Date, the benefit for living costs granted. */
    public static final String VAR_BENEFIT_GRANTED_ON = "benefitGrantedOn";
    /** String, one of {@link FurnishingAssistanceDecision#value()}. */
    public static final String VAR_FURNISHING_ASSISTANCE_DECISION = "furnishingAssistanceDecision";
    /** java.util.Date, the decision on special assistance for first furnishing. */
    public static final String VAR_FURNISHING_ASSISTANCE_DECIDED_ON = "furnishingAssistanceDecidedOn";
    /** Boolean, Midden-Nederland has the dossier's documents ready for the transfer. */
    public static final String VAR_DOCUMENTS_READY = "documentsReady";
    /** Integer (form number), the number of documents prepared for the transfer, 0 to 500. */
    public static final String VAR_DOCUMENT_COUNT = "documentCount";
    /** java.util.Date, Vluchtelingenwerk Utrecht has the dossier. */
    public static final String VAR_DOSSIER_TRANSFERRED_ON = "dossierTransferredOn";
    /** Boolean, registered with a regular health insurer. */
    public static final String VAR_HEALTH_INSURANCE_REGISTERED = "healthInsuranceRegistered";
    /** String, the name of the chosen GP practice (no medical data). */
    public static final String VAR_GP_PRACTICE = "gpPractice";
    /** String, optional: the chosen GP practice's AGB code (8 digits); empty when not known. */
    public static final String VAR_GP_PRACTICE_AGB_CODE = "gpPracticeAgbCode";
    /** String, reference of the client's signed consent to the medical-record hand-over. */
    public static final String VAR_CONSENT_REFERENCE = "consentReference";
    /** java.util.Date, the hand-over of the medical record confirmed. */
    public static final String VAR_MEDICAL_HANDOVER_CONFIRMED_ON = "medicalHandoverConfirmedOn";

    /** PPS-V language levels (CEFR), as the form's select and the event's enum. */
    public enum LanguageLevel { A0, A1, A2, B1, B2, C1 }

    /** PPS-V education levels, as the form's select and the event's enum submit them. */
    public enum EducationLevel {
        NONE("none"), PRIMARY("primary"), SECONDARY("secondary"), VOCATIONAL("vocational"), HIGHER("higher");

        private final String value;

        EducationLevel(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /** The options of the furnishing-assistance form's select. */
    public enum FurnishingAssistanceDecision {
        GRANTED("granted"), REFUSED("refused"), NOT_REQUESTED("not-requested");

        private final String value;

        FurnishingAssistanceDecision(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    private SettlementProcess() {
    }
}
