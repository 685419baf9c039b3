package nl.utrecht.integrationhub.guidance;

/**
 * Phase D, guidance and participation ("Begeleiding en participatie"), as code sees it: process key,
 * element ids, decision key, candidate groups, form ids and variable names of
 * {@code processes/guidance/guidance.bpmn} and {@code trajectory-eligibility.dmn}, spelled once.
 *
 * <p>Per household, started by the household route's call activity {@code CallActivity_Guidance}. In
 * parallel: one {@link ParticipationDeclarationProcess participation declaration} per adult (18 or
 * over on the settlement date); work and income (the decision {@value #DECISION_TRAJECTORY_ELIGIBILITY}
 * lists the trajectories the main person is eligible for, the work matcher chooses one); a match with
 * a language coach or volunteer network. After all three, the guidance runs until 18 months after
 * settlement ({@code deadlines.after(settlementDate, 'guidance')}), then the process ends and the route
 * continues with the warm hand-over to the buurtteam.
 */
public final class GuidanceProcess {

    /** Process definition key, identical to the BPMN file name and its folder under processes/. */
    public static final String PROCESS_KEY = "guidance";

    /** Decision key (id) of {@code processes/guidance/trajectory-eligibility.dmn}, hit policy COLLECT. */
    public static final String DECISION_TRAJECTORY_ELIGIBILITY = "trajectory-eligibility";

    /** The deadline name (bean {@code deadlines}) of the guidance period: 18 months after settlement. */
    public static final String DEADLINE_GUIDANCE = "guidance";

    /**
     * Werk en Inkomen placed the main person in a trajectory (scope household); sets
     * {@link #VAR_CHOSEN_TRAJECTORY} and {@link #VAR_TRAJECTORY_START_DATE}. Completes the work matcher's choice.
     */
    public static final String MESSAGE_TRAJECTORY_PLACEMENT_MADE = "nl.utrecht.trajectory-placement-made";
    /**
     * Werk en Inkomen reports a household member's outflow (scope household; non-interrupting, any number of
     * times while guidance runs); sets {@link #VAR_OUTFLOW_KIND} and {@link #VAR_OUTFLOW_ON}. For monitoring.
     */
    public static final String MESSAGE_PARTICIPATION_OUTFLOW_REPORTED = "nl.utrecht.participation-outflow-reported";

    // Element ids.

    public static final String START_GUIDANCE_STARTED = "StartEvent_GuidanceStarted";
    /** Multi-instance call activity of {@value ParticipationDeclarationProcess#PROCESS_KEY}, one per adult. */
    public static final String CALL_PARTICIPATION_DECLARATION = "CallActivity_ParticipationDeclaration";
    public static final String BUSINESS_RULE_DETERMINE_TRAJECTORIES = "BusinessRuleTask_DetermineTrajectories";
    public static final String TASK_CHOOSE_TRAJECTORY = "UserTask_ChooseTrajectory";
    /** Interrupting message boundary of {@link #TASK_CHOOSE_TRAJECTORY}: {@link #MESSAGE_TRAJECTORY_PLACEMENT_MADE}. */
    public static final String BOUNDARY_TRAJECTORY_PLACEMENT_REPORTED = "BoundaryEvent_TrajectoryPlacementReported";
    public static final String GATEWAY_TRAJECTORY_CHOSEN = "Gateway_TrajectoryChosen";
    public static final String TASK_MATCH_COACH_OR_VOLUNTEER_NETWORK = "UserTask_MatchCoachOrVolunteerNetwork";
    /** Timer: 18 months after settlement; fires at once if that moment has passed. */
    public static final String TIMER_GUIDANCE_PERIOD_OVER = "Event_GuidancePeriodOver";
    public static final String END_GUIDANCE_COMPLETED = "EndEvent_GuidanceCompleted";
    /** Non-interrupting event subprocess: {@link #MESSAGE_PARTICIPATION_OUTFLOW_REPORTED} recorded. */
    public static final String SUBPROCESS_OUTFLOW_REPORTED = "SubProcess_OutflowReported";
    public static final String START_OUTFLOW_REPORTED = "StartEvent_OutflowReported";
    public static final String END_OUTFLOW_RECORDED = "EndEvent_OutflowRecorded";

    // Candidate groups.

    /** The municipality's Werk en Inkomen: the work matcher. */
    public static final String GROUP_WORK_AND_INCOME = "work-and-income";
    /** Vluchtelingenwerk Utrecht: social guidance after settlement. */
    public static final String GROUP_VLUCHTELINGENWERK_UTRECHT = "vluchtelingenwerk-utrecht";

    // Camunda Forms, by their "id" (bound to the deployment of the process).

    public static final String FORM_CHOOSE_TRAJECTORY = "guidance.choose-trajectory";
    public static final String FORM_MATCH_COACH_OR_VOLUNTEER_NETWORK = "guidance.match-coach-or-volunteer-network";

    // Input variables, passed in by the household route.

    /** String, the opaque case id, also the business key. */
    public static final String VAR_CASE_ID = "caseId";
    /** String, person reference of the main person: the subject of the trajectory decision. */
    public static final String VAR_MAIN_PERSON_REF = "mainPersonRef";
    /** java.util.List of maps {personRef, birthDate (yyyy-MM-dd), relation}; a JSON object variable. */
    public static final String VAR_HOUSEHOLD_MEMBERS = "householdMembers";
    /** java.util.Date, the day the household moved into its home: the business date of phase D. */
    public static final String VAR_SETTLEMENT_DATE = "settlementDate";
    /** String, Dutch language level from the PPS-V assessment: A0, A1, A2, B1, B2 or C1. */
    public static final String VAR_LANGUAGE_LEVEL = "languageLevel";
    /** String, from the PPS-V assessment: one of {@link EducationLevel#value()}. */
    public static final String VAR_EDUCATION_LEVEL = "educationLevel";
    /** Integer, years of work experience from the PPS-V assessment. */
    public static final String VAR_WORK_EXPERIENCE_YEARS = "workExperienceYears";

    // Variables set in the process.

    /**
     * String, the adult's person ref: the element variable of the multi-instance call activity, passed
     * to each participation declaration as its {@code personRef}.
     */
    public static final String VAR_PERSON_REF = "personRef";
    /**
     * Number, the main person's age on the settlement date in years (months / 12, may have a fraction;
     * the decision rounds it down). Local to the business rule task: an input mapping.
     */
    public static final String VAR_AGE_IN_YEARS = "ageInYears";
    /** java.util.List of String, the {@link Trajectory#value()}s the decision found (never empty). */
    public static final String VAR_ELIGIBLE_TRAJECTORIES = "eligibleTrajectories";
    /** String, the work matcher's choice: one of {@link Trajectory#value()}. */
    public static final String VAR_CHOSEN_TRAJECTORY = "chosenTrajectory";
    /** The day the chosen trajectory starts: ISO date String from the form, java.util.Date from Werk en Inkomen's message. */
    public static final String VAR_TRAJECTORY_START_DATE = "trajectoryStartDate";
    /** String, optional, at most 500 characters; never medical data. */
    public static final String VAR_TRAJECTORY_REMARKS = "trajectoryRemarks";
    /** String, one of {@link OutflowKind#value()}: the last outflow reported (every report is in the history). */
    public static final String VAR_OUTFLOW_KIND = "outflowKind";
    /** Date: the day of the last outflow reported. */
    public static final String VAR_OUTFLOW_ON = "outflowOn";
    /** String, one of {@link CoachingMatch#value()}. */
    public static final String VAR_COACHING_MATCH = "coachingMatch";
    /** String, ISO date (yyyy-MM-dd) the coaching or volunteer match starts. */
    public static final String VAR_COACHING_START_DATE = "coachingStartDate";
    /** String, optional, at most 500 characters; never medical data. */
    public static final String VAR_COACHING_REMARKS = "coachingRemarks";

    /** The decision's output values: the trajectories towards work (select options of the forms). */
    public enum Trajectory {
        /** Werkervaringsplaats. */
        WORK_EXPERIENCE_PLACE("work-experience-place"),
        /** VIP-project: CV, presentation, entrepreneurship, intercultural communication, job coach, plan. */
        VIP_PROJECT("vip-project"),
        /** Regular education with student finance, ages 18 up to 30. */
        REGULAR_EDUCATION("regular-education"),
        /** UAF, the foundation for refugee students: higher education. */
        UAF("uaf"),
        /** inclUUsion: Utrecht University courses, about 20 hours a week for 6 to 10 weeks. */
        INCLUSION("inclusion"),
        /** Dutch first (language level A0 or A1). */
        LANGUAGE_FIRST("language-first");

        private final String value;

        Trajectory(String value) {
            this.value = value;
        }

        /** The value the decision returns and the form submits. */
        public String value() {
            return value;
        }
    }

    /** Education levels of the PPS-V assessment, as the decision reads them. */
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

    /** The options of the coaching form's "coachingMatch" select. */
    public enum CoachingMatch {
        /** Taal doet Meer. */
        LANGUAGE_COACH("language-coach"),
        NEW_NEIGHBOURS("new-neighbours"),
        ACADEMIE_VAN_DE_STAD("academie-van-de-stad"),
        /** Vrijwilligerscentrale Utrecht. */
        VOLUNTEER_WORK("volunteer-work"),
        WELKOM_IN_UTRECHT("welkom-in-utrecht"),
        OTHER("other");

        private final String value;

        CoachingMatch(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /** Outflow towards work, as Werk en Inkomen reports it (data field outflowKind). */
    public enum OutflowKind {
        /** Paid work. */
        WORK("work"),
        /** Stage. */
        INTERNSHIP("internship"),
        /** Werkervaringsplaats. */
        WORK_EXPERIENCE_PLACE("work-experience-place"),
        /** Vrijwilligerswerk. */
        VOLUNTEER_WORK("volunteer-work");

        private final String value;

        OutflowKind(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    private GuidanceProcess() {
    }
}
