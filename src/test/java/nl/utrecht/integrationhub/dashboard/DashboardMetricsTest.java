package nl.utrecht.integrationhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import nl.utrecht.integrationhub.route.BusinessDates;
import nl.utrecht.integrationhub.route.Deadlines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The figures as Prometheus metrics: exact counts (also below the small-count threshold), the names the
 * docs give, and no query when the metrics are scraped.
 */
class DashboardMetricsTest {

    private static final Instant NOW = LocalDateTime.of(2026, 11, 29, 12, 0).atZone(BusinessDates.UTRECHT).toInstant();

    private EngineTables tables;
    private PrometheusMeterRegistry registry;
    private DashboardService service;
    private DashboardMetrics metrics;

    @BeforeEach
    void hubWithThreeReceptionsAndAHousedFamily() {
        tables = EngineTables.h2();
        for (int i = 0; i < 3; i++) {
            tables.running("reception", "HH-2026-00000" + i, LocalDateTime.of(2026, 11, 2, 9, 0));
        }
        String route = tables.running("household-route", "HH-2026-000010", LocalDateTime.of(2026, 5, 1, 9, 0));
        tables.dateVariable(route, "household-route", "settlementDate", LocalDate.of(2026, 9, 1));
        tables.instance("civic-integration", "HH-2026-000010", route, LocalDateTime.of(2026, 9, 1, 9, 0), null, null);
        tables.instance("school-placement", "HH-2026-000010", route, LocalDateTime.of(2026, 9, 1, 9, 0), null, null);
        DashboardProperties properties = new DashboardProperties(Duration.ofMinutes(1), 5, null, "P6W",
                List.of(new DashboardProperties.QuotaPeriod("2026-H2", 60, 0L)),
                List.of(new DashboardProperties.MoneyYear(2026, new BigDecimal("2370"), new BigDecimal("4430"),
                        null, null)));
        service = new DashboardService(tables.reader(), properties, new Deadlines(),
                new DashboardServiceTest.MutableClock(NOW));
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics = new DashboardMetrics(service, registry);
    }

    @AfterEach
    void dropDatabase() {
        tables.shutdown();
    }

    @Test
    void theMetricsCarryTheLatestFiguresExactlyAndAScrapeNeverQueries() {
        assertThat(registry.scrape()).as("nothing before the first computation")
                .doesNotContain("hub_dashboard_cases_open{")
                .contains("hub_dashboard_computation_seconds NaN");
        service.current();
        metrics.update();
        int statements = tables.statements();

        String scrape = registry.scrape();

        assertThat(scrape)
                .as("exact count 3, although below the threshold of 5 (the page shows '< 5')")
                .contains("hub_dashboard_cases_open{phase=\"A\"} 3.0")
                .contains("hub_dashboard_cases_open{phase=\"B\"} 0.0")
                .contains("hub_dashboard_phase_entered{month=\"2026-11\",phase=\"A\"} 3.0")
                .contains("hub_dashboard_deadlines{kind=\"school-placement\",state=\"overdue\"} 0.0")
                .contains("hub_dashboard_deadlines{kind=\"civic-integration-term\",state=\"due_soon\"} 0.0")
                .contains("hub_dashboard_housing_target{period=\"2026-H2\"} 60.0")
                .contains("hub_dashboard_housing_housed{period=\"2026-H2\"} 2.0")
                .contains("hub_dashboard_housing_backlog{period=\"2026-H2\"} 58.0")
                .contains("hub_dashboard_housed_adults{year=\"2026\"} 1.0")
                .contains("hub_dashboard_housed_persons{year=\"2026\"} 2.0")
                // 1 × 2370 + 2 × 4430
                .contains("hub_dashboard_expected_income_euros{year=\"2026\"} 11230.0")
                .contains("hub_dashboard_outflow{kind=\"volunteer-work\"} 0.0")
                .contains("hub_dashboard_trajectory_participants{trajectory=\"vip-project\"} 0.0")
                .contains("hub_dashboard_language_level_persons{level=\"B1\"} 0.0")
                .contains("hub_dashboard_exam_parts_passed{part=\"knm\"} 0.0")
                .contains("hub_dashboard_exams_passed 0.0")
                .contains("hub_dashboard_civic_integration_terms_open 0.0")
                .contains("hub_dashboard_handovers_done 0.0")
                .contains("hub_dashboard_guidance_average_days NaN")
                .contains("hub_dashboard_computed_at_seconds " + (double) NOW.getEpochSecond());
        double computation = registry.get("hub.dashboard.computation.seconds").gauge().value();
        assertThat(computation).as("how long the queries took: measured, so above zero and below a minute")
                .isGreaterThan(0.0).isLessThan(60.0)
                .isEqualTo(service.lastComputation().toNanos() / 1e9);
        registry.scrape();
        metrics.update();
        assertThat(tables.statements()).as("scrapes and updates read the kept figures").isEqualTo(statements);
    }

    @Test
    void newerFiguresReplaceTheShownOnes() {
        service.current();
        metrics.update();
        tables.running("reception", "HH-2026-000020", LocalDateTime.of(2026, 11, 28, 9, 0));
        metrics.show(service.compute());

        assertThat(registry.get("hub.dashboard.cases.open").tag("phase", "A").gauge().value()).isEqualTo(4.0);
    }
}
