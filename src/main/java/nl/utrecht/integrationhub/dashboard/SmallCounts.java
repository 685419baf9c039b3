package nl.utrecht.integrationhub.dashboard;

import java.util.List;

import nl.utrecht.integrationhub.dashboard.DashboardFigures.CivicIntegration;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.Handover;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MoneyYear;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.QuotaPeriod;

/**
 * The one rule for small counts, used by the page and the CSV export alike (docs/dashboard.md, "Small
 * counts"): a count of persons or cases above 0 and below the threshold is shown as "&lt; threshold", so
 * that no person can be singled out; 0 stays 0. A figure from which such a count could be computed back
 * (a backlog, an amount of money, the complement of a part in its whole) is withheld as well.
 */
final class SmallCounts {

    /** What a withheld derived figure (backlog, money, a count whose complement is small) shows. */
    static final String WITHHELD = "afgeschermd";

    private final int threshold;

    SmallCounts(int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("the small-count threshold must be at least 1, was " + threshold);
        }
        this.threshold = threshold;
    }

    static SmallCounts of(DashboardFigures figures) {
        return new SmallCounts(figures.smallCountThreshold());
    }

    int threshold() {
        return threshold;
    }

    /** True for a count that must not be shown: above 0 and below the threshold. */
    boolean hides(long count) {
        return count > 0 && count < threshold;
    }

    /** True when any of these counts is hidden. */
    boolean hidesAny(long... counts) {
        for (long count : counts) {
            if (hides(count)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when showing {@code part} next to {@code whole} would reveal a small count: the part itself,
     * or what is left of the whole without it (e.g. the children among the housed persons when the adults
     * are shown next to the persons).
     */
    boolean hidesPartOf(long part, long whole) {
        return hides(part) || hides(whole - part);
    }

    /** The text of a count: "&lt; 5" when hidden, otherwise the count in Dutch notation (1.234). */
    String text(long count) {
        return hides(count) ? hiddenText() : DutchFormat.count(count);
    }

    /** The text of a hidden count, e.g. "&lt; 5". */
    String hiddenText() {
        return "< " + threshold;
    }

    /**
     * The height a chart may draw for a count: a hidden count is always drawn at the threshold (and
     * hatched), whatever its true size, so that the drawing reveals no more than the label.
     */
    long drawnValue(long count) {
        return hides(count) ? threshold : count;
    }

    /** A count for a spreadsheet cell: "&lt; 5" when hidden, otherwise digits only (1234). */
    String cell(long count) {
        return hides(count) ? hiddenText() : Long.toString(count);
    }

    // Derived figures: withheld when they would give a hidden count back.

    /**
     * The backlog is target + carried over - housed: withheld when the housed count is hidden, or when the
     * carried-over figure is withheld (it would give the previous half-year's backlog back).
     */
    boolean withholdsBacklog(List<QuotaPeriod> quota, int index) {
        return hides(quota.get(index).housed()) || withholdsCarriedOver(quota, index);
    }

    /**
     * What a half-year carries over is the previous half-year's backlog when nobody configured it: withheld
     * when it equals that backlog and that backlog is withheld. A configured carry-over (another number, such
     * as the letter's 216) is shown.
     */
    boolean withholdsCarriedOver(List<QuotaPeriod> quota, int index) {
        if (index == 0) {
            return false;
        }
        QuotaPeriod previous = quota.get(index - 1);
        QuotaPeriod period = quota.get(index);
        return previous.end().plusDays(1).equals(period.start()) && period.carriedOver() == previous.backlog()
                && withholdsBacklog(quota, index - 1);
    }

    /**
     * A year's housed persons are withheld when they are hidden themselves, when a half-year of that year
     * on the quota list hides its housed count (the year minus the other half would give it back), or when
     * what the year has beyond its listed half-years is a small count (a half-year without a target).
     */
    boolean withholdsPersons(MoneyYear year, List<QuotaPeriod> quota) {
        if (hides(year.housedPersons())) {
            return true;
        }
        long listed = 0;
        for (QuotaPeriod period : quota) {
            if (period.start().getYear() == year.year() && period.end().getYear() == year.year()) {
                if (hides(period.housed())) {
                    return true;
                }
                listed += period.housed();
            }
        }
        return listed > 0 && hides(year.housedPersons() - listed);
    }

    /** Housed adults are withheld when hidden or when the children beside them (persons - adults) are few. */
    boolean withholdsAdults(MoneyYear year) {
        return hidesPartOf(year.housedAdults(), year.housedPersons());
    }

    /** The expected income is a count times an amount: withheld unless both counts are shown exactly. */
    boolean withholdsExpected(MoneyYear year, List<QuotaPeriod> quota) {
        return withholdsAdults(year) || withholdsPersons(year, quota);
    }

    /** Terms ending soon are withheld when few, or when the open terms not ending soon are few. */
    boolean withholdsTermsEndingSoon(CivicIntegration civic) {
        return hidesPartOf(civic.termsEndingSoon(), civic.termsOpen());
    }

    /** An average over fewer persons than the threshold describes those persons: withheld. */
    boolean withholdsAverageGuidance(Handover handover) {
        return hides(handover.handoversDone());
    }
}
