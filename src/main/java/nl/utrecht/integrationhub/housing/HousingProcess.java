package nl.utrecht.integrationhub.housing;

/**
 * Phase B of the household route, "Koppeling en huisvesting", as code sees it: process key, element
 * ids, message names, decision key, candidate group, form ids and variable names of
 * {@code processes/housing/housing.bpmn} and {@code interim-housing-advice.dmn}, spelled once.
 *
 * <p>Called by {@code household-route} ({@code CallActivity_Housing}) with {@link #VAR_CASE_ID},
 * {@link #VAR_MAIN_PERSON_REF} and {@link #VAR_HOUSEHOLD_MEMBERS}; waits for COA's linking, then, for a
 * status holder waiting for family members to follow (nareizigers), a DMN advice and the municipality's
 * decision: an interim one-person home now, wait for the family (monitoring the reunification every
 * {@code reunification-check} period) or a home for the reunited family now. The search for a home
 * (Tasklist or the housing system's message) ends the process: the accepted home's move date becomes
 * {@link #VAR_SETTLEMENT_DATE}. The caller maps out {@link #VAR_LINKED_ON},
 * {@link #VAR_FAMILY_MEMBERS_TO_FOLLOW}, {@link #VAR_SETTLEMENT_DATE}, {@link #VAR_INTERIM_HOME} and
 * {@link #VAR_DISTRICT}.
 */
public final class HousingProcess {

    /** Process definition key, identical to the BPMN file name and its folder under processes/. */
    public static final String PROCESS_KEY = "housing";

    /** Decision key of {@code interim-housing-advice.dmn}, deployed with the process. */
    public static final String DECISION_INTERIM_HOUSING_ADVICE = "interim-housing-advice";

    // Messages (scope household: correlated by business key): each name is exactly the CloudEvent type.

    /** COA linked the status holder to Utrecht; sets {@link #VAR_LINKED_ON} and {@link #VAR_FAMILY_MEMBERS_TO_FOLLOW}. */
    public static final String MESSAGE_STATUS_HOLDER_LINKED = "nl.coa.status-holder-linked";
    /** The housing system reports an accepted offer; sets {@link #VAR_MOVE_DATE}, {@link #VAR_INTERIM_HOME}, {@link #VAR_DISTRICT}. */
    public static final String MESSAGE_HOUSING_OFFER_ACCEPTED = "nl.utrecht.housing-offer-accepted";
    /** The family is reunited; sets {@link #VAR_REUNITED_ON}. Awaited only while waiting for the family. */
    public static final String MESSAGE_FAMILY_REUNITED = "nl.utrecht.family-reunited";

    // Outbound messages (config/hub-connectors.yaml, hub.outbound-types), written by the send tasks.

    /** To Huisvesting: the household needs a home (counts, COA norm, interim home). */
    public static final String OUTBOUND_HOUSING_REQUESTED = "nl.utrecht.hub.housing-requested";
    /** To COA: the household moves in on the move date (counts for the quota). */
    public static final String OUTBOUND_HOUSING_REALISED = "nl.utrecht.hub.housing-realised";

    // Element ids.

    public static final String START_HOUSING_STARTED = "StartEvent_HousingStarted";
    public static final String EVENT_STATUS_HOLDER_LINKED = "Event_StatusHolderLinked";
    public static final String GATEWAY_FAMILY_TO_FOLLOW = "Gateway_FamilyToFollow";
    public static final String TASK_ASSESS_REUNIFICATION = "UserTask_AssessReunification";
    public static final String RULE_TASK_INTERIM_HOUSING_ADVICE = "BusinessRuleTask_InterimHousingAdvice";
    public static final String TASK_DECIDE_INTERIM_HOME = "UserTask_DecideInterimHome";
    public static final String GATEWAY_HOUSING_DECISION = "Gateway_HousingDecision";
    public static final String SUBPROCESS_AWAIT_FAMILY = "SubProcess_AwaitFamily";
    public static final String EVENT_REUNIFICATION_CHECK_DUE = "Event_ReunificationCheckDue";
    public static final String TASK_MONITOR_REUNIFICATION = "UserTask_MonitorReunification";
    public static final String GATEWAY_REUNIFICATION_STATUS = "Gateway_ReunificationStatus";
    public static final String END_FAMILY_REUNITED_RECORDED = "EndEvent_FamilyReunitedRecorded";
    public static final String END_MONITORING_STOPPED = "EndEvent_MonitoringStopped";
    public static final String BOUNDARY_FAMILY_REUNITED = "BoundaryEvent_FamilyReunited";
    public static final String GATEWAY_RECONSIDER = "Gateway_Reconsider";
    /** Sends {@link #OUTBOUND_HOUSING_REQUESTED} to Huisvesting once the search starts. */
    public static final String SEND_REQUEST_HOUSING = "SendTask_RequestHousing";
    public static final String TASK_SEARCH_HOME = "UserTask_SearchHome";
    public static final String BOUNDARY_OFFER_ACCEPTED_REPORTED = "BoundaryEvent_OfferAcceptedReported";
    public static final String BOUNDARY_TIMER_OFFER_OVERDUE = "BoundaryTimer_OfferOverdue";
    public static final String TASK_ESCALATE_LATE_OFFER = "UserTask_EscalateLateOffer";
    public static final String END_LATE_OFFER_ESCALATED = "EndEvent_LateOfferEscalated";
    public static final String EVENT_SETTLEMENT_DATE_SET = "Event_SettlementDateSet";
    /** Sends {@link #OUTBOUND_HOUSING_REALISED} to COA once the settlement date is set. */
    public static final String SEND_REPORT_HOUSING_REALISED = "SendTask_ReportHousingRealised";
    public static final String GATEWAY_MOVE_WITHIN_NORM = "Gateway_MoveWithinNorm";
    public static final String TASK_REPORT_LATE_MOVE = "UserTask_ReportLateMove";
    /** Terminate end event: also closes an open escalation of a late offer. */
    public static final String END_HOUSED = "EndEvent_Housed";

    // Candidate group and Camunda Forms (by their "id", bound to the deployment of the process).

    /** The municipality's housing team. */
    public static final String GROUP_HOUSING = "housing";
    public static final String FORM_ASSESS_REUNIFICATION = "housing.assess-reunification";
    public static final String FORM_DECIDE_INTERIM_HOME = "housing.decide-interim-home";
    public static final String FORM_MONITOR_REUNIFICATION = "housing.monitor-reunification";
    public static final String FORM_SEARCH_HOME = "housing.search-home";
    public static final String FORM_ESCALATE_LATE_OFFER = "housing.escalate-late-offer";
    public static final String FORM_REPORT_LATE_MOVE = "housing.report-late-move";

    // Deadline names (hub.deadlines.*), all counted from linkedOn.

    /** COA norm: an offer within 10 weeks of linking (due date and timer of the search). */
    public static final String DEADLINE_HOUSING_OFFER = "housing-offer";
    /** COA norm: the move within 12 weeks of linking (checked against the accepted move date). */
    public static final String DEADLINE_HOUSING_MOVE = "housing-move";
    /** How often the reunification is checked while waiting for the family (from linkedOn, then from the last check). */
    public static final String DEADLINE_REUNIFICATION_CHECK = "reunification-check";

    // Input variables (from household-route).

    /** String, the opaque case id, also the business key. */
    public static final String VAR_CASE_ID = "caseId";
    /** String, person reference of the main person. */
    public static final String VAR_MAIN_PERSON_REF = "mainPersonRef";
    /** java.util.List of maps {personRef, birthDate (yyyy-MM-dd), relation}; a JSON object variable. */
    public static final String VAR_HOUSEHOLD_MEMBERS = "householdMembers";

    // Variables set in the process.

    /** Integer, the number of householdMembers (main person included), set at the start. */
    public static final String VAR_HOUSEHOLD_SIZE = "householdSize";
    /** java.util.Date, the day COA linked the status holder to Utrecht (from the message). Output. */
    public static final String VAR_LINKED_ON = "linkedOn";
    /**
     * Integer, family members to follow (nareizigers) according to COA (from the message). Output. Absent
     * when COA's event leaves it out; the process then treats it as none.
     */
    public static final String VAR_FAMILY_MEMBERS_TO_FOLLOW = "familyMembersToFollow";
    /** Integer (form number), the caseworker's estimate of the months until the family is reunited. */
    public static final String VAR_EXPECTED_REUNIFICATION_MONTHS = "expectedReunificationMonths";
    /** String, optional note on the reunification (assessment and checks); never medical data. */
    public static final String VAR_REUNIFICATION_NOTE = "reunificationNote";
    /** String, one of {@link HousingOption#value()}: the DMN's advice. */
    public static final String VAR_INTERIM_HOUSING_ADVICE = "interimHousingAdvice";
    /** String, the DMN's reason for its advice (Dutch). */
    public static final String VAR_INTERIM_HOUSING_ADVICE_REASON = "interimHousingAdviceReason";
    /** String, one of {@link HousingOption#value()}: the decision (pre-filled with the advice). */
    public static final String VAR_HOUSING_DECISION = "housingDecision";
    /** String, optional note on the decision; never medical data. */
    public static final String VAR_HOUSING_DECISION_NOTE = "housingDecisionNote";
    /**
     * Boolean: the accepted (or to be searched) home is an interim one-person home. False from linking
     * until a decision; set by the decision, the search form or the housing system's message. Output.
     */
    public static final String VAR_INTERIM_HOME = "interimHome";
    /** java.util.Date, the due date of the last reunification check (linkedOn before the first). */
    public static final String VAR_LAST_REUNIFICATION_CHECK = "lastReunificationCheck";
    /** String, one of {@link ReunificationStatus#value()}: the outcome of the last check. */
    public static final String VAR_REUNIFICATION_STATUS = "reunificationStatus";
    /** java.util.Date, the day the family was reunited (from the message, or the check form's ISO date). */
    public static final String VAR_REUNITED_ON = "reunitedOn";
    /** Number, local to the search task: the persons the home must fit. */
    public static final String VAR_PERSONS_TO_HOUSE = "personsToHouse";
    /** String, one of {@link District#value()}: the accepted home's district (wijk). Output. */
    public static final String VAR_DISTRICT = "district";
    /** The accepted home's move date: ISO date String from the search form, java.util.Date from the message. */
    public static final String VAR_MOVE_DATE = "moveDate";
    /** java.util.Date, the move date at 00:00 Utrecht: the business date of phase C and D. Output. */
    public static final String VAR_SETTLEMENT_DATE = "settlementDate";
    /** String, one of {@link OfferDelayReason#value()}. */
    public static final String VAR_OFFER_DELAY_REASON = "offerDelayReason";
    /** String, agreements after a late offer; never medical data. */
    public static final String VAR_ESCALATION_NOTE = "escalationNote";
    /** String, one of {@link LateMoveReason#value()}. */
    public static final String VAR_LATE_MOVE_REASON = "lateMoveReason";
    /** String, agreements with COA on a late move; never medical data. */
    public static final String VAR_LATE_MOVE_NOTE = "lateMoveNote";

    /** The DMN's advice and the decision's options. */
    public enum HousingOption {
        /** An interim one-person home now; the move to a family home follows after a long time. */
        INTERIM_HOME("interim-home"),
        /** Wait for the family and house it at once; the reunification is monitored. */
        WAIT_FOR_FAMILY("wait-for-family"),
        /** A home that also fits the family members to follow, now. */
        FAMILY_HOME("family-home");

        private final String value;

        HousingOption(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /** The options of the reunification check. */
    public enum ReunificationStatus {
        /** The family is reunited (with the date): search a home for the whole family. */
        REUNITED("reunited"),
        /** Reunification is near: search a home for the whole family now. */
        SEARCH_NOW("search-now"),
        /** Not yet: check again after the next period. */
        KEEP_WAITING("keep-waiting"),
        /** Delayed: take the interim home decision again. */
        RECONSIDER("reconsider");

        private final String value;

        ReunificationStatus(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /** Utrecht's ten districts (wijken): the search form's values; the housing system should send the same. */
    public enum District {
        BINNENSTAD("binnenstad"),
        NOORDOOST("noordoost"),
        OOST("oost"),
        ZUID("zuid"),
        ZUIDWEST("zuidwest"),
        WEST("west"),
        NOORDWEST("noordwest"),
        OVERVECHT("overvecht"),
        LEIDSCHE_RIJN("leidsche-rijn"),
        VLEUTEN_DE_MEERN("vleuten-de-meern");

        private final String value;

        District(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /** The options of the late-offer escalation form. */
    public enum OfferDelayReason {
        NO_SUITABLE_HOME("no-suitable-home"),
        WAITING_FOR_FAMILY("waiting-for-family"),
        OFFER_DECLINED("offer-declined"),
        OTHER("other");

        private final String value;

        OfferDelayReason(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /** The options of the late-move form. */
    public enum LateMoveReason {
        HOME_AVAILABLE_LATER("home-available-later"),
        WAITING_FOR_FAMILY("waiting-for-family"),
        STATUS_HOLDER_REQUEST("status-holder-request"),
        OTHER("other");

        private final String value;

        LateMoveReason(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    private HousingProcess() {
    }
}
