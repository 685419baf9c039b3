package nl.utrecht.integrationhub.handover;

/**
 * Phase E, the warm hand-over to the buurtteam ("Warme overdracht aan het buurtteam"), as code sees
 * it: process key, element ids, message name, candidate groups, form ids and variable names of
 * {@code processes/neighbourhood-handover/neighbourhood-handover.bpmn}, spelled once.
 *
 * <p>Per household, started by the household route's call activity
 * {@code CallActivity_NeighbourhoodHandover} after guidance. Vluchtelingenwerk Utrecht prepares the
 * hand-over package (open points, agreed information transfer, never medical content) and holds the
 * warm hand-over meeting; the buurtteam accepts, in Tasklist or reported by its own system (message
 * scope household). Then the buurtteam is the household's contact point. Output:
 * {@link #VAR_HANDOVER_ACCEPTED_ON}.
 */
public final class NeighbourhoodHandoverProcess {

    /** Process definition key, identical to the BPMN file name and its folder under processes/. */
    public static final String PROCESS_KEY = "neighbourhood-handover";

    // Messages: each name is exactly the CloudEvent type that correlates it.

    /** The buurtteam organisation's system reports the hand-over accepted (scope household). */
    public static final String MESSAGE_HANDOVER_ACCEPTED = "nl.buurtteam.handover-accepted";

    /** Outbound message to the buurtteam: package reference, proposed meeting date, agreed kinds of information. */
    public static final String OUTBOUND_HANDOVER_PACKAGE_SENT = "nl.utrecht.hub.handover-package-sent";

    // Element ids.

    public static final String START_HANDOVER_STARTED = "StartEvent_HandoverStarted";
    public static final String TASK_PREPARE_HANDOVER_PACKAGE = "UserTask_PrepareHandoverPackage";
    /** Send task (delegate ${outboundMessage}, asynchronous): the package announcement to the buurtteam. */
    public static final String SEND_HANDOVER_PACKAGE = "SendTask_SendHandoverPackage";
    public static final String TASK_HOLD_HANDOVER_MEETING = "UserTask_HoldHandoverMeeting";
    public static final String TASK_ACCEPT_HANDOVER = "UserTask_AcceptHandover";
    public static final String BOUNDARY_HANDOVER_ACCEPTED_REPORTED = "BoundaryEvent_HandoverAcceptedReported";
    public static final String END_NEIGHBOURHOOD_TEAM_RESPONSIBLE = "EndEvent_NeighbourhoodTeamResponsible";

    // Candidate groups.

    /** Vluchtelingenwerk Utrecht: prepares and holds the hand-over. */
    public static final String GROUP_VLUCHTELINGENWERK_UTRECHT = "vluchtelingenwerk-utrecht";
    /** The buurtteam: accepts the hand-over. */
    public static final String GROUP_NEIGHBOURHOOD_TEAM = "neighbourhood-team";

    // Camunda Forms, by their "id" (bound to the deployment of the process).

    public static final String FORM_PREPARE_HANDOVER_PACKAGE = "neighbourhood-handover.prepare-handover-package";
    public static final String FORM_HOLD_HANDOVER_MEETING = "neighbourhood-handover.hold-handover-meeting";
    public static final String FORM_ACCEPT_HANDOVER = "neighbourhood-handover.accept-handover";

    // Input variables, passed in by the household route.

    /** String, the opaque case id, also the business key. */
    public static final String VAR_CASE_ID = "caseId";
    /** java.util.Date, the household's settlement date. */
    public static final String VAR_SETTLEMENT_DATE = "settlementDate";

    // Variables set in the process.

    /** String, the open points for the buurtteam, at most 2000 characters; never medical data. */
    public static final String VAR_OPEN_POINTS = "openPoints";
    /** String, Vluchtelingenwerk Utrecht's reference of the package (3 to 40 letters, digits, dashes); sent to the buurtteam. */
    public static final String VAR_HANDOVER_PACKAGE_REFERENCE = "handoverPackageReference";
    /** String, ISO date (yyyy-MM-dd) proposed for the hand-over meeting; sent to the buurtteam. */
    public static final String VAR_PROPOSED_MEETING_DATE = "proposedMeetingDate";
    /** java.util.List of String: the {@link AgreedInformation#value()}s agreed with the household. */
    public static final String VAR_AGREED_INFORMATION = "agreedInformation";
    /** String, optional, at most 500 characters; never medical data. */
    public static final String VAR_HANDOVER_REMARKS = "handoverRemarks";
    /** String, ISO date (yyyy-MM-dd) of the warm hand-over meeting. */
    public static final String VAR_HANDOVER_MEETING_DATE = "handoverMeetingDate";
    /** java.util.List of String: the {@link ParticipantRole#value()}s present at the meeting. */
    public static final String VAR_MEETING_PARTICIPANT_ROLES = "meetingParticipantRoles";
    /** String, optional, at most 500 characters; never medical data. */
    public static final String VAR_MEETING_REMARKS = "meetingRemarks";
    /** String, ISO date (yyyy-MM-dd) entered in Tasklist when the buurtteam accepted. */
    public static final String VAR_HANDOVER_ACCEPTED_DATE = "handoverAcceptedDate";
    /**
     * java.util.Date (00:00 Utrecht), the output of the process: set by the hub from the partner's
     * message, or from {@link #VAR_HANDOVER_ACCEPTED_DATE} when the task is completed in Tasklist.
     */
    public static final String VAR_HANDOVER_ACCEPTED_ON = "handoverAcceptedOn";
    /** String, optional, at most 500 characters; never medical data. */
    public static final String VAR_ACCEPTANCE_REMARKS = "acceptanceRemarks";

    /** The options of the "agreedInformation" checklist: what is handed over, never medical data. */
    public enum AgreedInformation {
        HOUSEHOLD("household"),
        HOUSING("housing"),
        FINANCES("finances"),
        WORK_AND_INCOME("work-and-income"),
        CIVIC_INTEGRATION("civic-integration"),
        EDUCATION("education"),
        VOLUNTEER_NETWORK("volunteer-network");

        private final String value;

        AgreedInformation(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /** The options of the "meetingParticipantRoles" checklist: roles, never names. */
    public enum ParticipantRole {
        VLUCHTELINGENWERK("vluchtelingenwerk"),
        NEIGHBOURHOOD_TEAM("neighbourhood-team"),
        MAIN_PERSON("main-person"),
        HOUSEHOLD_MEMBER("household-member"),
        INTERPRETER("interpreter"),
        WORK_MATCHER("work-matcher"),
        VOLUNTEER("volunteer");

        private final String value;

        ParticipantRole(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    private NeighbourhoodHandoverProcess() {
    }
}
