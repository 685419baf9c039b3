package nl.utrecht.integrationhub.dashboard;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAmount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.dashboard.*}: how often the dashboard's figures are computed, when a count is too small to
 * show, the warning windows of the deadlines, and the targets and amounts a process owner sets: the
 * housing quota per half-year and the expected income per year. The defaults here are neutral (no
 * targets, no amounts); the letter's figures are demo values in {@code config/hub-dashboard.yaml}.
 *
 * @param refreshInterval     the figures are computed at most once per interval (ISO-8601, default PT1M)
 * @param smallCountThreshold counts above 0 and below this are shown as "&lt; threshold" (default 5)
 * @param dueSoon             per deadline kind (school-placement, participation-declaration,
 *                            civic-integration-term, neighbourhood-handover): how long before the deadline
 *                            it counts as "due soon", ISO-8601 period or duration (P3D, P6M, PT10M)
 * @param handoverPeriod      the dashboard's norm for the warm hand-over: due this long after it started
 *                            (the letter gives none; default P6W)
 * @param housingQuota        the quota (taakstelling) per half-year; empty by default
 * @param money               the amounts per housed status holder per calendar year; empty by default
 */
@ConfigurationProperties(prefix = "hub.dashboard")
public record DashboardProperties(
        @DefaultValue("PT1M") Duration refreshInterval,
        @DefaultValue("5") int smallCountThreshold,
        Map<String, String> dueSoon,
        @DefaultValue("P6W") String handoverPeriod,
        List<QuotaPeriod> housingQuota,
        List<MoneyYear> money) {

    /** The deadline kinds, in the order the dashboard shows them. */
    public static final List<String> DEADLINE_KINDS = List.of(DashboardService.KIND_SCHOOL_PLACEMENT,
            DashboardService.KIND_PARTICIPATION_DECLARATION, DashboardService.KIND_CIVIC_INTEGRATION_TERM,
            DashboardService.KIND_NEIGHBOURHOOD_HANDOVER);

    /** The warning windows when none is configured. */
    static final Map<String, String> DEFAULT_DUE_SOON = Map.of(
            DashboardService.KIND_SCHOOL_PLACEMENT, "P1D",
            DashboardService.KIND_PARTICIPATION_DECLARATION, "P2M",
            DashboardService.KIND_CIVIC_INTEGRATION_TERM, "P6M",
            DashboardService.KIND_NEIGHBOURHOOD_HANDOVER, "P2W");

    private static final Pattern HALF_YEAR = Pattern.compile("(\\d{4})-H([12])");

    public DashboardProperties {
        if (refreshInterval == null || refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("hub.dashboard.refresh-interval must be positive");
        }
        if (smallCountThreshold < 0) {
            throw new IllegalArgumentException("hub.dashboard.small-count-threshold must not be negative");
        }
        Map<String, String> windows = new LinkedHashMap<>(DEFAULT_DUE_SOON);
        if (dueSoon != null) {
            dueSoon.forEach((kind, window) -> {
                if (!DEADLINE_KINDS.contains(kind)) {
                    throw new IllegalArgumentException("hub.dashboard.due-soon: unknown deadline kind '" + kind
                            + "'; known: " + DEADLINE_KINDS);
                }
                parse("hub.dashboard.due-soon." + kind, window);
                windows.put(kind, window);
            });
        }
        dueSoon = Map.copyOf(windows);
        parse("hub.dashboard.handover-period", handoverPeriod);
        housingQuota = housingQuota == null ? List.of() : List.copyOf(housingQuota);
        money = money == null ? List.of() : List.copyOf(money);
    }

    /** The neutral defaults: no targets, no amounts. */
    public static DashboardProperties defaults() {
        return new DashboardProperties(Duration.ofMinutes(1), 5, null, "P6W", null, null);
    }

    /** The warning window of a deadline kind. */
    TemporalAmount dueSoonWindow(String kind) {
        return parse("hub.dashboard.due-soon." + kind, dueSoon.get(kind));
    }

    /** The warning window in whole days, counted from {@code now} (months differ in length). */
    int dueSoonWindowDays(String kind, ZonedDateTime now) {
        return (int) ChronoUnit.DAYS.between(now, now.plus(dueSoonWindow(kind)));
    }

    TemporalAmount handoverPeriodAmount() {
        return parse("hub.dashboard.handover-period", handoverPeriod);
    }

    static TemporalAmount parse(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is empty");
        }
        try {
            return value.contains("T") ? Duration.parse(value) : Period.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": not an ISO-8601 period or duration: " + value, e);
        }
    }

    /**
     * One half-year's quota (taakstelling).
     *
     * @param period      "2017-H1" (January to June) or "2017-H2" (July to December)
     * @param target      status holders to house in the half-year
     * @param carriedOver backlog from before that counts on top, e.g. 216 at the end of 2016; when not set,
     *                    the backlog of the configured half-year just before (0 if there is none)
     */
    public record QuotaPeriod(String period, long target, Long carriedOver) {

        public QuotaPeriod {
            if (period == null || !HALF_YEAR.matcher(period).matches()) {
                throw new IllegalArgumentException("hub.dashboard.housing-quota: period must look like 2017-H1, not "
                        + period);
            }
            if (target < 0 || (carriedOver != null && carriedOver < 0)) {
                throw new IllegalArgumentException("hub.dashboard.housing-quota " + period + ": negative number");
            }
        }

        /** The first day of the half-year. */
        public LocalDate start() {
            Matcher matcher = HALF_YEAR.matcher(period);
            matcher.matches();
            return LocalDate.of(Integer.parseInt(matcher.group(1)), "1".equals(matcher.group(2)) ? 1 : 7, 1);
        }

        /** The last day of the half-year. */
        public LocalDate end() {
            return start().plusMonths(6).minusDays(1);
        }

        /** "1e helft 2017" / "2e helft 2017". */
        public String label() {
            return (start().getMonthValue() == 1 ? "1e" : "2e") + " helft " + start().getYear();
        }
    }

    /**
     * The amounts the municipality receives per housed status holder in one calendar year.
     *
     * @param year                 the calendar year of the settlement date
     * @param perHousedAdult       per housed adult (18+ on the settlement date), e.g. 2370
     * @param perHousedPerson      per housed person of any age, e.g. 4430; optional
     * @param perHousedPersonParts the parts of that amount as the letter gives them (1581.40, 2848.84); optional
     * @param note                 a Dutch note shown with the amounts, e.g. on rounding; optional
     */
    public record MoneyYear(int year, BigDecimal perHousedAdult, BigDecimal perHousedPerson,
            List<BigDecimal> perHousedPersonParts, String note) {

        public MoneyYear {
            if (year < 1900 || year > 9999) {
                throw new IllegalArgumentException("hub.dashboard.money: year " + year + " is not a calendar year");
            }
            perHousedAdult = perHousedAdult == null ? BigDecimal.ZERO : perHousedAdult;
            perHousedPersonParts = perHousedPersonParts == null ? List.of() : List.copyOf(perHousedPersonParts);
        }
    }
}
