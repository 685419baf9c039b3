package nl.utrecht.integrationhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/** hub.dashboard.* as the hub binds it: the neutral defaults and the demo values in config/hub-dashboard.yaml. */
class DashboardPropertiesTest {

    private static DashboardProperties bind(List<PropertySource<?>> sources) {
        StandardEnvironment environment = new StandardEnvironment();
        sources.forEach(source -> environment.getPropertySources().addFirst(source));
        return Binder.get(environment).bindOrCreate("hub.dashboard", Bindable.of(DashboardProperties.class));
    }

    private static DashboardProperties hubDashboardYaml() throws IOException {
        return bind(new YamlPropertySourceLoader().load("hub-dashboard",
                new FileSystemResource("config/hub-dashboard.yaml")));
    }

    @Test
    void withoutConfigurationThereAreNoTargetsAndNoAmounts() {
        DashboardProperties defaults = bind(List.of());

        assertThat(defaults.refreshInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.smallCountThreshold()).isEqualTo(5);
        assertThat(defaults.housingQuota()).isEmpty();
        assertThat(defaults.money()).isEmpty();
        assertThat(defaults.dueSoon()).containsOnlyKeys("school-placement", "participation-declaration",
                "civic-integration-term", "neighbourhood-handover");
        assertThat(defaults.handoverPeriodAmount()).isEqualTo(Period.ofWeeks(6));
        assertThat(defaults).isEqualTo(DashboardProperties.defaults());
    }

    @Test
    void theDemoValuesCarryTheLettersFigures() throws IOException {
        DashboardProperties demo = hubDashboardYaml();

        assertThat(demo.refreshInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(demo.dueSoonWindow("civic-integration-term")).isEqualTo(Period.ofMonths(6));
        assertThat(demo.housingQuota()).filteredOn(period -> period.period().startsWith("201"))
                .extracting(DashboardProperties.QuotaPeriod::period, DashboardProperties.QuotaPeriod::target,
                        DashboardProperties.QuotaPeriod::carriedOver)
                .containsExactly(tuple("2016-H1", 423L, 0L), tuple("2016-H2", 422L, null),
                        tuple("2017-H1", 256L, 216L));
        assertThat(demo.housingQuota().get(0).target() + demo.housingQuota().get(1).target())
                .as("the letter's 2016 target").isEqualTo(845);
        assertThat(demo.housingQuota().get(2).start()).isEqualTo(LocalDate.of(2017, 1, 1));
        assertThat(demo.housingQuota().get(2).label()).isEqualTo("1e helft 2017");

        DashboardProperties.MoneyYear year2017 = demo.money().stream().filter(year -> year.year() == 2017)
                .findFirst().orElseThrow();
        assertThat(year2017.perHousedAdult()).isEqualByComparingTo("2370");
        assertThat(year2017.perHousedPerson()).isEqualByComparingTo("4430");
        assertThat(year2017.perHousedPersonParts()).containsExactly(new BigDecimal("1581.40"),
                new BigDecimal("2848.84"));
        assertThat(year2017.perHousedPersonParts().get(0).add(year2017.perHousedPersonParts().get(1)))
                .as("the letter's parts add up to 4,430.24, rounded in the letter to 4,430")
                .isEqualByComparingTo("4430.24");
        assertThat(year2017.note()).contains("€ 1.581,40").contains("€ 2.848,84").contains("€ 4.430,24")
                .contains("rondt af op € 4.430");
        assertThat(demo.money()).extracting(DashboardProperties.MoneyYear::year).contains(2016, 2017, 2026);
    }

    @Test
    void aWrongPeriodOrKindIsRefusedAtStart() {
        assertThatThrownBy(() -> bind(List.of(new org.springframework.core.env.MapPropertySource("t",
                Map.of("hub.dashboard.housing-quota[0].period", "2017-Q1",
                        "hub.dashboard.housing-quota[0].target", "10")))))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("2017-H1");
        assertThatThrownBy(() -> bind(List.of(new org.springframework.core.env.MapPropertySource("t",
                Map.of("hub.dashboard.due-soon.housing", "P1D")))))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("unknown deadline kind");
    }
}
