package nl.utrecht.integrationhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import nl.utrecht.integrationhub.dashboard.DashboardFigures.Count;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.DeadlineKind;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MoneyYear;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MonthFlow;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.QuotaPeriod;
import nl.utrecht.integrationhub.route.BusinessDates;
import nl.utrecht.integrationhub.route.Deadlines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every dashboard figure on a prepared data set with known answers: rows in the engine's real schema
 * (Camunda's H2 DDL), as the engine writes them for a handful of households in known states, plus rows
 * that must NOT count (ended instances, other process keys, variables below the instance scope, dates
 * outside the configured periods). "Now" is fixed at 2026-11-29 12:00 in Utrecht.
 */
class DashboardServiceTest {

    private static final ZoneId UTRECHT = BusinessDates.UTRECHT;
    private static final Instant NOW = LocalDateTime.of(2026, 11, 29, 12, 0).atZone(UTRECHT).toInstant();

    private static final String ROUTE = "household-route";
    private static final String RECEPTION = "reception";
    private static final String HOUSING = "housing";
    private static final String SETTLEMENT = "settlement";
    private static final String GUIDANCE = "guidance";
    private static final String HANDOVER = "neighbourhood-handover";
    private static final String SCHOOL = "school-placement";
    private static final String CIVIC = "civic-integration";
    private static final String DECLARATION = "participation-declaration";

    private EngineTables tables;
    private MutableClock clock;

    /** The database the engine's tables are made in (PostgreSQL in {@link FiguresOnPostgresIT}). */
    EngineTables newTables() {
        return EngineTables.h2();
    }

    @BeforeEach
    void engineSchema() {
        tables = newTables();
        clock = new MutableClock(NOW);
    }

    @AfterEach
    void dropDatabase() {
        release(tables);
    }

    /** Done with the tables of one test. */
    void release(EngineTables used) {
        used.shutdown();
    }

    /** The letter's quota and amounts (as in config/hub-dashboard.yaml), and a 2026 year without per-person amount. */
    private static DashboardProperties letterProperties() {
        return new DashboardProperties(Duration.ofMinutes(1), 5,
                Map.of("school-placement", "P1D", "participation-declaration", "P2M",
                        "civic-integration-term", "P6M", "neighbourhood-handover", "P2W"),
                "P6W",
                List.of(new DashboardProperties.QuotaPeriod("2017-H2", 250, null),
                        new DashboardProperties.QuotaPeriod("2017-H1", 256, 216L)),
                List.of(new DashboardProperties.MoneyYear(2017, new BigDecimal("2370"), new BigDecimal("4430"),
                                List.of(new BigDecimal("1581.40"), new BigDecimal("2848.84")), "afgerond"),
                        new DashboardProperties.MoneyYear(2016, new BigDecimal("2370"), new BigDecimal("4430"),
                                List.of(), null),
                        new DashboardProperties.MoneyYear(2026, new BigDecimal("2370"), null, null, null)));
    }

    private DashboardService service(DashboardProperties properties) {
        return new DashboardService(tables.reader(), properties, new Deadlines(), clock);
    }

    private static LocalDateTime at(int year, int month, int day) {
        return LocalDateTime.of(year, month, day, 10, 0);
    }

    private static Instant dayStart(int year, int month, int day) {
        return LocalDate.of(year, month, day).atStartOfDay(UTRECHT).toInstant();
    }

    // ================================================================== housing quota and money

    /** Households housed: a route with its settlementDate and one child instance per adult / minor. */
    private void housed(String caseId, LocalDate settled, int adults, int minors, boolean childrenRunning) {
        String route = tables.running(ROUTE, caseId, at(2016, 1, 4));
        tables.dateVariable(route, ROUTE, "settlementDate", settled);
        // the same variable in a phase process of the case must not count twice
        String settlement = tables.instance(SETTLEMENT, caseId, route, settled.atTime(9, 0),
                settled.plusMonths(2).atTime(9, 0), "COMPLETED");
        tables.dateVariable(settlement, SETTLEMENT, "settlementDate", settled);
        for (int i = 0; i < adults; i++) {
            tables.instance(CIVIC, caseId, route, settled.atTime(9, 0),
                    childrenRunning ? null : settled.plusYears(2).atTime(9, 0), "COMPLETED");
        }
        for (int i = 0; i < minors; i++) {
            tables.instance(SCHOOL, caseId, route, settled.atTime(9, 0),
                    childrenRunning ? null : settled.plusYears(1).atTime(9, 0), "COMPLETED");
        }
    }

    private void housedHouseholds() {
        housed("HH-2016-000001", LocalDate.of(2016, 12, 31), 1, 2, false); // 2016-H2: 3 persons, 1 adult
        housed("HH-2017-000002", LocalDate.of(2017, 3, 1), 2, 1, false);   // 2017-H1: 3 persons, 2 adults
        housed("HH-2017-000003", LocalDate.of(2017, 8, 15), 1, 0, false);  // 2017-H2: 1 person, 1 adult
        housed("HH-2026-000004", LocalDate.of(2026, 11, 2), 2, 1, false);  // 2026: 3 persons, 2 adults
        // linked to Utrecht but not housed yet: a route without settlementDate
        tables.running(ROUTE, "HH-2017-000005", at(2017, 2, 1));
        // a per-person process of a case whose route is someone else's: not called by a route with that key
        tables.instance(CIVIC, "HH-2017-000002", null, at(2017, 3, 1), null, null);
    }

    @Test
    void housingQuotaCountsPersonsHousedPerHalfYearAndCarriesTheBacklogOver() {
        housedHouseholds();

        List<QuotaPeriod> quota = service(letterProperties()).current().housingQuota();

        assertThat(quota).extracting(QuotaPeriod::period, QuotaPeriod::label, QuotaPeriod::start, QuotaPeriod::end,
                        QuotaPeriod::target, QuotaPeriod::carriedOver, QuotaPeriod::housed, QuotaPeriod::backlog)
                .containsExactly(
                        // 256 + 216 carried over (the letter) − 3 housed
                        tuple("2017-H1", "1e helft 2017", LocalDate.of(2017, 1, 1), LocalDate.of(2017, 6, 30),
                                256L, 216L, 3L, 469L),
                        // no carried-over configured: the backlog of 2017-H1
                        tuple("2017-H2", "2e helft 2017", LocalDate.of(2017, 7, 1), LocalDate.of(2017, 12, 31),
                                250L, 469L, 1L, 718L));
    }

    @Test
    void expectedIncomeIsAdultsTimesTheAdultAmountPlusPersonsTimesThePersonAmount() {
        housedHouseholds();

        List<MoneyYear> money = service(letterProperties()).current().money();

        assertThat(money).extracting(MoneyYear::year, MoneyYear::housedAdults, MoneyYear::housedPersons,
                        MoneyYear::expected)
                .containsExactly(
                        // 1 × 2370 + 3 × 4430
                        tuple(2016, 1L, 3L, new BigDecimal("15660")),
                        // (2 + 1) × 2370 + (3 + 1) × 4430 = 7110 + 17720
                        tuple(2017, 3L, 4L, new BigDecimal("24830")),
                        // no per-person amount configured: 2 × 2370
                        tuple(2026, 2L, 3L, new BigDecimal("4740")));
        MoneyYear year2017 = money.get(1);
        assertThat(year2017.perHousedPersonParts()).containsExactly(new BigDecimal("1581.40"), new BigDecimal("2848.84"));
        assertThat(year2017.note()).isEqualTo("afgerond");
        assertThat(money.get(2).perHousedPerson()).isNull();
    }

    @Test
    void withoutTargetsOrAmountsThereIsNoQuotaAndNoMoney() {
        housedHouseholds();
        int before = tables.statements();
        service(letterProperties()).current();
        int withTargets = tables.statements() - before;

        DashboardFigures figures = service(DashboardProperties.defaults()).current();

        assertThat(figures.housingQuota()).isEmpty();
        assertThat(figures.money()).isEmpty();
        assertThat(figures.smallCountThreshold()).isEqualTo(5);
        assertThat(tables.statements() - before - withTargets).as("the housed query is skipped")
                .isEqualTo(withTargets - 1);
    }

    // ================================================================== phases

    private void phaseInstances() {
        tables.running(RECEPTION, "HH-2026-000010", at(2026, 11, 3));
        tables.running(RECEPTION, "HH-2026-000011", at(2026, 10, 20));
        tables.instance(RECEPTION, "HH-2025-000012", null, at(2025, 12, 15), at(2026, 2, 1), "COMPLETED");
        tables.instance(RECEPTION, "HH-2025-000013", null, at(2025, 11, 30), at(2026, 1, 5), "COMPLETED");
        tables.running(HOUSING, "HH-2026-000014", at(2026, 10, 21));
        tables.instance(HOUSING, "HH-2024-000015", null, at(2024, 5, 1), at(2024, 9, 1), "COMPLETED");
        tables.running(SETTLEMENT, "HH-2026-000016", at(2026, 11, 2));
        tables.running(GUIDANCE, "HH-2025-000017", at(2025, 6, 1));
        tables.running(GUIDANCE, "HH-2025-000018", at(2025, 6, 2));
        tables.running(HANDOVER, "HH-2024-000019", at(2026, 10, 1));
        tables.running(HANDOVER, "HH-2024-000020", at(2026, 10, 25));
        tables.running(HANDOVER, "HH-2024-000021", at(2026, 11, 20));
        tables.instance(HANDOVER, "HH-2023-000022", null, at(2024, 1, 5), at(2024, 3, 5), "COMPLETED");
        tables.instance(HANDOVER, "HH-2023-000023", null, at(2024, 2, 5), at(2024, 4, 5), "COMPLETED");
        tables.instance(HANDOVER, "HH-2023-000024", null, at(2024, 2, 6), at(2024, 2, 7), "EXTERNALLY_TERMINATED");
        // not a phase process: never counted as a phase
        tables.running(CIVIC, "HH-2026-000010", at(2026, 11, 3));
        tables.running(ROUTE, "HH-2026-000010", at(2026, 11, 3));
    }

    @Test
    void casesPerPhaseAreTheRunningInstancesOfEachPhaseProcess() {
        phaseInstances();

        List<Count> phases = service(letterProperties()).current().casesPerPhase();

        assertThat(phases).extracting(Count::key, Count::label, Count::value).containsExactly(
                tuple("A", "A. Opvang in het AZC", 2L),
                tuple("B", "B. Koppeling en huisvesting", 1L),
                tuple("C", "C. Vestiging", 1L),
                tuple("D", "D. Begeleiding en participatie", 2L),
                tuple("E", "E. Warme overdracht aan het buurtteam", 3L));
    }

    @Test
    void phaseFlowCountsInstancesStartedPerMonthOverTheLastTwelveMonths() {
        phaseInstances();

        List<MonthFlow> flow = service(letterProperties()).current().phaseFlow();

        assertThat(flow).extracting(MonthFlow::month).containsExactly("2025-12", "2026-01", "2026-02", "2026-03",
                "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11");
        assertThat(flow).allSatisfy(month -> assertThat(month.entered()).extracting(Count::key)
                .containsExactly("A", "B", "C", "D", "E"));
        assertThat(entered(flow, "2025-12")).containsExactly(1L, 0L, 0L, 0L, 0L);
        assertThat(entered(flow, "2026-10")).containsExactly(1L, 1L, 0L, 0L, 2L);
        assertThat(entered(flow, "2026-11")).containsExactly(1L, 0L, 1L, 0L, 1L);
        assertThat(flow).filteredOn(month -> !List.of("2025-12", "2026-10", "2026-11").contains(month.month()))
                .allSatisfy(month -> assertThat(month.entered()).extracting(Count::value)
                        .containsOnly(0L));
    }

    private static List<Long> entered(List<MonthFlow> flow, String month) {
        return flow.stream().filter(m -> m.month().equals(month)).findFirst().orElseThrow()
                .entered().stream().map(Count::value).toList();
    }

    // ================================================================== deadlines

    private void deadlineData() {
        // school in the AZC: the open task's due date (arrival + 3 days)
        String reception = tables.running(RECEPTION, "HH-2026-000030", at(2026, 11, 24));
        tables.openTask(reception, "UserTask_PlaceChildInSchool", dayStart(2026, 11, 28));      // overdue
        tables.openTask(reception, "UserTask_PlaceChildInSchool", dayStart(2026, 11, 29));      // overdue since 00:00
        tables.openTask(reception, "UserTask_PlaceChildInSchool", dayStart(2026, 11, 30));      // due soon (P1D)
        String reception2 = tables.running(RECEPTION, "HH-2026-000031", at(2026, 11, 29));
        tables.openTask(reception2, "UserTask_PlaceChildInSchool", dayStart(2026, 12, 2));      // open
        tables.openTask(reception2, "UserTask_RecordActivation", dayStart(2026, 11, 1));        // another task
        // school after settlement: open placement task, settlementDate + 3 days
        String school = tables.running(SCHOOL, "HH-2026-000032", at(2026, 11, 20));
        tables.dateVariable(school, SCHOOL, "settlementDate", LocalDate.of(2026, 11, 20));     // due 11-23: overdue
        tables.openTask(school, "UserTask_PlaceChild", null);
        String placed = tables.running(SCHOOL, "HH-2026-000033", at(2026, 11, 2));
        tables.dateVariable(placed, SCHOOL, "settlementDate", LocalDate.of(2026, 11, 2));      // placed: no task

        // participation declaration: running instances, settlementDate + 12 months
        declaration(LocalDate.of(2025, 11, 1), true);   // due 2026-11-01: overdue
        declaration(LocalDate.of(2026, 1, 10), true);   // due 2027-01-10: within 2 months
        declaration(LocalDate.of(2026, 6, 1), true);    // due 2027-06-01: open
        declaration(LocalDate.of(2025, 1, 1), false);   // signed: ended

        // civic-integration term: running instances with obligationStart, + 3 years
        term(LocalDate.of(2023, 6, 1), true);   // due 2026-06-01: overdue
        term(LocalDate.of(2024, 1, 15), true);  // due 2027-01-15: within 6 months
        term(LocalDate.of(2025, 9, 1), true);   // open
        term(LocalDate.of(2025, 10, 1), true);  // open
        term(LocalDate.of(2022, 1, 1), false);  // exam passed: ended
        tables.running(CIVIC, "HH-2026-000040", at(2026, 11, 1)); // no obligation reported yet: no term

        // hand-over: due 6 weeks after it started
        tables.running(HANDOVER, "HH-2024-000041", at(2026, 10, 1));   // due 11-12: overdue
        tables.running(HANDOVER, "HH-2024-000042", at(2026, 10, 25));  // due 12-06: within 2 weeks
        tables.running(HANDOVER, "HH-2024-000043", at(2026, 11, 20));  // due 2027-01-01: open
        tables.instance(HANDOVER, "HH-2023-000044", null, at(2026, 1, 5), at(2026, 3, 5), "COMPLETED");
    }

    private void declaration(LocalDate settled, boolean running) {
        String id = tables.instance(DECLARATION, "HH-D-" + settled, null, settled.atTime(9, 0),
                running ? null : settled.plusMonths(10).atTime(9, 0), "COMPLETED");
        tables.dateVariable(id, DECLARATION, "settlementDate", settled);
    }

    private void term(LocalDate obligationStart, boolean running) {
        String id = tables.instance(CIVIC, "HH-T-" + obligationStart, null, obligationStart.atTime(9, 0),
                running ? null : obligationStart.plusYears(2).atTime(9, 0), "COMPLETED");
        tables.dateVariable(id, CIVIC, "obligationStart", obligationStart);
    }

    @Test
    void deadlinesAreOpenDueSoonOrOverduePerKind() {
        deadlineData();

        List<DeadlineKind> deadlines = service(letterProperties()).current().deadlines();

        assertThat(deadlines).extracting(DeadlineKind::key, DeadlineKind::open, DeadlineKind::dueSoon,
                        DeadlineKind::overdue, DeadlineKind::dueSoonWindowDays)
                .containsExactly(
                        tuple("school-placement", 1L, 1L, 3L, 1),
                        tuple("participation-declaration", 1L, 1L, 1L, 61),  // 29 Nov + 2 months = 29 Jan
                        tuple("civic-integration-term", 2L, 1L, 1L, 181),    // 29 Nov + 6 months = 29 May
                        tuple("neighbourhood-handover", 1L, 1L, 1L, 14));
        assertThat(deadlines).extracting(DeadlineKind::label).containsExactly("School binnen 3 dagen",
                "Participatieverklaring binnen 12 maanden", "Inburgeringstermijn (3 jaar)",
                "Warme overdracht aan het buurtteam");
    }

    @Test
    void compressedDeadlinesOfTheHubAreTheDashboardsDeadlinesToo() {
        deadlineData();

        // acceptance: the declaration is due 10 years after settlement (instead of 12 months)
        DashboardService service = new DashboardService(tables.reader(), letterProperties(),
                new Deadlines(Map.of("participation-declaration", "P10Y")), clock);

        assertThat(service.current().deadlines()).filteredOn(kind -> kind.key().equals("participation-declaration"))
                .extracting(DeadlineKind::open, DeadlineKind::dueSoon, DeadlineKind::overdue)
                .containsExactly(tuple(3L, 0L, 0L));
    }

    @Test
    void civicIntegrationTermsOpenAndEndingSoonFollowTheTermDeadline() {
        deadlineData();

        DashboardFigures.CivicIntegration civic = service(letterProperties()).current().civicIntegration();

        assertThat(civic.termsOpen()).isEqualTo(4);
        assertThat(civic.termsEndingSoon()).isEqualTo(1);
    }

    // ================================================================== work, civic integration, hand-over

    private void progressData() {
        String g1 = tables.running(GUIDANCE, "HH-2025-000050", at(2025, 3, 1));
        tables.stringVariable(g1, GUIDANCE, "chosenTrajectory", "work-experience-place");
        String g2 = tables.running(GUIDANCE, "HH-2025-000051", at(2025, 3, 2));
        tables.stringVariable(g2, GUIDANCE, "chosenTrajectory", "work-experience-place");
        String g3 = tables.running(GUIDANCE, "HH-2025-000052", at(2025, 3, 3));
        tables.stringVariable(g3, GUIDANCE, "chosenTrajectory", "vip-project");
        tables.localStringVariable(g3, GUIDANCE, "chosenTrajectory", "uaf");        // a task's local copy
        tables.running(GUIDANCE, "HH-2025-000053", at(2025, 3, 4));                // no trajectory yet
        String done1 = tables.instance(GUIDANCE, "HH-2023-000054", null, at(2023, 1, 1),
                at(2023, 1, 1).plusDays(540), "COMPLETED");
        tables.stringVariable(done1, GUIDANCE, "chosenTrajectory", "uaf");          // guidance ended
        tables.instance(GUIDANCE, "HH-2023-000055", null, at(2023, 2, 1), at(2023, 2, 1).plusDays(560), "COMPLETED");
        tables.instance(GUIDANCE, "HH-2023-000056", null, at(2023, 3, 1), at(2023, 3, 11), "EXTERNALLY_TERMINATED");

        // outflow reports (every report counts, also a second one for the same household)
        tables.stringUpdate(g1, GUIDANCE, "outflowKind", "work");
        tables.stringUpdate(g1, GUIDANCE, "outflowKind", "work");
        tables.stringUpdate(g2, GUIDANCE, "outflowKind", "volunteer-work");
        tables.stringUpdate(g2, SETTLEMENT, "outflowKind", "internship");            // not guidance

        // civic integration: last language level per person, exam parts, exams
        String p1 = tables.running(CIVIC, "HH-2025-000050", at(2025, 3, 1));
        tables.stringVariable(p1, CIVIC, "languageLevel", "A2");
        tables.stringUpdate(p1, CIVIC, "examPart", "reading");
        tables.stringUpdate(p1, CIVIC, "examPart", "knm");
        String p2 = tables.running(CIVIC, "HH-2025-000051", at(2025, 3, 1));
        tables.stringVariable(p2, CIVIC, "languageLevel", "A2");
        tables.stringUpdate(p2, CIVIC, "examPart", "reading");
        String p3 = tables.instance(CIVIC, "HH-2023-000054", null, at(2023, 1, 1), at(2025, 1, 1), "COMPLETED");
        tables.stringVariable(p3, CIVIC, "languageLevel", "B1");
        tables.dateVariable(p3, CIVIC, "examPassedOn", LocalDate.of(2024, 12, 20));
        String p4 = tables.instance(CIVIC, "HH-2023-000055", null, at(2023, 1, 1), at(2025, 2, 1), "COMPLETED");
        tables.dateVariable(p4, CIVIC, "examPassedOn", LocalDate.of(2025, 1, 20));
        String s1 = tables.running(SETTLEMENT, "HH-2025-000050", at(2025, 1, 1));
        tables.stringVariable(s1, SETTLEMENT, "languageLevel", "A1");                // the PPS-V's, not DUO's

        tables.running(HANDOVER, "HH-2024-000057", at(2026, 11, 1));
        tables.instance(HANDOVER, "HH-2023-000058", null, at(2024, 7, 1), at(2024, 8, 1), "COMPLETED");
        tables.instance(HANDOVER, "HH-2023-000059", null, at(2024, 7, 2), at(2024, 8, 2), "COMPLETED");
        tables.instance(HANDOVER, "HH-2023-000060", null, at(2024, 7, 3), at(2024, 7, 4), "EXTERNALLY_TERMINATED");
    }

    @Test
    void participantsPerTrajectoryAreRunningGuidanceCasesPerChosenTrajectory() {
        progressData();

        DashboardFigures.Work work = service(letterProperties()).current().work();

        assertThat(work.participantsPerTrajectory()).extracting(Count::key, Count::label, Count::value).containsExactly(
                tuple("work-experience-place", "Werkervaringsplaats", 2L),
                tuple("vip-project", "VIP-project", 1L),
                tuple("regular-education", "Regulier onderwijs", 0L),
                tuple("uaf", "UAF (hoger onderwijs)", 0L),
                tuple("inclusion", "inclUUsion", 0L),
                tuple("language-first", "Eerst Nederlands", 0L));
    }

    @Test
    void outflowCountsEveryReportPerKind() {
        progressData();

        DashboardFigures.Work work = service(letterProperties()).current().work();

        assertThat(work.outflow()).extracting(Count::key, Count::label, Count::value).containsExactly(
                tuple("work", "Werk", 2L),
                tuple("internship", "Stage", 0L),
                tuple("work-experience-place", "Werkervaringsplaats", 0L),
                tuple("volunteer-work", "Vrijwilligerswerk", 1L));
    }

    @Test
    void civicIntegrationShowsLastLanguageLevelsExamPartsAndExamsPassed() {
        progressData();

        DashboardFigures.CivicIntegration civic = service(letterProperties()).current().civicIntegration();

        assertThat(civic.languageLevels()).extracting(Count::key, Count::value)
                .containsExactly(tuple("A1", 0L), tuple("A2", 2L), tuple("B1", 1L), tuple("B2", 0L));
        assertThat(civic.examPartsPassed()).extracting(Count::key, Count::value).containsExactly(
                tuple("reading", 2L), tuple("listening", 0L), tuple("writing", 0L), tuple("speaking", 0L),
                tuple("knm", 1L), tuple("orientation-labour-market", 0L));
        assertThat(civic.examsPassed()).isEqualTo(2);
    }

    @Test
    void handoversDoneOpenAndTheAverageDurationOfCompletedGuidance() {
        progressData();

        DashboardFigures.Handover handover = service(letterProperties()).current().handover();

        assertThat(handover.handoversDone()).isEqualTo(2);
        assertThat(handover.handoversOpen()).isEqualTo(1);
        // (540 + 560) / 2; the guidance ended early (terminated) does not count
        assertThat(handover.averageGuidanceDays()).isEqualTo(550.0);
    }

    @Test
    void anEmptyEngineGivesZerosAndNoAverage() {
        DashboardFigures figures = service(letterProperties()).current();

        assertThat(figures.casesPerPhase()).extracting(Count::value).containsOnly(0L);
        assertThat(figures.handover().averageGuidanceDays()).isNull();
        assertThat(figures.housingQuota()).extracting(QuotaPeriod::backlog).containsExactly(472L, 722L);
        assertThat(figures.money()).extracting(MoneyYear::expected)
                .containsExactly(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    // ================================================================== computed once per interval

    @Test
    void figuresAreComputedAtMostOncePerRefreshInterval() {
        phaseInstances();
        DashboardService service = service(letterProperties());

        DashboardFigures first = service.current();
        int afterFirst = tables.statements();
        assertThat(afterFirst).isPositive();
        assertThat(first.computedAt()).isEqualTo(NOW);

        clock.advance(Duration.ofSeconds(59));
        tables.running(RECEPTION, "HH-2026-000099", at(2026, 11, 29));
        DashboardFigures second = service.current();

        assertThat(tables.statements()).as("no query within the interval").isEqualTo(afterFirst);
        assertThat(second).isSameAs(first);
        assertThat(service.latest()).isSameAs(first);

        clock.advance(Duration.ofSeconds(1));
        DashboardFigures third = service.current();

        assertThat(tables.statements()).isGreaterThan(afterFirst);
        assertThat(third.computedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(third.casesPerPhase().get(0).value()).isEqualTo(3L);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return UTRECHT;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
