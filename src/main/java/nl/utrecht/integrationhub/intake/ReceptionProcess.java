package nl.utrecht.integrationhub.intake;

/**
 * Phase A, reception in the AZC ("Opvang in het AZC"), as code sees it: process key, element ids,
 * message names, candidate groups, form ids and variable names of
 * {@code processes/reception/reception.bpmn}, spelled once.
 *
 * <p>Per household, started by the household route's call activity
 * {@link HouseholdRouteProcess#CALL_RECEPTION} with the case id as business key and the intake
 * variables ({@link HouseholdRouteProcess#VAR_CASE_ID}, {@link HouseholdRouteProcess#VAR_MAIN_PERSON_REF},
 * {@link HouseholdRouteProcess#VAR_AZC_LOCATION}, {@link HouseholdRouteProcess#VAR_ARRIVAL_DATE},
 * {@link HouseholdRouteProcess#VAR_SCHOOL_AGE_CHILDREN}, {@link HouseholdRouteProcess#VAR_SCHOOL_PLACEMENT_DUE},
 * {@link HouseholdRouteProcess#VAR_HOUSEHOLD_MEMBERS}). In parallel: Vluchtelingenwerk opens the dossier
 * (in Tasklist, or reported by its own system), one school placement per child of compulsory school
 * age (due 3 days after arrival), and the activation from day one, for everyone, status or not. Then
 * reception waits for IND's permit. COA's report of a departure without status may come at any moment:
 * an interrupting event subprocess cancels whatever is open (tasks or the wait for the permit), and
 * Vluchtelingenwerk records what the activation achieved, because it counts without a status too. The
 * outcome ({@link #VAR_RECEPTION_OUTCOME}) goes back to the household route.
 */
public final class ReceptionProcess {

    /** Process definition key, identical to the BPMN file name and its folder under processes/. */
    public static final String PROCESS_KEY = "reception";

    // Messages: each name is exactly the CloudEvent type that correlates it (scope household).

    /** Vluchtelingenwerk's system reports the dossier opened; completes the dossier step. */
    public static final String MESSAGE_DOSSIER_OPENED = "nl.vluchtelingenwerk.dossier-opened";
    /**
     * IND granted the residence permit (reported by COA); consumed at {@link #EVENT_PERMIT_GRANTED} only,
     * after every reception task (the hub parks an earlier one).
     */
    public static final String MESSAGE_PERMIT_GRANTED = "nl.ind.residence-permit-granted";
    /**
     * COA: the household left the AZC without a permit; consumed at any moment of reception by the
     * interrupting event subprocess ({@link #START_DEPARTED_WITHOUT_STATUS}).
     */
    public static final String MESSAGE_DEPARTED_WITHOUT_STATUS = "nl.coa.departed-without-status";

    // Element ids.

    public static final String START_RECEPTION_STARTED = "StartEvent_ReceptionStarted";
    public static final String TASK_OPEN_DOSSIER = "UserTask_OpenDossier";
    /** Interrupting message boundary event of {@link #MESSAGE_DOSSIER_OPENED} on the dossier task. */
    public static final String BOUNDARY_DOSSIER_OPENED_BY_PARTNER = "BoundaryEvent_DossierOpenedByPartner";
    /** Multi-instance over {@link HouseholdRouteProcess#VAR_SCHOOL_AGE_CHILDREN}, due {@code schoolPlacementDue}. */
    public static final String TASK_PLACE_CHILD_IN_SCHOOL = "UserTask_PlaceChildInSchool";
    public static final String TASK_RECORD_ACTIVATION = "UserTask_RecordActivation";
    /** Message catch of {@link #MESSAGE_PERMIT_GRANTED}: reached when every reception task is done. */
    public static final String EVENT_PERMIT_GRANTED = "Event_PermitGranted";
    public static final String END_RECEPTION_ENDED_WITH_PERMIT = "EndEvent_ReceptionEndedWithPermit";
    /** Interrupting event subprocess "Vertrek zonder status": cancels whatever reception has open. */
    public static final String SUBPROCESS_DEPARTED_WITHOUT_STATUS = "SubProcess_DepartedWithoutStatus";
    /** Its interrupting message start on {@link #MESSAGE_DEPARTED_WITHOUT_STATUS}. */
    public static final String START_DEPARTED_WITHOUT_STATUS = "StartEvent_DepartedWithoutStatus";
    /** "Activering afsluiten bij vertrek zonder status", in the event subprocess. */
    public static final String TASK_CLOSE_ACTIVATION = "UserTask_CloseActivation";
    /** End of the event subprocess; sets {@link #VAR_RECEPTION_OUTCOME} to {@link Outcome#DEPARTED}. */
    public static final String END_RECEPTION_ENDED_WITHOUT_STATUS = "EndEvent_ReceptionEndedWithoutStatus";

    // Candidate groups.

    /** Vluchtelingenwerk Midden-Nederland: social guidance from day one in the AZC. */
    public static final String GROUP_VLUCHTELINGENWERK = "vluchtelingenwerk-mn";
    /** The municipality's education team (leerplicht, school placement). */
    public static final String GROUP_EDUCATION = "education";

    // Camunda Forms, by their "id" (bound to the deployment of the process).

    public static final String FORM_OPEN_DOSSIER = "reception.open-dossier";
    public static final String FORM_PLACE_CHILD_IN_SCHOOL = "reception.place-child-in-school";
    public static final String FORM_RECORD_ACTIVATION = "reception.record-activation";
    public static final String FORM_CLOSE_ACTIVATION = "reception.close-activation";

    // Variables of the dossier step.

    /** String, Vluchtelingenwerk's dossier number (from the form or from the partner's message); mapped out. */
    public static final String VAR_DOSSIER_NUMBER = "dossierNumber";
    /** java.util.Date: set by the hub on the partner's message, or the completion time in Tasklist. */
    public static final String VAR_DOSSIER_OPENED_ON = "dossierOpenedOn";
    /** String, ISO date (yyyy-MM-dd) from the form. */
    public static final String VAR_PROFILE_ASSESSMENT_DATE = "profileAssessmentDate";
    /** String, optional, at most 500 characters; never medical data. */
    public static final String VAR_REMARKS = "remarks";

    // Variables of one school placement: local to that child's task instance, so siblings do not
    // overwrite each other.

    /** String, the child's person ref: the multi-instance element variable. */
    public static final String VAR_CHILD_REF = "childRef";
    /** String, one of {@link SchoolType#value()}. */
    public static final String VAR_SCHOOL_TYPE = "schoolType";
    /** String, the name of the school. */
    public static final String VAR_SCHOOL_NAME = "schoolName";
    /** String, ISO date (yyyy-MM-dd) of the first school day. */
    public static final String VAR_FIRST_SCHOOL_DAY = "firstSchoolDay";

    // Variables of the activation from day one (household level, kept whatever the outcome).

    /** Boolean: the person-profile assessment is done. */
    public static final String VAR_PROFILE_ASSESSMENT_DONE = "profileAssessmentDone";
    /** String, one of {@link Course#value()}. */
    public static final String VAR_COURSE_OFFERED = "courseOffered";
    /** Boolean: the pre-integration programme ("voor-inburgering") in the AZC started. */
    public static final String VAR_PRE_INTEGRATION_STARTED = "preIntegrationStarted";
    /** String, optional, at most 200 characters: kind of volunteer activity or organisation, no names. */
    public static final String VAR_VOLUNTEER_ACTIVITY = "volunteerActivity";
    /** Boolean: GGD screening (tuberculosis, infectious diseases) done; never its result. */
    public static final String VAR_GGD_SCREENING_DONE = "ggdScreeningDone";
    /** java.util.Date, the moment the activation task was completed in Tasklist. */
    public static final String VAR_ACTIVATION_RECORDED_ON = "activationRecordedOn";

    // Variables of closing the activation on a departure without status (the close-activation form
    // also updates VAR_PROFILE_ASSESSMENT_DONE and VAR_VOLUNTEER_ACTIVITY).

    /**
     * java.util.List of String, each one of {@link Course#value()} except {@link Course#NONE}: the
     * courses followed, empty if none; a JSON variable (the form's checklist).
     */
    public static final String VAR_COURSES_FOLLOWED = "coursesFollowed";
    /** java.util.Date, the moment the close-activation task was completed in Tasklist. */
    public static final String VAR_ACTIVATION_CLOSED_ON = "activationClosedOn";

    // Variables of the status decision.

    /** java.util.Date, from {@link #MESSAGE_PERMIT_GRANTED}; mapped out to the household route. */
    public static final String VAR_PERMIT_GRANTED_ON = "permitGrantedOn";
    /** java.util.Date, from {@link #MESSAGE_DEPARTED_WITHOUT_STATUS} (set by the hub on correlation). */
    public static final String VAR_DEPARTED_ON = "departedOn";
    /**
     * String, one of {@link Outcome#value()}: set by {@link #EVENT_PERMIT_GRANTED} or by
     * {@link #END_RECEPTION_ENDED_WITHOUT_STATUS}; mapped out.
     */
    public static final String VAR_RECEPTION_OUTCOME = "receptionOutcome";

    /** The options of the school placement form's "schoolType" select. */
    public enum SchoolType {
        /** Taalschool Het Mozaïek (ages 5 to 12). */
        LANGUAGE_SCHOOL_MOZAIEK("taalschool-mozaiek"),
        /** Internationale Schakelklas (ages 12 to 18). */
        INTERNATIONAL_TRANSITION_CLASS("isk"),
        REGULAR("regular"),
        OTHER("other");

        private final String value;

        SchoolType(String value) {
            this.value = value;
        }

        /** The value the form submits. */
        public String value() {
            return value;
        }
    }

    /** The options of the activation form's "courseOffered" select. */
    public enum Course {
        INTERNATIONAL_ENTREPRENEURSHIP("international-entrepreneurship"),
        /** (Business) English. */
        ENGLISH("english"),
        /** A Plan Einstein course, open to neighbours too (inclusive city). */
        PLAN_EINSTEIN("plan-einstein"),
        NONE("none");

        private final String value;

        Course(String value) {
            this.value = value;
        }

        /** The value the form submits. */
        public String value() {
            return value;
        }
    }

    /** The values of {@link #VAR_RECEPTION_OUTCOME}; the household route's gateway tests them. */
    public enum Outcome {
        /** The person is a status holder: the route goes on to housing. */
        PERMIT_GRANTED("permit-granted"),
        /** Left without a status: the activation is closed, the route ends, the activation counts. */
        DEPARTED("departed");

        private final String value;

        Outcome(String value) {
            this.value = value;
        }

        /** The value of the process variable. */
        public String value() {
            return value;
        }
    }

    private ReceptionProcess() {
    }
}
