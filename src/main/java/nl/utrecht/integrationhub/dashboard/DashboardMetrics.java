package nl.utrecht.integrationhub.dashboard;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.Count;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.DeadlineKind;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MoneyYear;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.QuotaPeriod;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The dashboard's figures as Micrometer gauges, scraped as Prometheus metrics from
 * {@code /actuator/prometheus} (administrators only, like every Actuator endpoint but health). The gauges
 * hold the figures {@link DashboardService} computed last: a scrape never queries the database. They are
 * updated whenever the service has newer figures (checked every 10 seconds; the service computes at most
 * once per {@code hub.dashboard.refresh-interval}).
 *
 * <p>Counts are EXACT here, also below {@code hub.dashboard.small-count-threshold}: the endpoint is for
 * administrators only and carries aggregates, never names or identifiers; the page and the CSV hide small
 * counts. Names (Prometheus adds {@code _euros} etc. as written):
 * <ul>
 * <li>{@code hub_dashboard_cases_open{phase="A".."E"}}</li>
 * <li>{@code hub_dashboard_phase_entered{phase, month="yyyy-MM"}} (last 12 months)</li>
 * <li>{@code hub_dashboard_deadlines{kind, state="open|due_soon|overdue"}}</li>
 * <li>{@code hub_dashboard_housing_target{period}}, {@code hub_dashboard_housing_carried_over{period}},
 * {@code hub_dashboard_housing_housed{period}}, {@code hub_dashboard_housing_backlog{period}}</li>
 * <li>{@code hub_dashboard_trajectory_participants{trajectory}}, {@code hub_dashboard_outflow{kind}}</li>
 * <li>{@code hub_dashboard_language_level_persons{level}}, {@code hub_dashboard_exam_parts_passed{part}},
 * {@code hub_dashboard_exams_passed}, {@code hub_dashboard_civic_integration_terms_open},
 * {@code hub_dashboard_civic_integration_terms_ending_soon}</li>
 * <li>{@code hub_dashboard_handovers_done}, {@code hub_dashboard_handovers_open},
 * {@code hub_dashboard_guidance_average_days}</li>
 * <li>{@code hub_dashboard_housed_adults{year}}, {@code hub_dashboard_housed_persons{year}},
 * {@code hub_dashboard_expected_income_euros{year}}</li>
 * <li>{@code hub_dashboard_computed_at_seconds}: when the figures were computed (epoch seconds)</li>
 * <li>{@code hub_dashboard_computation_seconds}: how long that computation took (all its queries)</li>
 * </ul>
 * Before the first computation the gauges are absent (multi-gauges) or NaN (single gauges).
 */
@Component
public class DashboardMetrics {

    private final DashboardService service;
    private final MultiGauge casesOpen;
    private final MultiGauge phaseEntered;
    private final MultiGauge deadlines;
    private final MultiGauge housingTarget;
    private final MultiGauge housingCarriedOver;
    private final MultiGauge housingHoused;
    private final MultiGauge housingBacklog;
    private final MultiGauge trajectoryParticipants;
    private final MultiGauge outflow;
    private final MultiGauge languageLevels;
    private final MultiGauge examParts;
    private final MultiGauge housedAdults;
    private final MultiGauge housedPersons;
    private final MultiGauge expectedIncome;
    private volatile DashboardFigures shown;

    public DashboardMetrics(DashboardService service, MeterRegistry registry) {
        this.service = service;
        casesOpen = multi(registry, "hub.dashboard.cases.open", "Open cases per phase (A-E)");
        phaseEntered = multi(registry, "hub.dashboard.phase.entered", "Cases that entered a phase, per month");
        deadlines = multi(registry, "hub.dashboard.deadlines", "Deadlines per kind and state");
        housingTarget = multi(registry, "hub.dashboard.housing.target", "Housing quota target per half-year");
        housingCarriedOver = multi(registry, "hub.dashboard.housing.carried.over", "Backlog carried over");
        housingHoused = multi(registry, "hub.dashboard.housing.housed", "Status holders housed per half-year");
        housingBacklog = multi(registry, "hub.dashboard.housing.backlog", "Housing quota backlog");
        trajectoryParticipants = multi(registry, "hub.dashboard.trajectory.participants",
                "Participants per work trajectory (running guidance)");
        outflow = multi(registry, "hub.dashboard.outflow", "Outflow reports per kind");
        languageLevels = multi(registry, "hub.dashboard.language.level.persons", "Persons per last language level");
        examParts = multi(registry, "hub.dashboard.exam.parts.passed", "Civic-integration exam parts passed");
        housedAdults = multi(registry, "hub.dashboard.housed.adults", "Adults housed per year");
        housedPersons = multi(registry, "hub.dashboard.housed.persons", "Persons housed per year");
        expectedIncome = multi(registry, "hub.dashboard.expected.income.euros",
                "Expected municipal income per year (euros)");
        single(registry, "hub.dashboard.exams.passed", "Civic-integration exams passed",
                figures -> figures.civicIntegration().examsPassed());
        single(registry, "hub.dashboard.civic.integration.terms.open", "Open civic-integration terms",
                figures -> figures.civicIntegration().termsOpen());
        single(registry, "hub.dashboard.civic.integration.terms.ending.soon",
                "Civic-integration terms ending within the warning window",
                figures -> figures.civicIntegration().termsEndingSoon());
        single(registry, "hub.dashboard.handovers.done", "Hand-overs accepted by the buurtteam",
                figures -> figures.handover().handoversDone());
        single(registry, "hub.dashboard.handovers.open", "Hand-overs under way",
                figures -> figures.handover().handoversOpen());
        single(registry, "hub.dashboard.guidance.average.days", "Average duration of completed guidance (days)",
                figures -> figures.handover().averageGuidanceDays() == null ? Double.NaN
                        : figures.handover().averageGuidanceDays());
        single(registry, "hub.dashboard.computed.at.seconds", "When the figures were computed (epoch seconds)",
                figures -> figures.computedAt().getEpochSecond());
        Gauge.builder("hub.dashboard.computation.seconds", service,
                        figuresService -> figuresService.lastComputation() == null ? Double.NaN
                                : figuresService.lastComputation().toNanos() / 1e9)
                .description("How long the last computation of the figures took (all queries), in seconds")
                .register(registry);
    }

    private static MultiGauge multi(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    private void single(MeterRegistry registry, String name, String description,
                        java.util.function.ToDoubleFunction<DashboardFigures> value) {
        Gauge.builder(name, this, metrics -> metrics.shown == null ? Double.NaN : value.applyAsDouble(metrics.shown))
                .description(description).register(registry);
    }

    /** Takes over the service's latest figures when they are newer than those shown (no query). */
    @Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT10S")
    public void update() {
        DashboardFigures figures = service.latest();
        if (figures == null || figures == shown) {
            return;
        }
        show(figures);
    }

    void show(DashboardFigures figures) {
        casesOpen.register(counts(figures.casesPerPhase(), "phase"), true);
        List<Row<?>> entered = new ArrayList<>();
        figures.phaseFlow().forEach(month -> month.entered().forEach(count -> entered.add(
                Row.of(Tags.of("phase", count.key(), "month", month.month()), count.value()))));
        phaseEntered.register(entered, true);
        List<Row<?>> deadlineRows = new ArrayList<>();
        for (DeadlineKind kind : figures.deadlines()) {
            deadlineRows.add(Row.of(Tags.of("kind", kind.key(), "state", "open"), kind.open()));
            deadlineRows.add(Row.of(Tags.of("kind", kind.key(), "state", "due_soon"), kind.dueSoon()));
            deadlineRows.add(Row.of(Tags.of("kind", kind.key(), "state", "overdue"), kind.overdue()));
        }
        deadlines.register(deadlineRows, true);
        housingTarget.register(quota(figures, QuotaPeriod::target), true);
        housingCarriedOver.register(quota(figures, QuotaPeriod::carriedOver), true);
        housingHoused.register(quota(figures, QuotaPeriod::housed), true);
        housingBacklog.register(quota(figures, QuotaPeriod::backlog), true);
        trajectoryParticipants.register(counts(figures.work().participantsPerTrajectory(), "trajectory"), true);
        outflow.register(counts(figures.work().outflow(), "kind"), true);
        languageLevels.register(counts(figures.civicIntegration().languageLevels(), "level"), true);
        examParts.register(counts(figures.civicIntegration().examPartsPassed(), "part"), true);
        housedAdults.register(money(figures, year -> year.housedAdults()), true);
        housedPersons.register(money(figures, year -> year.housedPersons()), true);
        expectedIncome.register(money(figures, year -> year.expected().doubleValue()), true);
        shown = figures;
    }

    private static List<Row<?>> counts(List<Count> counts, String tag) {
        return counts.stream().<Row<?>>map(count -> Row.of(Tags.of(tag, count.key()), count.value())).toList();
    }

    private static List<Row<?>> quota(DashboardFigures figures, java.util.function.ToLongFunction<QuotaPeriod> value) {
        return figures.housingQuota().stream()
                .<Row<?>>map(period -> Row.of(Tags.of("period", period.period()), value.applyAsLong(period))).toList();
    }

    private static List<Row<?>> money(DashboardFigures figures, java.util.function.ToDoubleFunction<MoneyYear> value) {
        return figures.money().stream()
                .<Row<?>>map(year -> Row.of(Tags.of("year", String.valueOf(year.year())), value.applyAsDouble(year)))
                .toList();
    }
}
