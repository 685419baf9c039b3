package nl.utrecht.integrationhub.route;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

/**
 * The one rule for business dates (arrival, settlement, obligation start, ...): a calendar day in
 * Utrecht, as a moment at 00:00 Europe/Amsterdam. Deadlines count from it.
 */
public final class BusinessDates {

    public static final ZoneId UTRECHT = ZoneId.of("Europe/Amsterdam");

    private BusinessDates() {
    }

    /** The day as a moment: 00:00 in Utrecht. */
    public static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(UTRECHT).toInstant());
    }

    /** The Utrecht calendar day of a moment. */
    public static LocalDate dayOf(Date moment) {
        return moment.toInstant().atZone(UTRECHT).toLocalDate();
    }
}
