package nl.utrecht.integrationhub.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the monitoring dashboard shows, as aggregates only: no names, no V-numbers, no case ids.
 * Counts are exact here; hiding small counts ("&lt; 5") is the presentation's job (page, CSV, metrics)
 * with {@link #smallCountThreshold()}, so that every figure can still be checked against a direct query.
 *
 * @param computedAt          when the figures were computed (the page says how old they are)
 * @param smallCountThreshold counts above 0 and below this are shown as "&lt; threshold"
 * @param housingQuota        per half-year with a configured target, oldest first
 * @param casesPerPhase       open cases per phase A–E, in phase order (key A..E)
 * @param phaseFlow           per month (oldest first): how many cases entered each phase
 * @param deadlines           per kind of deadline: open, due soon, overdue
 * @param work                work and income
 * @param civicIntegration    civic integration
 * @param handover            hand-overs to the buurtteam and the guidance before them
 * @param money               expected municipal income per year with configured amounts, oldest first
 */
public record DashboardFigures(
        Instant computedAt,
        int smallCountThreshold,
        List<QuotaPeriod> housingQuota,
        List<Count> casesPerPhase,
        List<MonthFlow> phaseFlow,
        List<DeadlineKind> deadlines,
        Work work,
        CivicIntegration civicIntegration,
        Handover handover,
        List<MoneyYear> money) {

    /**
     * One labelled count, e.g. phase "B" (label "B. Koppeling en huisvesting") with 42 open cases.
     *
     * @param key   a stable key (for CSV and metric tags), lower case or a phase letter
     * @param label the Dutch label a process owner reads
     */
    public record Count(String key, String label, long value) {
    }

    /**
     * A half-year's housing quota (taakstelling).
     *
     * @param period  e.g. "2017-H1"
     * @param label   e.g. "1e helft 2017"
     * @param target  the quota: status holders to house in this half-year (configuration)
     * @param carriedOver backlog from earlier half-years that counts on top of the target (configuration
     *                    for the past, e.g. 216 at the end of 2016, or computed from the previous period)
     * @param housed  status holders (persons, any age) housed in this half-year: settlement date in it
     * @param backlog target + carriedOver - housed, never below 0
     */
    public record QuotaPeriod(String period, String label, LocalDate start, LocalDate end, long target,
            long carriedOver, long housed, long backlog) {
    }

    /**
     * Cases that entered each phase in one month.
     *
     * @param month   e.g. "2026-11"
     * @param entered per phase A–E (same keys and order as casesPerPhase)
     */
    public record MonthFlow(String month, List<Count> entered) {
    }

    /**
     * One kind of deadline of the letter.
     *
     * @param key     school-placement, participation-declaration, civic-integration-term, neighbourhood-handover
     * @param label   Dutch, e.g. "School binnen 3 dagen"
     * @param open    open (not yet met), not due soon and not overdue
     * @param dueSoon open and due within the kind's warning window
     * @param overdue open and past due
     * @param dueSoonWindowDays the warning window in days
     */
    public record DeadlineKind(String key, String label, long open, long dueSoon, long overdue,
            int dueSoonWindowDays) {
    }

    /**
     * @param participantsPerTrajectory adults in each chosen trajectory (work-experience-place, vip-project, ...)
     * @param outflow                   outflow by kind: work, internship, work-experience-place, volunteer-work
     */
    public record Work(List<Count> participantsPerTrajectory, List<Count> outflow) {
    }

    /**
     * @param languageLevels  persons per last known Dutch language level (A0..C1)
     * @param examPartsPassed exam parts passed, per part
     * @param examsPassed     civic-integration exams passed
     * @param termsEndingSoon open civic-integration terms ending within the warning window (6 months)
     * @param termsOpen       open civic-integration terms
     */
    public record CivicIntegration(List<Count> languageLevels, List<Count> examPartsPassed, long examsPassed,
            long termsEndingSoon, long termsOpen) {
    }

    /**
     * @param handoversDone        warm hand-overs accepted by the buurtteam
     * @param handoversOpen        hand-overs under way
     * @param averageGuidanceDays  average duration of guidance (phase D) of the finished ones, null if none
     */
    public record Handover(long handoversDone, long handoversOpen, Double averageGuidanceDays) {
    }

    /**
     * Expected municipal income for one year from the status holders housed in it.
     *
     * @param year                 calendar year (settlement date)
     * @param housedAdults         adults (18+ on the settlement date) housed that year
     * @param housedPersons        persons of any age housed that year
     * @param perHousedAdult       configured amount per housed adult (letter: €2,370)
     * @param perHousedPerson      configured amount per housed person as the letter states it (€4,430), or null
     * @param perHousedPersonParts the letter's parts of that amount (€1,581.40 + €2,848.84), may be empty
     * @param expected             housedAdults × perHousedAdult + housedPersons × perHousedPerson
     * @param note                 Dutch note, e.g. on the rounding of €4,430.24 to €4,430
     */
    public record MoneyYear(int year, long housedAdults, long housedPersons, BigDecimal perHousedAdult,
            BigDecimal perHousedPerson, List<BigDecimal> perHousedPersonParts, BigDecimal expected, String note) {
    }
}
