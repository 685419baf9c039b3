package nl.utrecht.integrationhub.intake;

import nl.utrecht.integrationhub.schooling.SchoolPlacementProcess;

/**
 * The household route ("Route huishouden: van AZC naar buurtteam") as code sees it: process key,
 * element ids, message names, called processes and variable names of
 * {@code processes/household-route/household-route.bpmn}, spelled once. Code that starts, correlates
 * or queries the route uses these constants; the model-lint and process tests keep them in step
 * with the model.
 *
 * <p>The top level of the route, one instance per household (business key = case id): a message start
 * on COA's intake registration, then {@link ReceptionProcess reception} (phase A). Without a status the
 * route ends there; with one it calls housing (B), and as soon as the settlement date is known three
 * branches run in parallel: settlement (C) followed by guidance (D) and the neighbourhood hand-over
 * (E); civic integration once per adult; school placement once per minor. Every phase is a
 * called process with the same business key, so partner messages correlate by case id wherever the
 * case waits for them.
 */
public final class HouseholdRouteProcess {

    /** Process definition key, identical to the BPMN file name and its folder under processes/. */
    public static final String PROCESS_KEY = "household-route";

    // Messages: each name is exactly the CloudEvent type that correlates it.

    /** Starts the route; business key = the case id. */
    public static final String MESSAGE_INTAKE_REGISTERED = "nl.coa.azc-intake-registered";
    /**
     * Vluchtelingenwerk's system reports the dossier opened. Consumed by the called {@code reception}
     * instance, which has the same business key, so the hub correlates it by case id.
     */
    public static final String MESSAGE_DOSSIER_OPENED = ReceptionProcess.MESSAGE_DOSSIER_OPENED;

    // Called processes (calledElement, binding latest). The phases' own constants classes own them
    // once they exist; the top level names what it calls.

    public static final String CALLED_RECEPTION = ReceptionProcess.PROCESS_KEY;
    public static final String CALLED_HOUSING = "housing";
    public static final String CALLED_SETTLEMENT = "settlement";
    public static final String CALLED_GUIDANCE = "guidance";
    public static final String CALLED_NEIGHBOURHOOD_HANDOVER = "neighbourhood-handover";
    /** Called once per adult (multi-instance, parallel). */
    public static final String CALLED_CIVIC_INTEGRATION = "civic-integration";
    /** Called once per minor (multi-instance, parallel). */
    public static final String CALLED_SCHOOL_PLACEMENT = SchoolPlacementProcess.PROCESS_KEY;

    // Element ids.

    public static final String START_INTAKE_REGISTERED = "StartEvent_IntakeRegistered";
    public static final String CALL_RECEPTION = "CallActivity_Reception";
    /** "Status verleend?": on {@link #VAR_RECEPTION_OUTCOME}. */
    public static final String GATEWAY_PERMIT_GRANTED = "Gateway_PermitGranted";
    public static final String END_ROUTE_ENDED_WITHOUT_STATUS = "EndEvent_RouteEndedWithoutStatus";
    public static final String CALL_HOUSING = "CallActivity_Housing";
    /**
     * Parallel split right after housing (the settlement date is known): settlement, guidance and
     * hand-over; civic integration per adult; school placement per minor.
     */
    public static final String GATEWAY_ROUTE_SPLIT = "Gateway_RouteSplit";
    public static final String CALL_SETTLEMENT = "CallActivity_Settlement";
    public static final String CALL_GUIDANCE = "CallActivity_Guidance";
    public static final String CALL_NEIGHBOURHOOD_HANDOVER = "CallActivity_NeighbourhoodHandover";
    /**
     * Multi-instance (parallel) over {@code ages.adults(householdMembers, settlementDate)}, element
     * variable {@link #VAR_PERSON_REF}.
     */
    public static final String CALL_CIVIC_INTEGRATION = "CallActivity_CivicIntegration";
    /**
     * Multi-instance (parallel) over {@code ages.minors(householdMembers, settlementDate)}, element
     * variable {@link #VAR_PERSON_REF}; passes {@link #VAR_CHILD_BIRTH_DATE}.
     */
    public static final String CALL_SCHOOL_PLACEMENT = "CallActivity_SchoolPlacement";
    /** Parallel join of the three branches before the route ends. */
    public static final String GATEWAY_ROUTE_JOIN = "Gateway_RouteJoin";
    public static final String END_ROUTE_COMPLETED = "EndEvent_RouteCompleted";

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

    // Variables of phase A, set in reception; the first three are mapped out to the route.

    /** String, {@link ReceptionProcess.Outcome#value()}: decides the gateway "Status verleend?". */
    public static final String VAR_RECEPTION_OUTCOME = ReceptionProcess.VAR_RECEPTION_OUTCOME;
    /** java.util.Date, when the IND granted the permit; null when the person left without one. */
    public static final String VAR_PERMIT_GRANTED_ON = ReceptionProcess.VAR_PERMIT_GRANTED_ON;
    /** String, Vluchtelingenwerk's dossier number (from the form or from the partner's message). */
    public static final String VAR_DOSSIER_NUMBER = ReceptionProcess.VAR_DOSSIER_NUMBER;
    /** java.util.Date, set in reception by the hub on the partner's message (not mapped out). */
    public static final String VAR_DOSSIER_OPENED_ON = ReceptionProcess.VAR_DOSSIER_OPENED_ON;

    // Variables mapped out of housing (B).

    /** java.util.Date, when COA linked the household to Utrecht. */
    public static final String VAR_LINKED_ON = "linkedOn";
    /** Integer, how many family members are to follow (nareizigers), 0 if none. */
    public static final String VAR_FAMILY_MEMBERS_TO_FOLLOW = "familyMembersToFollow";
    /** java.util.Date, the accepted home's move date: the business date of phases C to E. */
    public static final String VAR_SETTLEMENT_DATE = "settlementDate";
    /** Boolean, the home is an interim home (e.g. while waiting for family). */
    public static final String VAR_INTERIM_HOME = "interimHome";
    /** String, the district of the home. */
    public static final String VAR_DISTRICT = "district";

    // Variables mapped out of settlement (C), the PPS-V outcomes passed on to guidance.

    /** java.util.Date, registration in the BRP. */
    public static final String VAR_BRP_REGISTERED_ON = "brpRegisteredOn";
    /** String, Dutch language level from the PPS-V assessment. */
    public static final String VAR_LANGUAGE_LEVEL = "languageLevel";
    /** String, education level from the PPS-V assessment. */
    public static final String VAR_EDUCATION_LEVEL = "educationLevel";
    /** Integer, years of work experience from the PPS-V assessment. */
    public static final String VAR_WORK_EXPERIENCE_YEARS = "workExperienceYears";

    // Variables of phases D and E.

    /** java.util.Date, mapped out of neighbourhood-handover: the buurtteam is the contact point. */
    public static final String VAR_HANDOVER_ACCEPTED_ON = "handoverAcceptedOn";
    /**
     * String, a member's person ref: element variable of the civic-integration (adults) and the
     * school-placement (minors) multi-instances.
     */
    public static final String VAR_PERSON_REF = "personRef";
    /**
     * java.util.Date, a child's birth date, {@code ages.birthDate(householdMembers, personRef)}: passed
     * to each school-placement instance (not a variable of the route itself).
     */
    public static final String VAR_CHILD_BIRTH_DATE = SchoolPlacementProcess.VAR_CHILD_BIRTH_DATE;

    private HouseholdRouteProcess() {
    }
}
