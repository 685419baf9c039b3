package nl.utrecht.integrationhub.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import nl.utrecht.integrationhub.dashboard.DashboardFigures.CivicIntegration;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.Count;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.DeadlineKind;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.Handover;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MoneyYear;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MonthFlow;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.QuotaPeriod;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.Work;

/**
 * A prepared set of dashboard figures with known answers for the page and CSV tests: phase C has 3 open
 * cases (shown as "&lt; 5"), phase D none, phase A 1,234; the second half of 2017 housed 3 (so its
 * backlog, what 2018-H1 carries over of it and 2018-H1's backlog, and 2017's persons and money are withheld); 2016 is shown in full.
 */
final class PreparedFigures {

    static final Instant COMPUTED_AT = Instant.parse("2026-11-29T14:24:00Z");

    private PreparedFigures() {
    }

    static DashboardFigures figures() {
        return figures(5, 3);
    }

    /** The prepared figures with this threshold and this many open cases in phase C. */
    static DashboardFigures figures(int threshold, long phaseC) {
        return new DashboardFigures(COMPUTED_AT, threshold,
                List.of(new QuotaPeriod("2017-H1", "1e helft 2017", LocalDate.of(2017, 1, 1), LocalDate.of(2017, 6, 30),
                                256, 216, 300, 172),
                        new QuotaPeriod("2017-H2", "2e helft 2017", LocalDate.of(2017, 7, 1), LocalDate.of(2017, 12, 31),
                                250, 172, 3, 419),
                        new QuotaPeriod("2018-H1", "1e helft 2018", LocalDate.of(2018, 1, 1), LocalDate.of(2018, 6, 30),
                                200, 419, 100, 519)),
                phases(1234, 42, phaseC, 0, 7),
                List.of(new MonthFlow("2026-10", phases(10, 3, 0, 0, 0)),
                        new MonthFlow("2026-11", phases(20, 12, 6, 2, 0))),
                List.of(new DeadlineKind("school-placement", "School binnen 3 dagen", 12, 3, 0, 1),
                        new DeadlineKind("participation-declaration", "Participatieverklaring binnen 12 maanden", 40, 6, 2, 30)),
                new Work(List.of(new Count("work-experience-place", "Werkervaringsplaats", 25),
                        new Count("vip-project", "VIP-project", 4)),
                        List.of(new Count("work", "Werk", 11), new Count("internship", "Stage", 0),
                                new Count("volunteer-work", "Vrijwilligerswerk", 2))),
                new CivicIntegration(List.of(new Count("A1", "A1", 15), new Count("A2", "A2", 22), new Count("B1", "B1", 3)),
                        List.of(new Count("reading", "Lezen", 12), new Count("listening", "Luisteren", 3)), 6, 4, 30),
                new Handover(12, 3, 547.5),
                List.of(new MoneyYear(2016, 500, 845, new BigDecimal("2370"), new BigDecimal("4430"),
                                List.of(new BigDecimal("1581.40"), new BigDecimal("2848.84")), new BigDecimal("4928350.00"),
                                "De brief noemt € 4.430; de delen tellen op tot € 4.430,24."),
                        new MoneyYear(2017, 200, 303, new BigDecimal("2370"), new BigDecimal("4430"),
                                List.of(new BigDecimal("1581.40"), new BigDecimal("2848.84")), new BigDecimal("1816290.00"),
                                "De brief noemt € 4.430; de delen tellen op tot € 4.430,24.")));
    }

    static List<Count> phases(long a, long b, long c, long d, long e) {
        return List.of(new Count("A", "A. Opvang (AZC)", a), new Count("B", "B. Koppeling en huisvesting", b),
                new Count("C", "C. Vestiging", c), new Count("D", "D. Begeleiding en participatie", d),
                new Count("E", "E. Warme overdracht", e));
    }
}
