package nl.utrecht.integrationhub.intake;

/**
 * The household route ("Route huishouden: van AZC naar buurtteam") as code sees it: process key,
 * element ids, message names, candidate groups, form ids and variable names of
 * {@code processes/household-route/household-route.bpmn}, spelled once. Code that starts, correlates
 * or queries the route uses these constants; the model-lint and process tests keep them in step
 * with the model.
 *
 * <p>Phase A (reception in the AZC) only, so far: a message start on COA's intake registration, then
 * in parallel Vluchtelingenwerk opening the dossier (in Tasklist, or reported by its own system) and
 * one school placement per child of compulsory school age, each due within 3 days of arrival.
 */
public final class HouseholdRouteProcess {

    /** Process definition key, identical to the BPMN file name and its folder under processes/. */
    public static final String PROCESS_KEY = "household-route";

    // Messages: each name is exactly the CloudEvent type that correlates it.

    /** Starts the route; business key = the case id. */
    public static final String MESSAGE_INTAKE_REGISTERED = "nl.coa.azc-intake-registered";
    /** Vluchtelingenwerk's system reports the dossier opened; completes the dossier step. */
    public static final String MESSAGE_DOSSIER_OPENED = "nl.vluchtelingenwerk.dossier-opened";

    // Element ids.

    public static final String START_INTAKE_REGISTERED = "StartEvent_IntakeRegistered";
    public static final String TASK_OPEN_DOSSIER = "UserTask_OpenDossier";
    public static final String BOUNDARY_DOSSIER_OPENED_BY_PARTNER = "BoundaryEvent_DossierOpenedByPartner";
    public static final String TASK_PLACE_CHILD_IN_SCHOOL = "UserTask_PlaceChildInSchool";
    public static final String END_RECEPTION_STARTED = "EndEvent_ReceptionStarted";

    // Candidate groups.

    /** Vluchtelingenwerk Midden-Nederland: social guidance from day one in the AZC. */
    public static final String GROUP_VLUCHTELINGENWERK = "vluchtelingenwerk-mn";
    /** The municipality's education team (leerplicht, school placement). */
    public static final String GROUP_EDUCATION = "education";

    // Camunda Forms, by their "id" (bound to the deployment of the process).

    public static final String FORM_OPEN_DOSSIER = "household-route.open-dossier";
    public static final String FORM_PLACE_CHILD_IN_SCHOOL = "household-route.place-child-in-school";

    // Variables set by the hub when it starts the route.

    /** String, the opaque case id, also the business key, e.g. {@code HH-2026-000123}. */
    public static final String VAR_CASE_ID = "caseId";
    /** String, opaque person reference of the main person, e.g. {@code P-000041}. */
    public static final String VAR_MAIN_PERSON_REF = "mainPersonRef";
    /** String: Joseph Haydnlaan, Ravellaan or Einsteindreef. */
    public static final String VAR_AZC_LOCATION = "azcLocation";
    /** java.util.Date, the day of arrival in the AZC. */
    public static final String VAR_ARRIVAL_DATE = "arrivalDate";
    /**
     * java.util.List of String person refs of the children aged 5 up to 18 on the arrival date, may be
     * empty; a JSON object variable (Spin). Pass a mutable list such as {@code ArrayList}: Spin records
     * the list's class and must be able to instantiate it again.
     */
    public static final String VAR_SCHOOL_AGE_CHILDREN = "schoolAgeChildren";
    /**
     * java.util.List of maps {personRef, birthDate (yyyy-MM-dd), relation}: every member, the main
     * person included; a JSON object variable. Read it with the expression bean {@code ages}.
     */
    public static final String VAR_HOUSEHOLD_MEMBERS = "householdMembers";
    /** java.util.Date, arrival date plus the configured school placement term (3 days); the due date. */
    public static final String VAR_SCHOOL_PLACEMENT_DUE = "schoolPlacementDue";

    // Variables of the dossier step.

    /** String, Vluchtelingenwerk's dossier number (from the form or from the partner's message). */
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

    private HouseholdRouteProcess() {
    }
}
