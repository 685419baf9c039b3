package nl.utrecht.integrationhub.route;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The letter's periods, by name, and the dates they give from a business date. BPMN models use it as
 * the expression bean {@code deadlines}: a timer or due date reads
 * {@code ${deadlines.after(settlementDate, 'participation-declaration')}}, so each deadline runs from
 * its business date (arrival, linking, settlement, obligation start), not from when the timer was
 * created, and an acceptance environment can compress time by configuration ({@code hub.deadlines.*},
 * ISO-8601: {@code P3D}, {@code P12M}, or {@code PT2M}).
 */
public class Deadlines {

    /** The letter's (and the law's) periods: the defaults. */
    public static final Map<String, String> LETTER = Collections.unmodifiableMap(new LinkedHashMap<>(Map.ofEntries(
            // Children of compulsory school age in school within at most 3 days of arrival in the AZC.
            Map.entry("school-placement", "P3D"),
            // COA's norm: housing offered within 10 weeks of linking, plus 2 weeks to move.
            Map.entry("housing-offer", "P10W"),
            Map.entry("housing-move", "P12W"),
            // A status holder waiting for family (nareizigers): how often reunification is checked.
            Map.entry("reunification-check", "P3M"),
            // The six-part participation workshop series is offered nine months after settlement.
            Map.entry("participation-workshops", "P9M"),
            // The participation declaration must be signed within one year of settlement.
            Map.entry("participation-declaration", "P12M"),
            // Civic integration: exam within 3 years of the obligation; escalate well before (6 months).
            Map.entry("civic-integration-term", "P3Y"),
            // No obligation reported by DUO this long after settlement: the municipality checks (exempt?).
            Map.entry("civic-integration-obligation-check", "P3M"),
            Map.entry("civic-integration-warning", "P30M"),
            // Guidance by Vluchtelingenwerk lasts about 1.5 years, then the warm hand-over.
            Map.entry("guidance", "P18M"),
            // Taalschool Het Mozaïek: review after 1 to 1.5 years; ISK: review between 0.5 and 3 years.
            Map.entry("language-school-review", "P12M"),
            Map.entry("transition-class-review", "P6M"))));

    public static final String SCHOOL_PLACEMENT = "school-placement";

    private final Map<String, TemporalAmount> periods;

    /** The letter's periods. */
    public Deadlines() {
        this(Map.of());
    }

    /** The letter's periods, with the given ones (by name, ISO-8601) instead. */
    public Deadlines(Map<String, String> overrides) {
        Map<String, TemporalAmount> merged = new LinkedHashMap<>();
        LETTER.forEach((name, value) -> merged.put(name, parse(name, value)));
        overrides.forEach((name, value) -> {
            if (!LETTER.containsKey(name)) {
                throw new IllegalArgumentException("unknown deadline '" + name + "'; known: " + LETTER.keySet());
            }
            merged.put(name, parse(name, value));
        });
        this.periods = Collections.unmodifiableMap(merged);
    }

    /** The moment the named period ends, counted from the business date (in Utrecht's time zone). */
    public Date after(Date businessDate, String name) {
        if (businessDate == null) {
            throw new IllegalArgumentException("no business date for deadline '" + name + "'");
        }
        TemporalAmount period = periods.get(name);
        if (period == null) {
            throw new IllegalArgumentException("unknown deadline '" + name + "'; known: " + periods.keySet());
        }
        ZonedDateTime start = businessDate.toInstant().atZone(BusinessDates.UTRECHT);
        return Date.from(start.plus(period).toInstant());
    }

    /**
     * An ISO date (yyyy-MM-dd, as Camunda Forms submit dates) or a Date as a business date: 00:00 in
     * Utrecht. Lets a model turn a date entered in Tasklist into the business date a deadline runs from.
     */
    public Date date(Object value) {
        if (value instanceof Date date) {
            return date;
        }
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException("no date given");
        }
        String text = String.valueOf(value);
        LocalDate day = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        return BusinessDates.startOf(day);
    }

    public TemporalAmount period(String name) {
        return periods.get(name);
    }

    public Map<String, TemporalAmount> periods() {
        return periods;
    }

    private static TemporalAmount parse(String name, String value) {
        try {
            return value.contains("T") ? Duration.parse(value) : Period.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("deadline '" + name + "': '" + value + "' is not an ISO-8601 period", e);
        }
    }
}
