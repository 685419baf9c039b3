package nl.utrecht.integrationhub.civicintegration;

import java.util.List;

/**
 * Civic integration per adult ("Inburgering (Wi2013): regie en voortgang per volwassene") as code sees
 * it: process key, element ids, message names, candidate group, form ids, deadline names and variable
 * names of {@code processes/civic-integration/civic-integration.bpmn}, spelled once.
 *
 * <h2>The interface (keep it; a Wet inburgering 2021 variant must offer the same)</h2>
 * The household route calls this process once per adult, parallel to guidance and the hand-over, with
 * the case id as business key and exactly the {@link #INPUT_VARIABLES}:
 * <ul>
 *   <li>{@link #VAR_CASE_ID} (String) the case id, also the business key;</li>
 *   <li>{@link #VAR_PERSON_REF} (String) the adult's person reference, e.g. {@code P-000042}: messages
 *       about this adult correlate by business key and this variable;</li>
 *   <li>{@link #VAR_SETTLEMENT_DATE} (java.util.Date) the day the household moved into its home. The
 *       Wi2013 model counts the obligation check from it (the term runs from DUO's obligation start); a
 *       Wet inburgering 2021 variant needs it too (brede intake and a PIP within about 10 weeks, the 3-year term from the PIP).</li>
 * </ul>
 * The caller maps out only the {@link #OUTPUT_VARIABLES}: {@link #VAR_CIVIC_INTEGRATION_OUTCOME}, one
 * of {@link Outcome}. Everything else (DUO's dates, the loan, exam parts, the caseworker's advice) stays
 * inside this process, so a variant with another course of events can replace it without touching the
 * caller.
 *
 * <h2>The Wi2013 model</h2>
 * Wait for DUO's obligation start ({@link #MESSAGE_OBLIGATION_STARTED}) at the event-based gateway
 * {@link #GATEWAY_OBLIGATION_OR_CHECK}. If DUO reports nothing (the adult is exempt or already
 * integrated), the timer {@link #EVENT_OBLIGATION_CHECK_DUE} ({@link #DEADLINE_OBLIGATION_CHECK} after the
 * settlement date, later after the previous check) opens {@link #TASK_CHECK_OBLIGATION}: exempt ends with
 * {@link Outcome#NOT_OBLIGED}, obliged-waiting returns to the wait (next check counted from
 * {@link #VAR_OBLIGATION_CHECKED_ON}); DUO's report while that task is open interrupts it
 * ({@link #BOUNDARY_OBLIGATION_STARTED_DURING_CHECK}). Once the obligation started, in the embedded
 * subprocess {@link #SUBPROCESS_TRAJECTORY}, the caseworker's monitoring task (due at the end of the
 * 3-year term) with a non-interrupting warning timer on it, and event subprocesses that record DUO's loan
 * and passed exam parts while the trajectory runs. The exam (reported by DUO on the subprocess, or
 * recorded by completing the monitoring task) ends with {@link Outcome#EXAM_PASSED}; the term timer on
 * the subprocess leads to the enforcement assessment and {@link Outcome#TERM_EXPIRED}.
 */
public final class CivicIntegrationProcess {

    /** Process definition key, identical to the BPMN file name and its folder under processes/. */
    public static final String PROCESS_KEY = "civic-integration";

    // Messages (scope person: business key and personRef): each name is exactly the CloudEvent type.

    /**
     * DUO: the obligation (and its 3-year term) started; sets {@link #VAR_OBLIGATION_START}. Caught by
     * {@link #EVENT_OBLIGATION_STARTED} while waiting, and by {@link #BOUNDARY_OBLIGATION_STARTED_DURING_CHECK}
     * while the caseworker checks the obligation.
     */
    public static final String MESSAGE_OBLIGATION_STARTED = "nl.duo.civic-integration-obligation-started";
    /** DUO granted the course loan; sets {@link #VAR_LOAN_AMOUNT}. Accepted while the trajectory runs. */
    public static final String MESSAGE_LOAN_GRANTED = "nl.duo.loan-granted";
    /** DUO: one exam part passed; sets {@link #VAR_EXAM_PART} and {@link #VAR_LANGUAGE_LEVEL}. */
    public static final String MESSAGE_EXAM_PART_PASSED = "nl.duo.exam-part-passed";
    /** DUO: the exam passed; sets {@link #VAR_EXAM_PASSED_ON} and ends the trajectory. */
    public static final String MESSAGE_EXAM_PASSED = "nl.duo.exam-passed";

    // Element ids.

    public static final String START_CIVIC_INTEGRATION = "StartEvent_CivicIntegrationStarted";
    /** Merge: the wait for DUO's report starts at the start and again after an obliged-waiting check. */
    public static final String GATEWAY_AWAIT_OBLIGATION = "Gateway_AwaitObligation";
    /** Event-based gateway: DUO's obligation report or the obligation check, whichever comes first. */
    public static final String GATEWAY_OBLIGATION_OR_CHECK = "Gateway_ObligationOrCheck";
    public static final String EVENT_OBLIGATION_STARTED = "Event_ObligationStarted";
    /**
     * Timer after the event-based gateway: {@link #DEADLINE_OBLIGATION_CHECK} after {@link #VAR_SETTLEMENT_DATE},
     * after a check counted from {@link #VAR_OBLIGATION_CHECKED_ON}.
     */
    public static final String EVENT_OBLIGATION_CHECK_DUE = "Event_ObligationCheckDue";
    public static final String TASK_CHECK_OBLIGATION = "UserTask_CheckObligation";
    /** Interrupting message boundary ({@link #MESSAGE_OBLIGATION_STARTED}) on the check task. */
    public static final String BOUNDARY_OBLIGATION_STARTED_DURING_CHECK = "BoundaryEvent_ObligationStartedDuringCheck";
    /** "Uitkomst?": exempt ends with {@link Outcome#NOT_OBLIGED}; the default (obliged-waiting) waits again. */
    public static final String GATEWAY_OBLIGATION_CHECK_OUTCOME = "Gateway_ObligationCheckOutcome";
    public static final String END_NOT_OBLIGED = "EndEvent_NotObliged";
    /** Merge before the trajectory: the obligation reported while waiting or while checking. */
    public static final String GATEWAY_OBLIGATION_STARTED = "Gateway_ObligationStarted";
    /** Embedded subprocess: scope of the monitoring, the warning and DUO's progress events. */
    public static final String SUBPROCESS_TRAJECTORY = "SubProcess_Trajectory";
    public static final String TASK_MONITOR_TRAJECTORY = "UserTask_MonitorTrajectory";
    /** Non-interrupting timer on the monitoring task at obligation start + {@link #DEADLINE_WARNING}. */
    public static final String BOUNDARY_TERM_WARNING = "BoundaryEvent_TermWarning";
    public static final String TASK_TERM_WARNING = "UserTask_TermWarning";
    public static final String END_TERM_WARNING_HANDLED = "EndEvent_TermWarningHandled";
    /** Terminate end inside the trajectory: the caseworker recorded the exam in Tasklist. */
    public static final String END_EXAM_RECORDED = "EndEvent_ExamRecorded";
    public static final String SUBPROCESS_LOAN_GRANTED = "SubProcess_LoanGranted";
    public static final String START_LOAN_GRANTED = "StartEvent_LoanGranted";
    public static final String END_LOAN_RECORDED = "EndEvent_LoanRecorded";
    public static final String SUBPROCESS_EXAM_PART_PASSED = "SubProcess_ExamPartPassed";
    public static final String START_EXAM_PART_PASSED = "StartEvent_ExamPartPassed";
    public static final String END_EXAM_PART_RECORDED = "EndEvent_ExamPartRecorded";
    /** Interrupting message boundary on the trajectory subprocess. */
    public static final String BOUNDARY_EXAM_PASSED = "BoundaryEvent_ExamPassed";
    /** Interrupting timer boundary on the trajectory subprocess at obligation start + {@link #DEADLINE_TERM}. */
    public static final String BOUNDARY_TERM_EXPIRED = "BoundaryEvent_TermExpired";
    public static final String GATEWAY_EXAM_PASSED = "Gateway_ExamPassed";
    public static final String END_EXAM_PASSED = "EndEvent_ExamPassed";
    public static final String TASK_TERM_EXPIRED = "UserTask_TermExpired";
    public static final String END_TERM_EXPIRED = "EndEvent_TermExpired";

    // Candidate group of every task.

    /** The municipality's civic-integration team (regiefunctie). */
    public static final String GROUP_CIVIC_INTEGRATION = "civic-integration";

    // Camunda Forms, by their "id" (bound to the deployment of the process).

    public static final String FORM_CHECK_OBLIGATION = "civic-integration.check-obligation";
    public static final String FORM_MONITOR_TRAJECTORY = "civic-integration.monitor-trajectory";
    public static final String FORM_TERM_WARNING = "civic-integration.term-warning";
    public static final String FORM_TERM_EXPIRED = "civic-integration.term-expired";

    // Deadlines (names of the expression bean "deadlines").

    /**
     * No obligation reported by DUO this long (P3M) after {@link #VAR_SETTLEMENT_DATE}, or after the previous
     * check ({@link #VAR_OBLIGATION_CHECKED_ON}): the municipality checks the obligation.
     */
    public static final String DEADLINE_OBLIGATION_CHECK = "civic-integration-obligation-check";

    // Counted from obligationStart:

    /** The legal term: the exam within 3 years of the obligation start (P3Y). */
    public static final String DEADLINE_TERM = "civic-integration-term";
    /** The warning well before the term ends (P30M). */
    public static final String DEADLINE_WARNING = "civic-integration-warning";

    // Inputs (given by the caller) and output (mapped out by the caller).

    /** String, the opaque case id, also the business key. Input. */
    public static final String VAR_CASE_ID = "caseId";
    /** String, the adult's opaque person reference; the person-scope correlation key. Input. */
    public static final String VAR_PERSON_REF = "personRef";
    /**
     * java.util.Date, the household's settlement (move) date. Input; the Wi2013 model counts the first
     * obligation check from it.
     */
    public static final String VAR_SETTLEMENT_DATE = "settlementDate";
    /** String, one of {@link Outcome#value()}, set by the end event reached. Output. */
    public static final String VAR_CIVIC_INTEGRATION_OUTCOME = "civicIntegrationOutcome";

    /** What the caller passes in ({@code camunda:in}); every variant takes exactly these. */
    public static final List<String> INPUT_VARIABLES = List.of(VAR_CASE_ID, VAR_PERSON_REF, VAR_SETTLEMENT_DATE);
    /** What the caller maps out ({@code camunda:out}); every variant sets exactly these. */
    public static final List<String> OUTPUT_VARIABLES = List.of(VAR_CIVIC_INTEGRATION_OUTCOME);

    // Internal variables of the Wi2013 model (not part of the interface).

    /** java.util.Date, DUO's start of the obligation; the business date of the term and the warning. */
    public static final String VAR_OBLIGATION_START = "obligationStart";
    /** Integer, DUO's loan for the course in euros, at most {@link #MAX_LOAN_AMOUNT}. */
    public static final String VAR_LOAN_AMOUNT = "loanAmount";
    /** String, the last exam part DUO reported passed (reading, listening, writing, speaking, knm, ...). */
    public static final String VAR_EXAM_PART = "examPart";
    /** String, the language level DUO reported with the last exam part (A1, A2, B1, B2). */
    public static final String VAR_LANGUAGE_LEVEL = "languageLevel";
    /** Long, the number of exam-part reports received; 0 from the start. */
    public static final String VAR_EXAM_PARTS_PASSED = "examPartsPassed";
    /** java.util.Date, the day the exam was passed (from DUO, or from the monitoring form at 00:00 Utrecht). */
    public static final String VAR_EXAM_PASSED_ON = "examPassedOn";
    /** String, one of {@link ObligationCheckOutcome#value()}; from the check form. */
    public static final String VAR_OBLIGATION_CHECK_OUTCOME = "obligationCheckOutcome";
    /** String, optional, at most 500 characters; never medical data. From the check form. */
    public static final String VAR_OBLIGATION_CHECK_REMARKS = "obligationCheckRemarks";
    /**
     * java.util.Date, the moment the caseworker completed the last obligation check (complete listener,
     * engine clock); the next check is counted from it.
     */
    public static final String VAR_OBLIGATION_CHECKED_ON = "obligationCheckedOn";
    /** String, one of {@link Advice#value()}; from the monitoring form. */
    public static final String VAR_CIVIC_INTEGRATION_ADVICE = "civicIntegrationAdvice";
    /** String, the chosen language school; from the monitoring form. */
    public static final String VAR_LANGUAGE_SCHOOL = "languageSchool";
    /** String, optional, at most 500 characters; never medical data. */
    public static final String VAR_MONITORING_REMARKS = "monitoringRemarks";
    /** String, one of {@link TermWarningAction#value()}; from the warning form. */
    public static final String VAR_TERM_WARNING_ACTION = "termWarningAction";
    /** String, optional, at most 500 characters; never medical data. */
    public static final String VAR_TERM_WARNING_REMARKS = "termWarningRemarks";
    /** String, one of {@link EnforcementAssessment#value()}; from the expiry form. */
    public static final String VAR_ENFORCEMENT_ASSESSMENT = "enforcementAssessment";
    /** String, optional, at most 500 characters; never medical data. */
    public static final String VAR_ENFORCEMENT_REMARKS = "enforcementRemarks";

    /** DUO lends at most this many euros for the course (checked by the event's schema). */
    public static final int MAX_LOAN_AMOUNT = 10_000;

    /** The values of {@link #VAR_CIVIC_INTEGRATION_OUTCOME}. */
    public enum Outcome {
        /** The exam was passed within the term: DUO forgives the loan. */
        EXAM_PASSED("exam-passed"),
        /** The term expired without a recorded exam: enforcement was assessed. */
        TERM_EXPIRED("term-expired"),
        /** DUO reported no obligation and the caseworker found the adult exempt or already integrated. */
        NOT_OBLIGED("not-obliged");

        private final String value;

        Outcome(String value) {
            this.value = value;
        }

        /** The variable's value. */
        public String value() {
            return value;
        }
    }

    /** The options of the check form's "obligationCheckOutcome" select. */
    public enum ObligationCheckOutcome {
        /** Exempt or already integrated: ends with {@link Outcome#NOT_OBLIGED}. */
        EXEMPT("exempt"),
        /** Obliged after all: wait for DUO's report again, with a new check later. */
        OBLIGED_WAITING("obliged-waiting");

        private final String value;

        ObligationCheckOutcome(String value) {
            this.value = value;
        }

        /** The value the form submits. */
        public String value() {
            return value;
        }
    }

    /** The options of the monitoring form's "civicIntegrationAdvice" select. */
    public enum Advice {
        INTEGRATION_EXAM("integration-exam"),
        STATE_EXAM_NT2("state-exam-nt2"),
        EXEMPTION_REQUEST("exemption-request"),
        OTHER("other");

        private final String value;

        Advice(String value) {
            this.value = value;
        }

        /** The value the form submits. */
        public String value() {
            return value;
        }
    }

    /** The options of the warning form's "termWarningAction" select. */
    public enum TermWarningAction {
        EXTRA_SUPPORT("extra-support"),
        ENFORCE("enforce"),
        EXAM_SCHEDULED("exam-scheduled");

        private final String value;

        TermWarningAction(String value) {
            this.value = value;
        }

        /** The value the form submits. */
        public String value() {
            return value;
        }
    }

    /** The options of the expiry form's "enforcementAssessment" select. */
    public enum EnforcementAssessment {
        FINE_AND_REPAYMENT("fine-and-repayment"),
        EXTENSION_REQUESTED("extension-requested"),
        EXEMPTION_REQUESTED("exemption-requested"),
        OTHER("other");

        private final String value;

        EnforcementAssessment(String value) {
            this.value = value;
        }

        /** The value the form submits. */
        public String value() {
            return value;
        }
    }

    private CivicIntegrationProcess() {
    }
}
