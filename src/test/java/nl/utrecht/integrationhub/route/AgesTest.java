package nl.utrecht.integrationhub.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AgesTest {

    private static final List<Map<String, String>> HOUSEHOLD = List.of(
            Map.of("personRef", "P-000001", "birthDate", "1990-01-01", "relation", "main"),
            Map.of("personRef", "P-000002", "birthDate", "2008-06-02", "relation", "child"),
            Map.of("personRef", "P-000003", "birthDate", "2022-12-01", "relation", "child"));
    private final Ages ages = new Ages();

    @Test
    void splitsTheHouseholdIntoAdultsAndMinorsOnTheGivenDate() {
        Date dayBeforeEighteenth = day(LocalDate.of(2026, 6, 1));
        Date eighteenthBirthday = day(LocalDate.of(2026, 6, 2));

        assertThat(ages.adults(HOUSEHOLD, dayBeforeEighteenth)).containsExactly("P-000001");
        assertThat(ages.minors(HOUSEHOLD, dayBeforeEighteenth)).containsExactly("P-000002", "P-000003");
        assertThat(ages.adults(HOUSEHOLD, eighteenthBirthday)).containsExactly("P-000001", "P-000002");
        assertThat(ages.minors(HOUSEHOLD, eighteenthBirthday)).containsExactly("P-000003");
    }

    @Test
    void countsWholeMonths() {
        Date birth = day(LocalDate.of(2022, 12, 1));
        assertThat(ages.inMonths(birth, day(LocalDate.of(2025, 5, 31)))).isEqualTo(29);
        assertThat(ages.inMonths(birth, day(LocalDate.of(2025, 6, 1)))).isEqualTo(30);
    }

    @Test
    void findsAMembersBirthDate() {
        assertThat(ages.birthDate(HOUSEHOLD, "P-000002")).isEqualTo(day(LocalDate.of(2008, 6, 2)));
        assertThatThrownBy(() -> ages.birthDate(HOUSEHOLD, "P-999999")).hasMessageContaining("no household member");
    }

    private static Date day(LocalDate date) {
        return Date.from(date.atStartOfDay(ZoneId.of("Europe/Amsterdam")).toInstant());
    }
}
