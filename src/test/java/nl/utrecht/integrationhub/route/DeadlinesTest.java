package nl.utrecht.integrationhub.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadlinesTest {

    private static final ZoneId UTRECHT = ZoneId.of("Europe/Amsterdam");
    private final Deadlines letter = new Deadlines();

    @ParameterizedTest(name = "{0} from {1} ends on {2}")
    @CsvSource({
            "school-placement, 2026-11-28, 2026-12-01",
            "participation-workshops, 2026-01-15, 2026-10-15",
            "participation-declaration, 2026-01-15, 2027-01-15",
            "civic-integration-term, 2026-02-01, 2029-02-01",
            "civic-integration-warning, 2026-02-01, 2028-08-01",
            "guidance, 2026-01-31, 2027-07-31",
            "housing-offer, 2026-03-02, 2026-05-11",
            "language-school-review, 2026-09-01, 2027-09-01",
            "transition-class-review, 2026-09-01, 2027-03-01"})
    void countsTheLettersPeriodsFromTheBusinessDate(String name, LocalDate from, LocalDate expected) {
        assertThat(letter.after(day(from), name)).isEqualTo(day(expected));
    }

    @Test
    void aDeadlineAcrossTheClockChangeStaysAtMidnightInUtrecht() {
        assertThat(letter.after(day(LocalDate.of(2026, 3, 27)), "school-placement"))
                .isEqualTo(Date.from(Instant.parse("2026-03-29T22:00:00Z")));
    }

    @Test
    void configurationCompressesTimeForAcceptance() {
        Deadlines compressed = new Deadlines(Map.of("participation-declaration", "PT10M"));
        Date settlement = Date.from(Instant.parse("2026-05-01T08:00:00Z"));

        assertThat(compressed.after(settlement, "participation-declaration"))
                .isEqualTo(Date.from(Instant.parse("2026-05-01T08:10:00Z")));
        assertThat(compressed.after(settlement, "participation-workshops"))
                .as("the others keep the letter's periods")
                .isEqualTo(Date.from(Instant.parse("2027-02-01T09:00:00Z"))); // 10:00 in Utrecht, summer and winter
    }

    @Test
    void refusesUnknownNamesAndMalformedPeriods() {
        assertThatThrownBy(() -> new Deadlines(Map.of("participation-declaraton", "P12M")))
                .hasMessageContaining("unknown deadline 'participation-declaraton'");
        assertThatThrownBy(() -> new Deadlines(Map.of("guidance", "18 months")))
                .hasMessageContaining("not an ISO-8601 period");
        assertThatThrownBy(() -> letter.after(new Date(), "no-such-deadline"))
                .hasMessageContaining("unknown deadline");
        assertThatThrownBy(() -> letter.after(null, "guidance"))
                .hasMessageContaining("no business date");
    }

    @Test
    void turnsAFormsIsoDateIntoTheBusinessDate() {
        assertThat(letter.date("2026-07-01")).isEqualTo(day(LocalDate.of(2026, 7, 1)));
        assertThat(letter.date("2026-07-01T00:00:00.000+0200")).isEqualTo(day(LocalDate.of(2026, 7, 1)));
        Date already = new Date();
        assertThat(letter.date(already)).isSameAs(already);
        assertThatThrownBy(() -> letter.date("")).hasMessageContaining("no date");
    }

    private static Date day(LocalDate date) {
        return Date.from(date.atStartOfDay(UTRECHT).toInstant());
    }
}
