package nl.utrecht.integrationhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import nl.utrecht.integrationhub.dashboard.DashboardFigures.CivicIntegration;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.Handover;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MoneyYear;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.QuotaPeriod;

class SmallCountsTest {

    private final SmallCounts five = new SmallCounts(5);

    @Test
    void hidesCountsAboveZeroAndBelowTheThresholdOnly() {
        assertThat(five.text(0)).isEqualTo("0");
        for (long n = 1; n <= 4; n++) {
            assertThat(five.text(n)).isEqualTo("< 5");
            assertThat(five.cell(n)).isEqualTo("< 5");
            assertThat(five.drawnValue(n)).as("a hidden count is drawn at the threshold").isEqualTo(5);
        }
        assertThat(five.text(5)).isEqualTo("5");
        assertThat(five.text(1234)).isEqualTo("1.234");
        assertThat(five.cell(1234)).isEqualTo("1234");
        assertThat(five.drawnValue(0)).isZero();
        assertThat(five.drawnValue(7)).isEqualTo(7);
    }

    @Test
    void theThresholdIsConfigurable() {
        SmallCounts ten = new SmallCounts(10);
        assertThat(ten.text(7)).isEqualTo("< 10");
        assertThat(ten.text(10)).isEqualTo("10");
        assertThat(new SmallCounts(1).text(1)).as("threshold 1 hides nothing").isEqualTo("1");
        assertThatThrownBy(() -> new SmallCounts(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withholdsTheBacklogOfAHalfYearWithFewHousedAndWhatCarriesItOver() {
        assertThat(five.withholdsBacklog(List.of(period(2017, 1, 3)), 0)).isTrue();
        assertThat(five.withholdsBacklog(List.of(period(2017, 1, 0)), 0)).isFalse();
        assertThat(five.withholdsBacklog(List.of(period(2017, 1, 40)), 0)).isFalse();
        // H1 houses 3 of 100: backlog 97, carried over into H2 (computed) and H2's backlog on from it.
        QuotaPeriod h1 = period(2017, 1, 3);
        QuotaPeriod computed = carried(period(2017, 2, 50), 97);
        assertThat(five.withholdsCarriedOver(List.of(h1, computed), 1)).isTrue();
        assertThat(five.withholdsBacklog(List.of(h1, computed), 1)).isTrue();
        QuotaPeriod configured = carried(period(2017, 2, 50), 216);
        assertThat(five.withholdsCarriedOver(List.of(h1, configured), 1)).as("a configured carry-over").isFalse();
        assertThat(five.withholdsBacklog(List.of(h1, configured), 1)).isFalse();
        QuotaPeriod later = carried(period(2018, 1, 50), 97);
        assertThat(five.withholdsCarriedOver(List.of(h1, later), 1)).as("not the half-year just after").isFalse();
    }

    private static QuotaPeriod carried(QuotaPeriod period, long carriedOver) {
        return new QuotaPeriod(period.period(), period.label(), period.start(), period.end(), period.target(), carriedOver,
                period.housed(), Math.max(0, period.target() + carriedOver - period.housed()));
    }

    @Test
    void withholdsAYearsHousedPersonsWhenAHalfYearOrTheRestOfTheYearIsSmall() {
        MoneyYear year = money(2017, 30, 43);
        assertThat(five.withholdsPersons(year, List.of(period(2017, 1, 3), period(2017, 2, 40))))
                .as("43 - 40 would give the hidden 3 back").isTrue();
        assertThat(five.withholdsPersons(year, List.of(period(2017, 1, 40))))
                .as("only H1 listed: 43 - 40 = 3 housed in H2").isTrue();
        assertThat(five.withholdsPersons(year, List.of(period(2017, 1, 20), period(2017, 2, 23)))).isFalse();
        assertThat(five.withholdsPersons(year, List.of(period(2016, 2, 3)))).as("another year").isFalse();
        assertThat(five.withholdsPersons(money(2017, 2, 3), List.of())).isTrue();
    }

    @Test
    void withholdsAdultsWhenTheChildrenBesideThemAreFewAndMoneyWithEither() {
        assertThat(five.withholdsAdults(money(2017, 40, 43))).as("3 children").isTrue();
        assertThat(five.withholdsAdults(money(2017, 40, 40))).as("no children").isFalse();
        assertThat(five.withholdsExpected(money(2017, 40, 43), List.of())).isTrue();
        assertThat(five.withholdsExpected(money(2017, 20, 43), List.of())).isFalse();
    }

    @Test
    void withholdsTermsEndingSoonAndAnAverageOverFewPersons() {
        assertThat(five.withholdsTermsEndingSoon(new CivicIntegration(List.of(), List.of(), 0, 3, 30))).isTrue();
        assertThat(five.withholdsTermsEndingSoon(new CivicIntegration(List.of(), List.of(), 0, 28, 30))).isTrue();
        assertThat(five.withholdsTermsEndingSoon(new CivicIntegration(List.of(), List.of(), 0, 10, 30))).isFalse();
        assertThat(five.withholdsAverageGuidance(new Handover(2, 0, 500.0))).isTrue();
        assertThat(five.withholdsAverageGuidance(new Handover(12, 0, 500.0))).isFalse();
    }

    private static QuotaPeriod period(int year, int half, long housed) {
        LocalDate start = LocalDate.of(year, half == 1 ? 1 : 7, 1);
        return new QuotaPeriod(year + "-H" + half, half + "e helft " + year, start, start.plusMonths(6).minusDays(1),
                100, 0, housed, Math.max(0, 100 - housed));
    }

    private static MoneyYear money(int year, long adults, long persons) {
        return new MoneyYear(year, adults, persons, new BigDecimal("2370"), null, List.of(),
                new BigDecimal(2370 * adults), null);
    }
}
