package nl.utrecht.integrationhub.guidance;

/**
 * The participation declaration of one adult ("Participatieverklaring per volwassene") as code sees
 * it: process key, element ids, message name, candidate groups, form ids and variable names of
 * {@code processes/participation-declaration/participation-declaration.bpmn}, spelled once.
 *
 * <p>Started per adult by {@link GuidanceProcess#CALL_PARTICIPATION_DECLARATION}. Nine months after
 * settlement Vluchtelingenwerk Utrecht plans the six-part workshop series; then it has the declaration
 * signed, due one year after settlement: in Tasklist, or reported by its own system (message scope
 * person: business key and {@code personRef}). If the year passes unsigned, a non-interrupting timer
 * gives the civic-integration team an enforcement task while the signing task stays open.
 */
public final class ParticipationDeclarationProcess {

    /** Process definition key, identical to the BPMN file name and its folder under processes/. */
    public static final String PROCESS_KEY = "participation-declaration";

    /** Deadline name (bean {@code deadlines}): the workshop series, 9 months after settlement. */
    public static final String DEADLINE_WORKSHOPS = "participation-workshops";
    /** Deadline name (bean {@code deadlines}): the declaration signed, 12 months after settlement. */
    public static final String DEADLINE_DECLARATION = "participation-declaration";

    // Messages: each name is exactly the CloudEvent type that correlates it.

    /**
     * Vluchtelingenwerk Utrecht's system reports the declaration signed (scope person: correlate by
     * business key and {@code personRef}); sets {@link #VAR_DECLARATION_SIGNED_ON}.
     */
    public static final String MESSAGE_DECLARATION_SIGNED = "nl.vluchtelingenwerk.participation-declaration-signed";

    // Element ids.

    public static final String START_DECLARATION_TRACK_STARTED = "StartEvent_DeclarationTrackStarted";
    /** Timer: 9 months after settlement. */
    public static final String TIMER_WORKSHOPS_DUE = "Event_WorkshopsDue";
    public static final String TASK_PLAN_WORKSHOP_SERIES = "UserTask_PlanWorkshopSeries";
    public static final String TASK_HAVE_DECLARATION_SIGNED = "UserTask_HaveDeclarationSigned";
    public static final String BOUNDARY_DECLARATION_SIGNED_REPORTED = "BoundaryEvent_DeclarationSignedReported";
    /** Non-interrupting timer on the signing task: 12 months after settlement. */
    public static final String BOUNDARY_DECLARATION_OVERDUE = "BoundaryTimer_DeclarationOverdue";
    public static final String TASK_ENFORCE_DECLARATION = "UserTask_EnforceDeclaration";
    public static final String END_DECLARATION_SIGNED = "EndEvent_DeclarationSigned";
    public static final String END_ENFORCEMENT_HANDLED = "EndEvent_EnforcementHandled";

    // Candidate groups.

    /** Vluchtelingenwerk Utrecht: the workshops and the signing. */
    public static final String GROUP_VLUCHTELINGENWERK_UTRECHT = "vluchtelingenwerk-utrecht";
    /** The municipality's civic-integration team (regiefunctie): enforcement. */
    public static final String GROUP_CIVIC_INTEGRATION = "civic-integration";

    // Camunda Forms, by their "id" (bound to the deployment of the process).

    public static final String FORM_PLAN_WORKSHOP_SERIES = "participation-declaration.plan-workshop-series";
    public static final String FORM_HAVE_DECLARATION_SIGNED = "participation-declaration.have-declaration-signed";
    public static final String FORM_ENFORCE_DECLARATION = "participation-declaration.enforce-declaration";

    // Input variables, passed in by the guidance call activity.

    /** String, the opaque case id, also the business key. */
    public static final String VAR_CASE_ID = "caseId";
    /** String, the adult's person reference; messages of scope person correlate on it. */
    public static final String VAR_PERSON_REF = "personRef";
    /** java.util.Date, the household's settlement date: the business date of both deadlines. */
    public static final String VAR_SETTLEMENT_DATE = "settlementDate";

    // Variables set in the process.

    /** String, ISO date (yyyy-MM-dd) of the first workshop. */
    public static final String VAR_FIRST_WORKSHOP_DATE = "firstWorkshopDate";
    /** Boolean, optional: an interpreter is needed at the workshops. */
    public static final String VAR_INTERPRETER_NEEDED = "interpreterNeeded";
    /** String, optional, at most 500 characters; never medical data. */
    public static final String VAR_WORKSHOP_REMARKS = "workshopRemarks";
    /** String, ISO date (yyyy-MM-dd) entered in Tasklist when the declaration was signed. */
    public static final String VAR_DECLARATION_SIGNED_DATE = "declarationSignedDate";
    /**
     * java.util.Date (00:00 Utrecht): set by the hub from the partner's message, or from
     * {@link #VAR_DECLARATION_SIGNED_DATE} when the task is completed in Tasklist.
     */
    public static final String VAR_DECLARATION_SIGNED_ON = "declarationSignedOn";
    /** String, optional, at most 500 characters; never medical data. */
    public static final String VAR_DECLARATION_REMARKS = "declarationRemarks";
    /** String, one of {@link EnforcementMeasure#value()}. */
    public static final String VAR_ENFORCEMENT_MEASURE = "enforcementMeasure";
    /** String, optional, at most 500 characters; never medical data. */
    public static final String VAR_ENFORCEMENT_REMARKS = "enforcementRemarks";

    /** The options of the enforcement form's "enforcementMeasure" select. */
    public enum EnforcementMeasure {
        REMINDER("reminder"),
        WARNING("warning"),
        REPORT_TO_DUO("report-to-duo"),
        /** No measure: the declaration has been signed after the deadline. */
        SIGNED_LATE("signed-late"),
        /** No measure: exemption. */
        EXEMPT("exempt");

        private final String value;

        EnforcementMeasure(String value) {
            this.value = value;
        }

        /** The value the form submits. */
        public String value() {
            return value;
        }
    }

    private ParticipationDeclarationProcess() {
    }
}
