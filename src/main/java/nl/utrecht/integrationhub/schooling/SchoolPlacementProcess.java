package nl.utrecht.integrationhub.schooling;

/**
 * School placement of one child after settlement ("Schoolplaatsing van een kind na vestiging"), as
 * code sees it: process key, decision key, element ids, message name, form ids and variable names of
 * {@code processes/school-placement/}, spelled once.
 *
 * <p>Started per minor by the household route, beside the settlement phase (business key = case id, {@code personRef} = the
 * child). The decision {@code school-type} chooses by the age in whole months on the settlement date:
 * pre-school education (VVE, 30 to 48 months, only on the child health clinic's referral), Taalschool
 * Het Mozaïek (48 to 144 months, compulsory from 60) with a review after a year, the International
 * Transition Class (144 to 216 months) with a review after half a year, or no placement. The placement
 * may also be reported by the education department's system, per child.
 */
public final class SchoolPlacementProcess {

    /** Process definition key, identical to the BPMN file name and its folder under processes/. */
    public static final String PROCESS_KEY = "school-placement";
    /** Decision key (and decision id) of {@code processes/school-placement/school-type.dmn}. */
    public static final String DECISION_SCHOOL_TYPE = "school-type";

    /** Scope person: correlated by business key and the process variable {@link #VAR_PERSON_REF}. */
    public static final String MESSAGE_SCHOOL_PLACEMENT_DONE = "nl.utrecht.school-placement-done";

    /** Outbound message to Onderwijs, one per child (subject: the child): school type and placement deadline. */
    public static final String OUTBOUND_SCHOOL_REGISTRATION_REQUESTED = "nl.utrecht.hub.school-registration-requested";

    /** Deadline name of the placement deadline sent with the registration (from the settlement date). */
    public static final String DEADLINE_SCHOOL_PLACEMENT = "school-placement";

    // Element ids.

    public static final String START_SCHOOL_PLACEMENT_STARTED = "StartEvent_SchoolPlacementStarted";
    public static final String RULE_DETERMINE_SCHOOL_TYPE = "BusinessRuleTask_DetermineSchoolType";
    public static final String END_NO_SCHOOL_PLACEMENT_NEEDED = "EndEvent_NoSchoolPlacementNeeded";
    public static final String TASK_PRE_SCHOOL_REFERRAL = "UserTask_PreSchoolReferral";
    public static final String END_NO_PRE_SCHOOL_REFERRAL = "EndEvent_NoPreSchoolReferral";
    /** Send task (delegate ${outboundMessage}, asynchronous): registers the child with Onderwijs. */
    public static final String SEND_REQUEST_SCHOOL_REGISTRATION = "SendTask_RequestSchoolRegistration";
    public static final String TASK_PLACE_CHILD = "UserTask_PlaceChild";
    public static final String BOUNDARY_PLACEMENT_REPORTED = "BoundaryEvent_PlacementReported";
    public static final String END_PRE_SCHOOL_PLACED = "EndEvent_PreSchoolPlaced";
    public static final String TIMER_LANGUAGE_SCHOOL_REVIEW_DUE = "TimerEvent_LanguageSchoolReviewDue";
    public static final String TASK_REVIEW_LANGUAGE_SCHOOL = "UserTask_ReviewLanguageSchool";
    public static final String END_LANGUAGE_SCHOOL_REVIEWED = "EndEvent_LanguageSchoolReviewed";
    public static final String TIMER_TRANSITION_CLASS_REVIEW_DUE = "TimerEvent_TransitionClassReviewDue";
    public static final String TASK_REVIEW_TRANSITION_CLASS = "UserTask_ReviewTransitionClass";
    public static final String END_TRANSITION_CLASS_REVIEWED = "EndEvent_TransitionClassReviewed";

    /** The municipality's education team (leerplicht, school placement). */
    public static final String GROUP_EDUCATION = "education";

    // Camunda Forms, by their "id".

    public static final String FORM_PRE_SCHOOL_REFERRAL = "school-placement.pre-school-referral";
    public static final String FORM_PLACE_CHILD = "school-placement.place-child";
    public static final String FORM_REVIEW_LANGUAGE_SCHOOL = "school-placement.review-language-school";
    public static final String FORM_REVIEW_TRANSITION_CLASS = "school-placement.review-transition-class";

    // Deadlines (names of the expression bean deadlines), counted from the first school day.

    public static final String DEADLINE_LANGUAGE_SCHOOL_REVIEW = "language-school-review";
    public static final String DEADLINE_TRANSITION_CLASS_REVIEW = "transition-class-review";

    // Input variables (passed in by the household route's call activity).

    /** String, the opaque case id, also the business key. */
    public static final String VAR_CASE_ID = "caseId";
    /** String, the child's person reference; person-scoped messages correlate on it. */
    public static final String VAR_PERSON_REF = "personRef";
    /** java.util.Date, the move date: the decision date of the age. */
    public static final String VAR_SETTLEMENT_DATE = "settlementDate";
    /** java.util.Date, the child's birth date. */
    public static final String VAR_CHILD_BIRTH_DATE = "childBirthDate";

    // Variables of the decision: the input and the outputs (kept as process variables).

    /** Integer, whole months of age on the settlement date: the decision's input. */
    public static final String VAR_AGE_IN_MONTHS = "ageInMonths";
    /** String, one of {@link SchoolType#value()}. */
    public static final String VAR_SCHOOL_TYPE = "schoolType";
    /** Boolean, of compulsory school age (5 and over). */
    public static final String VAR_COMPULSORY = "compulsory";
    /** String, Dutch description of the school type; part of the placement task's name. */
    public static final String VAR_SCHOOL_TYPE_LABEL = "schoolTypeLabel";

    // Variables of the placement and the reviews.

    /** String, {@code referred} or {@code not-referred}: the child health clinic's referral to VVE. */
    public static final String VAR_PRE_SCHOOL_REFERRAL = "preSchoolReferral";
    public static final String PRE_SCHOOL_REFERRED = "referred";
    public static final String PRE_SCHOOL_NOT_REFERRED = "not-referred";
    /** String, the school (or VVE location). */
    public static final String VAR_SCHOOL_NAME = "schoolName";
    /** ISO date String from the form, or java.util.Date from the education department's message. */
    public static final String VAR_FIRST_SCHOOL_DAY = "firstSchoolDay";
    /** java.util.Date, the first school day (or, without one, the settlement date): reviews run from it. */
    public static final String VAR_FIRST_SCHOOL_DAY_DATE = "firstSchoolDayDate";
    /** String, the review's outcome (the options of the review forms' select). */
    public static final String VAR_REVIEW_OUTCOME = "reviewOutcome";
    /** String, ISO date of the (planned) transition. */
    public static final String VAR_TRANSITION_DATE = "transitionDate";

    /** The decision's {@code schoolType} output. */
    public enum SchoolType {
        /** Voor- en vroegschoolse educatie, 2.5 to 4 years, on referral only. */
        PRE_SCHOOL("pre-school"),
        /** Taalschool Het Mozaïek, 4 to 12 years. */
        LANGUAGE_SCHOOL("language-school"),
        /** Internationale Schakelklas (ISK), 12 to 18 years. */
        TRANSITION_CLASS("transition-class"),
        /** Under 2.5 or 18 and over. */
        NONE("none");

        private final String value;

        SchoolType(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    private SchoolPlacementProcess() {
    }
}
