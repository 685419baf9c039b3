package nl.utrecht.integrationhub.dashboard;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.CivicIntegration;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.Count;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.DeadlineKind;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.Handover;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MoneyYear;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MonthFlow;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.QuotaPeriod;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.Work;
import nl.utrecht.integrationhub.guidance.GuidanceProcess;
import nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess;
import nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess;
import nl.utrecht.integrationhub.housing.HousingProcess;
import nl.utrecht.integrationhub.intake.HouseholdRouteProcess;
import nl.utrecht.integrationhub.intake.ReceptionProcess;
import nl.utrecht.integrationhub.route.BusinessDates;
import nl.utrecht.integrationhub.route.Deadlines;
import nl.utrecht.integrationhub.schooling.SchoolPlacementProcess;
import nl.utrecht.integrationhub.settlement.SettlementProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Computes the dashboard's figures from the process engine's tables and keeps them for
 * {@code hub.dashboard.refresh-interval}: {@link #current()} answers from memory and computes again only
 * when the figures are older than the interval; a scheduled refresh computes them again when they are half
 * the interval old, so readers (the page, the CSV, the metrics, which never query) find them fresh. So at
 * most two computations per interval, never one per page view or scrape.
 *
 * <h2>Where each figure comes from</h2>
 * Plain SQL over the engine's tables (Camunda 7's schema, the same on H2 and PostgreSQL; only
 * {@code COUNT}, {@code SUM}, {@code CASE}, {@code EXTRACT(YEAR|MONTH ...)} and {@code GROUP BY}, which
 * both databases understand). Every query is an aggregate: it returns one row per group (per process
 * key, per business date, per value), never a row per case. The engine's history level must be
 * {@code full} (the hub's setting): exam parts and outflow are counted from the variable updates in
 * {@code ACT_HI_DETAIL}, because a person can pass several parts and a variable keeps only its last value.
 * <ul>
 * <li><b>Cases per phase</b>: running instances (END_TIME_ null) of the household-level process of each
 * phase in ACT_HI_PROCINST: A {@code reception}, B {@code housing}, C {@code settlement}, D {@code guidance},
 * E {@code neighbourhood-handover}. A household whose only open branch is civic integration or a school
 * placement counts in no phase. Indexes: ACT_IDX_HI_PRO_INST_PROC_DEF_KEY, ACT_IDX_HI_PRO_INST_END.</li>
 * <li><b>Phase flow</b>: instances of those processes started per month of START_TIME_ (last 12 months),
 * grouped by key, year and month in SQL. Index: ACT_IDX_HI_PRO_INST_PROC_TIME (START_TIME_, END_TIME_).</li>
 * <li><b>Housed</b> (quota and money): the {@code settlementDate} of each {@code household-route}
 * (ACT_HI_VARINST, process-instance scope, a date stored as epoch milliseconds in LONG_), joined by business
 * key to the per-person processes the route starts on that date: one {@code civic-integration} per adult and
 * one {@code school-placement} per minor ({@code ages.adults/minors(householdMembers, settlementDate)}, the
 * hub's one age rule). Grouped by settlement day and key: persons = adults + minors. Indexes:
 * ACT_IDX_HI_VARINST_NAME, ACT_IDX_HI_PRO_I_BUSKEY.</li>
 * <li><b>Deadlines</b>, each from what decides it in the models, so the dashboard never disagrees with
 * Tasklist or the timers:
 *   <ul>
 *   <li>school-placement: the open AZC school task ({@code UserTask_PlaceChildInSchool}, due date =
 *   {@code schoolPlacementDue}, DUE_DATE_ in ACT_RU_TASK) and the open {@code UserTask_PlaceChild} of a
 *   {@code school-placement} instance, due {@code settlementDate + school-placement} (the task has no due
 *   date; the send task before it computes the same {@code placementDue});</li>
 *   <li>participation-declaration: running {@code participation-declaration} instances (the instance ends
 *   when the declaration is signed or enforcement was handled), due {@code settlementDate +
 *   participation-declaration} (the boundary timer's date);</li>
 *   <li>civic-integration-term: running {@code civic-integration} instances with an {@code obligationStart},
 *   due {@code obligationStart + civic-integration-term} (the term timer's date, also the monitoring task's
 *   due date); before DUO reported the obligation no term runs;</li>
 *   <li>neighbourhood-handover: running {@code neighbourhood-handover} instances, due
 *   {@code hub.dashboard.handover-period} after the hand-over started (the letter sets no term).</li>
 *   </ul>
 * Reading business-date variables rather than ACT_RU_JOB timers: the timers exist only while their
 * activity waits (the term timer not before the trajectory started, the declaration timer not before the
 * workshops), the variables from the start; both are {@code deadlines.after(...)} of the same date. The
 * rows are grouped by the business date, and each date's deadline is worked out in Java with the hub's own
 * {@link Deadlines} (so a compressed acceptance configuration shows compressed deadlines). A deadline is
 * <i>overdue</i> when it has passed, <i>due soon</i> when it falls within the kind's
 * {@code hub.dashboard.due-soon} window, <i>open</i> otherwise.</li>
 * <li><b>Work</b>: participants = running {@code guidance} instances per {@code chosenTrajectory} (the main
 * person's trajectory, set by the work matcher or Werk en Inkomen's report); outflow = updates of
 * {@code outflowKind} in guidance (event {@code nl.utrecht.participation-outflow-reported}), all time.</li>
 * <li><b>Civic integration</b>: per person the last {@code languageLevel} of its {@code civic-integration}
 * instance (a variable keeps its last value: one row per person); exam parts = updates of {@code examPart};
 * exams passed = civic-integration instances with {@code examPassedOn}; terms open and ending soon = the
 * civic-integration-term deadline's open+due soon+overdue and due soon.</li>
 * <li><b>Hand-over</b>: done = {@code neighbourhood-handover} instances COMPLETED (accepted by the
 * buurtteam, by its report or in Tasklist); open = running; average guidance = SUM(DURATION_)/COUNT of the
 * completed {@code guidance} instances (DURATION_ is END_TIME_ − START_TIME_ in ms, written by the engine).</li>
 * </ul>
 * <h2>Cost</h2>
 * Sixteen aggregate queries per refresh (one round per refresh interval); each reads the index entries of
 * one process key or one variable name. At 100,000 cases the largest reads are the {@code settlementDate} and {@code languageLevel} variable
 * rows (about one per person) and the per-key history rows; the results are a few hundred rows at most.
 * No index is added: the engine's own indexes cover every filter (ACT_RU_TASK is reached by PROC_INST_ID_
 * from the running instances of one key).
 */
@Service
public class DashboardService implements DashboardSource {

    public static final String KIND_SCHOOL_PLACEMENT = "school-placement";
    public static final String KIND_PARTICIPATION_DECLARATION = "participation-declaration";
    public static final String KIND_CIVIC_INTEGRATION_TERM = "civic-integration-term";
    public static final String KIND_NEIGHBOURHOOD_HANDOVER = "neighbourhood-handover";

    /** The outflow kinds of {@code nl.utrecht.participation-outflow-reported}, with their Dutch labels. */
    public static final Map<String, String> OUTFLOW_KINDS = orderedMap(
            GuidanceProcess.OutflowKind.WORK.value(), "Werk",
            GuidanceProcess.OutflowKind.INTERNSHIP.value(), "Stage",
            GuidanceProcess.OutflowKind.WORK_EXPERIENCE_PLACE.value(), "Werkervaringsplaats",
            GuidanceProcess.OutflowKind.VOLUNTEER_WORK.value(), "Vrijwilligerswerk");

    static final Map<String, String> PHASES = orderedMap(
            "A", ReceptionProcess.PROCESS_KEY,
            "B", HousingProcess.PROCESS_KEY,
            "C", SettlementProcess.PROCESS_KEY,
            "D", GuidanceProcess.PROCESS_KEY,
            "E", NeighbourhoodHandoverProcess.PROCESS_KEY);

    static final Map<String, String> PHASE_LABELS = orderedMap(
            "A", "A. Opvang in het AZC",
            "B", "B. Koppeling en huisvesting",
            "C", "C. Vestiging",
            "D", "D. Begeleiding en participatie",
            "E", "E. Warme overdracht aan het buurtteam");

    static final Map<String, String> DEADLINE_LABELS = orderedMap(
            KIND_SCHOOL_PLACEMENT, "School binnen 3 dagen",
            KIND_PARTICIPATION_DECLARATION, "Participatieverklaring binnen 12 maanden",
            KIND_CIVIC_INTEGRATION_TERM, "Inburgeringstermijn (3 jaar)",
            KIND_NEIGHBOURHOOD_HANDOVER, "Warme overdracht aan het buurtteam");

    static final Map<String, String> TRAJECTORY_LABELS = orderedMap(
            GuidanceProcess.Trajectory.WORK_EXPERIENCE_PLACE.value(), "Werkervaringsplaats",
            GuidanceProcess.Trajectory.VIP_PROJECT.value(), "VIP-project",
            GuidanceProcess.Trajectory.REGULAR_EDUCATION.value(), "Regulier onderwijs",
            GuidanceProcess.Trajectory.UAF.value(), "UAF (hoger onderwijs)",
            GuidanceProcess.Trajectory.INCLUSION.value(), "inclUUsion",
            GuidanceProcess.Trajectory.LANGUAGE_FIRST.value(), "Eerst Nederlands");

    static final Map<String, String> LANGUAGE_LEVELS = orderedMap(
            "A1", "A1", "A2", "A2", "B1", "B1", "B2", "B2");

    static final Map<String, String> EXAM_PARTS = orderedMap(
            "reading", "Lezen",
            "listening", "Luisteren",
            "writing", "Schrijven",
            "speaking", "Spreken",
            "knm", "Kennis van de Nederlandse maatschappij (KNM)",
            "orientation-labour-market", "Oriëntatie op de Nederlandse arbeidsmarkt (ONA)");

    private static final Logger LOG = LoggerFactory.getLogger(DashboardService.class);
    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    private final JdbcTemplate jdbc;
    private final DashboardProperties properties;
    private final Deadlines deadlines;
    private final Clock clock;
    private final Object computing = new Object();
    private volatile DashboardFigures latest;
    private volatile Duration lastComputation;

    /** @param clock the hub's clock: "now" for the deadlines and the age of the figures */
    public DashboardService(JdbcTemplate jdbc, DashboardProperties properties, Deadlines deadlines, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** The figures, computed again only when the last ones are older than the refresh interval. */
    @Override
    public DashboardFigures current() {
        DashboardFigures figures = latest;
        if (fresh(figures)) {
            return figures;
        }
        synchronized (computing) {
            figures = latest;
            if (fresh(figures)) {
                return figures;
            }
            figures = computeTimed();
            latest = figures;
            return figures;
        }
    }

    /** How long the last computation of the figures took (all queries); null before the first. */
    public Duration lastComputation() {
        return lastComputation;
    }

    private DashboardFigures computeTimed() {
        long started = System.nanoTime();
        DashboardFigures figures = compute();
        lastComputation = Duration.ofNanos(System.nanoTime() - started);
        LOG.debug("Dashboard figures computed in {} ms", lastComputation.toMillis());
        return figures;
    }

    /** The last computed figures without computing (the metrics read these); null before the first. */
    public DashboardFigures latest() {
        return latest;
    }

    /**
     * Keeps the figures fresh for the metrics, also when nobody opens the page, and computes them before
     * they go stale: when they are half the refresh interval old. So a page view, a download or a scrape
     * always finds figures in memory and never waits for the queries (only the very first after a start).
     */
    @Scheduled(initialDelay = 5, fixedDelay = 5, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    void refresh() {
        try {
            DashboardFigures figures = latest;
            if (figures != null && clock.instant()
                    .isBefore(figures.computedAt().plus(properties.refreshInterval().dividedBy(2)))) {
                return;
            }
            synchronized (computing) {
                latest = computeTimed();
            }
        } catch (RuntimeException e) {
            LOG.warn("Dashboard figures could not be computed: {}", e.toString());
        }
    }

    private boolean fresh(DashboardFigures figures) {
        return figures != null
                && clock.instant().isBefore(figures.computedAt().plus(properties.refreshInterval()));
    }

    /** Computes every figure now, with the queries described above. */
    DashboardFigures compute() {
        Instant now = clock.instant();
        Map<LocalDate, long[]> housedPerDay = housedPerSettlementDay();
        List<DeadlineKind> deadlineKinds = deadlines(now);
        DeadlineKind term = deadlineKinds.stream()
                .filter(kind -> kind.key().equals(KIND_CIVIC_INTEGRATION_TERM)).findFirst().orElseThrow();
        return new DashboardFigures(now, properties.smallCountThreshold(),
                housingQuota(housedPerDay),
                casesPerPhase(),
                phaseFlow(now),
                deadlineKinds,
                new Work(participantsPerTrajectory(), outflow()),
                new CivicIntegration(languageLevels(), examPartsPassed(), examsPassed(), term.dueSoon(),
                        term.open() + term.dueSoon() + term.overdue()),
                handover(),
                money(housedPerDay));
    }

    // ------------------------------------------------------------------ phases

    private List<Count> casesPerPhase() {
        Map<String, Long> perKey = new HashMap<>();
        jdbc.query("SELECT PROC_DEF_KEY_, COUNT(*) FROM ACT_HI_PROCINST WHERE END_TIME_ IS NULL"
                        + " AND PROC_DEF_KEY_ IN (?, ?, ?, ?, ?) GROUP BY PROC_DEF_KEY_",
                rs -> {
                    perKey.put(rs.getString(1), rs.getLong(2));
                }, PHASES.values().toArray());
        List<Count> counts = new ArrayList<>();
        PHASES.forEach((phase, key) -> counts.add(
                new Count(phase, PHASE_LABELS.get(phase), perKey.getOrDefault(key, 0L))));
        return counts;
    }

    private List<MonthFlow> phaseFlow(Instant now) {
        ZoneId zone = ZoneId.systemDefault(); // the zone the engine's timestamps are written in
        YearMonth thisMonth = YearMonth.from(now.atZone(zone));
        YearMonth first = thisMonth.minusMonths(11);
        Timestamp from = Timestamp.from(first.atDay(1).atStartOfDay(zone).toInstant());
        Map<YearMonth, Map<String, Long>> perMonth = new TreeMap<>();
        Object[] args = new Object[PHASES.size() + 1];
        args[0] = from;
        System.arraycopy(PHASES.values().toArray(), 0, args, 1, PHASES.size());
        jdbc.query("SELECT PROC_DEF_KEY_, EXTRACT(YEAR FROM START_TIME_), EXTRACT(MONTH FROM START_TIME_), COUNT(*)"
                        + " FROM ACT_HI_PROCINST WHERE START_TIME_ >= ? AND PROC_DEF_KEY_ IN (?, ?, ?, ?, ?)"
                        + " GROUP BY PROC_DEF_KEY_, EXTRACT(YEAR FROM START_TIME_), EXTRACT(MONTH FROM START_TIME_)",
                rs -> {
                    YearMonth month = YearMonth.of(rs.getInt(2), rs.getInt(3));
                    perMonth.computeIfAbsent(month, m -> new HashMap<>()).merge(rs.getString(1), rs.getLong(4), Long::sum);
                }, args);
        List<MonthFlow> flow = new ArrayList<>();
        for (YearMonth month = first; !month.isAfter(thisMonth); month = month.plusMonths(1)) {
            Map<String, Long> entered = perMonth.getOrDefault(month, Map.of());
            List<Count> counts = new ArrayList<>();
            PHASES.forEach((phase, key) -> counts.add(
                    new Count(phase, PHASE_LABELS.get(phase), entered.getOrDefault(key, 0L))));
            flow.add(new MonthFlow(month.toString(), counts));
        }
        return flow;
    }

    // ------------------------------------------------------------------ housed: quota and money

    /** Per settlement day: {adults, minors}. Only when a quota or an amount is configured. */
    private Map<LocalDate, long[]> housedPerSettlementDay() {
        Map<LocalDate, long[]> perDay = new TreeMap<>();
        if (properties.housingQuota().isEmpty() && properties.money().isEmpty()) {
            return perDay;
        }
        jdbc.query("SELECT v.LONG_, c.PROC_DEF_KEY_, COUNT(*) FROM ACT_HI_VARINST v"
                        + " JOIN ACT_HI_PROCINST r ON r.ID_ = v.PROC_INST_ID_"
                        + " JOIN ACT_HI_PROCINST c ON c.BUSINESS_KEY_ = r.BUSINESS_KEY_"
                        + " AND c.SUPER_PROCESS_INSTANCE_ID_ = r.ID_ AND c.PROC_DEF_KEY_ IN (?, ?)"
                        + " WHERE v.NAME_ = ? AND v.PROC_DEF_KEY_ = ? AND v.EXECUTION_ID_ = v.PROC_INST_ID_"
                        + " AND v.STATE_ = 'CREATED' AND v.LONG_ IS NOT NULL"
                        + " GROUP BY v.LONG_, c.PROC_DEF_KEY_",
                rs -> {
                    LocalDate day = BusinessDates.dayOf(new Date(rs.getLong(1)));
                    int index = CivicIntegrationProcess.PROCESS_KEY.equals(rs.getString(2)) ? 0 : 1;
                    perDay.computeIfAbsent(day, d -> new long[2])[index] += rs.getLong(3);
                },
                CivicIntegrationProcess.PROCESS_KEY, SchoolPlacementProcess.PROCESS_KEY,
                HouseholdRouteProcess.VAR_SETTLEMENT_DATE, HouseholdRouteProcess.PROCESS_KEY);
        return perDay;
    }

    private static long[] housedBetween(Map<LocalDate, long[]> perDay, LocalDate first, LocalDate last) {
        long[] sum = new long[2];
        perDay.forEach((day, counts) -> {
            if (!day.isBefore(first) && !day.isAfter(last)) {
                sum[0] += counts[0];
                sum[1] += counts[1];
            }
        });
        return sum;
    }

    private List<QuotaPeriod> housingQuota(Map<LocalDate, long[]> perDay) {
        List<DashboardProperties.QuotaPeriod> configured = new ArrayList<>(properties.housingQuota());
        configured.sort((a, b) -> a.start().compareTo(b.start()));
        List<QuotaPeriod> periods = new ArrayList<>();
        QuotaPeriod previous = null;
        for (DashboardProperties.QuotaPeriod period : configured) {
            long[] housed = housedBetween(perDay, period.start(), period.end());
            long persons = housed[0] + housed[1];
            long carriedOver;
            if (period.carriedOver() != null) {
                carriedOver = period.carriedOver();
            } else if (previous != null && previous.end().plusDays(1).equals(period.start())) {
                carriedOver = previous.backlog();
            } else {
                carriedOver = 0;
            }
            QuotaPeriod figure = new QuotaPeriod(period.period(), period.label(), period.start(), period.end(),
                    period.target(), carriedOver, persons, Math.max(0, period.target() + carriedOver - persons));
            periods.add(figure);
            previous = figure;
        }
        return periods;
    }

    private List<MoneyYear> money(Map<LocalDate, long[]> perDay) {
        List<DashboardProperties.MoneyYear> configured = new ArrayList<>(properties.money());
        configured.sort((a, b) -> Integer.compare(a.year(), b.year()));
        List<MoneyYear> years = new ArrayList<>();
        for (DashboardProperties.MoneyYear year : configured) {
            long[] housed = housedBetween(perDay, LocalDate.of(year.year(), 1, 1), LocalDate.of(year.year(), 12, 31));
            long adults = housed[0];
            long persons = housed[0] + housed[1];
            BigDecimal expected = year.perHousedAdult().multiply(BigDecimal.valueOf(adults));
            if (year.perHousedPerson() != null) {
                expected = expected.add(year.perHousedPerson().multiply(BigDecimal.valueOf(persons)));
            }
            years.add(new MoneyYear(year.year(), adults, persons, year.perHousedAdult(), year.perHousedPerson(),
                    year.perHousedPersonParts(), expected, year.note()));
        }
        return years;
    }

    // ------------------------------------------------------------------ deadlines

    private List<DeadlineKind> deadlines(Instant now) {
        List<DeadlineKind> kinds = new ArrayList<>();

        Map<Instant, Long> school = new HashMap<>();
        jdbc.query("SELECT t.DUE_DATE_, COUNT(*) FROM ACT_HI_PROCINST p"
                        + " JOIN ACT_RU_TASK t ON t.PROC_INST_ID_ = p.ID_ AND t.TASK_DEF_KEY_ = ?"
                        + " WHERE p.PROC_DEF_KEY_ = ? AND p.END_TIME_ IS NULL AND t.DUE_DATE_ IS NOT NULL"
                        + " GROUP BY t.DUE_DATE_",
                rs -> {
                    school.merge(rs.getTimestamp(1).toInstant(), rs.getLong(2), Long::sum);
                }, ReceptionProcess.TASK_PLACE_CHILD_IN_SCHOOL, ReceptionProcess.PROCESS_KEY);
        datedOpenInstances(SchoolPlacementProcess.PROCESS_KEY, SchoolPlacementProcess.VAR_SETTLEMENT_DATE,
                SchoolPlacementProcess.TASK_PLACE_CHILD).forEach((date, count) -> school.merge(
                        deadlines.after(date, SchoolPlacementProcess.DEADLINE_SCHOOL_PLACEMENT).toInstant(), count,
                        Long::sum));
        kinds.add(classify(KIND_SCHOOL_PLACEMENT, school, now));

        Map<Instant, Long> declaration = new HashMap<>();
        datedOpenInstances(ParticipationDeclarationProcess.PROCESS_KEY,
                ParticipationDeclarationProcess.VAR_SETTLEMENT_DATE, null).forEach((date, count) -> declaration.merge(
                        deadlines.after(date, ParticipationDeclarationProcess.DEADLINE_DECLARATION).toInstant(),
                        count, Long::sum));
        kinds.add(classify(KIND_PARTICIPATION_DECLARATION, declaration, now));

        Map<Instant, Long> term = new HashMap<>();
        datedOpenInstances(CivicIntegrationProcess.PROCESS_KEY, CivicIntegrationProcess.VAR_OBLIGATION_START, null)
                .forEach((date, count) -> term.merge(
                        deadlines.after(date, CivicIntegrationProcess.DEADLINE_TERM).toInstant(), count, Long::sum));
        kinds.add(classify(KIND_CIVIC_INTEGRATION_TERM, term, now));

        kinds.add(handoverDeadlines(now));
        return kinds;
    }

    /**
     * Running instances of a process, grouped by a date variable of the instance's own scope (ACT_HI_VARINST,
     * LONG_ = epoch ms); with a task key only those with that task open.
     */
    private Map<Date, Long> datedOpenInstances(String processKey, String dateVariable, String openTaskKey) {
        Map<Date, Long> perDate = new HashMap<>();
        String taskJoin = openTaskKey == null ? ""
                : " JOIN ACT_RU_TASK t ON t.PROC_INST_ID_ = p.ID_ AND t.TASK_DEF_KEY_ = ?";
        List<Object> args = new ArrayList<>();
        if (openTaskKey != null) {
            args.add(openTaskKey);
        }
        args.add(dateVariable);
        args.add(processKey);
        jdbc.query("SELECT v.LONG_, COUNT(*) FROM ACT_HI_PROCINST p" + taskJoin
                        + " JOIN ACT_HI_VARINST v ON v.PROC_INST_ID_ = p.ID_ AND v.EXECUTION_ID_ = p.ID_"
                        + " AND v.NAME_ = ? AND v.STATE_ = 'CREATED'"
                        + " WHERE p.PROC_DEF_KEY_ = ? AND p.END_TIME_ IS NULL AND v.LONG_ IS NOT NULL"
                        + " GROUP BY v.LONG_",
                rs -> {
                    perDate.merge(new Date(rs.getLong(1)), rs.getLong(2), Long::sum);
                }, args.toArray());
        return perDate;
    }

    private DeadlineKind classify(String kind, Map<Instant, Long> perDue, Instant now) {
        ZonedDateTime zonedNow = now.atZone(BusinessDates.UTRECHT);
        Instant soon = zonedNow.plus(properties.dueSoonWindow(kind)).toInstant();
        long open = 0;
        long dueSoon = 0;
        long overdue = 0;
        for (Map.Entry<Instant, Long> entry : perDue.entrySet()) {
            if (entry.getKey().isBefore(now)) {
                overdue += entry.getValue();
            } else if (entry.getKey().isBefore(soon)) {
                dueSoon += entry.getValue();
            } else {
                open += entry.getValue();
            }
        }
        return new DeadlineKind(kind, DEADLINE_LABELS.get(kind), open, dueSoon, overdue,
                properties.dueSoonWindowDays(kind, zonedNow));
    }

    /** Due {@code handover-period} after the start: overdue when it started before now − period. */
    private DeadlineKind handoverDeadlines(Instant now) {
        ZonedDateTime zonedNow = now.atZone(BusinessDates.UTRECHT);
        TemporalAmount period = properties.handoverPeriodAmount();
        Timestamp overdueIfStartedBefore = Timestamp.from(zonedNow.minus(period).toInstant());
        Timestamp dueSoonIfStartedBefore = Timestamp.from(
                zonedNow.plus(properties.dueSoonWindow(KIND_NEIGHBOURHOOD_HANDOVER)).minus(period).toInstant());
        long[] counts = jdbc.queryForObject("SELECT COUNT(*),"
                        + " SUM(CASE WHEN START_TIME_ < ? THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN START_TIME_ >= ? AND START_TIME_ < ? THEN 1 ELSE 0 END)"
                        + " FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = ? AND END_TIME_ IS NULL",
                (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
                overdueIfStartedBefore, overdueIfStartedBefore, dueSoonIfStartedBefore,
                NeighbourhoodHandoverProcess.PROCESS_KEY);
        long overdue = counts[1];
        long dueSoon = counts[2];
        return new DeadlineKind(KIND_NEIGHBOURHOOD_HANDOVER, DEADLINE_LABELS.get(KIND_NEIGHBOURHOOD_HANDOVER),
                counts[0] - overdue - dueSoon, dueSoon, overdue,
                properties.dueSoonWindowDays(KIND_NEIGHBOURHOOD_HANDOVER, zonedNow));
    }

    // ------------------------------------------------------------------ work

    private List<Count> participantsPerTrajectory() {
        Map<String, Long> perValue = new HashMap<>();
        jdbc.query("SELECT v.TEXT_, COUNT(*) FROM ACT_HI_PROCINST p"
                        + " JOIN ACT_HI_VARINST v ON v.PROC_INST_ID_ = p.ID_ AND v.EXECUTION_ID_ = p.ID_"
                        + " AND v.NAME_ = ? AND v.STATE_ = 'CREATED'"
                        + " WHERE p.PROC_DEF_KEY_ = ? AND p.END_TIME_ IS NULL AND v.TEXT_ IS NOT NULL"
                        + " GROUP BY v.TEXT_",
                rs -> {
                    perValue.put(rs.getString(1), rs.getLong(2));
                }, GuidanceProcess.VAR_CHOSEN_TRAJECTORY, GuidanceProcess.PROCESS_KEY);
        return labelled(TRAJECTORY_LABELS, perValue);
    }

    private List<Count> outflow() {
        return labelled(OUTFLOW_KINDS,
                variableUpdates(GuidanceProcess.PROCESS_KEY, GuidanceProcess.VAR_OUTFLOW_KIND));
    }

    // ------------------------------------------------------------------ civic integration

    private List<Count> languageLevels() {
        Map<String, Long> perValue = new HashMap<>();
        jdbc.query("SELECT TEXT_, COUNT(*) FROM ACT_HI_VARINST WHERE NAME_ = ? AND PROC_DEF_KEY_ = ?"
                        + " AND EXECUTION_ID_ = PROC_INST_ID_ AND STATE_ = 'CREATED' AND TEXT_ IS NOT NULL"
                        + " GROUP BY TEXT_",
                rs -> {
                    perValue.put(rs.getString(1), rs.getLong(2));
                }, CivicIntegrationProcess.VAR_LANGUAGE_LEVEL, CivicIntegrationProcess.PROCESS_KEY);
        return labelled(LANGUAGE_LEVELS, perValue);
    }

    private List<Count> examPartsPassed() {
        return labelled(EXAM_PARTS, variableUpdates(CivicIntegrationProcess.PROCESS_KEY,
                CivicIntegrationProcess.VAR_EXAM_PART));
    }

    private long examsPassed() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_VARINST WHERE NAME_ = ? AND PROC_DEF_KEY_ = ?"
                        + " AND EXECUTION_ID_ = PROC_INST_ID_ AND STATE_ = 'CREATED'", Long.class,
                CivicIntegrationProcess.VAR_EXAM_PASSED_ON, CivicIntegrationProcess.PROCESS_KEY);
        return count == null ? 0 : count;
    }

    /** Every value a variable was set to (history level full), counted per value. */
    private Map<String, Long> variableUpdates(String processKey, String name) {
        Map<String, Long> perValue = new HashMap<>();
        jdbc.query("SELECT TEXT_, COUNT(*) FROM ACT_HI_DETAIL WHERE NAME_ = ? AND PROC_DEF_KEY_ = ?"
                        + " AND TYPE_ = 'VariableUpdate' AND TEXT_ IS NOT NULL GROUP BY TEXT_",
                rs -> {
                    perValue.put(rs.getString(1), rs.getLong(2));
                }, name, processKey);
        return perValue;
    }

    // ------------------------------------------------------------------ hand-over

    private Handover handover() {
        long[] handovers = jdbc.queryForObject("SELECT"
                        + " SUM(CASE WHEN END_TIME_ IS NULL THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN END_TIME_ IS NOT NULL AND STATE_ = 'COMPLETED' THEN 1 ELSE 0 END)"
                        + " FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = ?",
                (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}, NeighbourhoodHandoverProcess.PROCESS_KEY);
        Double averageDays = jdbc.queryForObject("SELECT COUNT(*), SUM(DURATION_) FROM ACT_HI_PROCINST"
                        + " WHERE PROC_DEF_KEY_ = ? AND END_TIME_ IS NOT NULL AND STATE_ = 'COMPLETED'",
                (rs, row) -> {
                    long count = rs.getLong(1);
                    return count == 0 ? null : rs.getBigDecimal(2).doubleValue() / count / MILLIS_PER_DAY;
                }, GuidanceProcess.PROCESS_KEY);
        return new Handover(handovers[1], handovers[0], averageDays);
    }

    // ------------------------------------------------------------------ helpers

    /** The known values in their order (0 when absent), then any other value found, under its own name. */
    private static List<Count> labelled(Map<String, String> known, Map<String, Long> perValue) {
        List<Count> counts = new ArrayList<>();
        known.forEach((key, label) -> counts.add(new Count(key, label, perValue.getOrDefault(key, 0L))));
        new TreeMap<>(perValue).forEach((key, value) -> {
            if (!known.containsKey(key)) {
                counts.add(new Count(key, key, value));
            }
        });
        return counts;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
