package nl.utrecht.integrationhub.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers, amounts and times as a Dutch reader expects them (nl-NL): 1.234, € 4.430,24, "29 november
 * 2026 om 15:24". Fixed patterns with the nl-NL symbols rather than the JDK's locale data, whose spaces
 * (narrow or not) differ between JDK versions.
 */
final class DutchFormat {

    static final Locale DUTCH = Locale.forLanguageTag("nl-NL");
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(DUTCH);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("d MMMM yyyy 'om' HH:mm", DUTCH).withZone(AMSTERDAM);

    private DutchFormat() {
    }

    /** 1234 → "1.234". */
    static String count(long count) {
        return new DecimalFormat("#,##0", SYMBOLS).format(count);
    }

    /** 12.5 → "12,5" (one decimal). */
    static String decimal(double value) {
        return new DecimalFormat("#,##0.0", SYMBOLS).format(value);
    }

    /** 4430.24 → "€ 4.430,24"; whole amounts keep their cents ("€ 2.370,00"). */
    static String euro(BigDecimal amount) {
        return "€ " + new DecimalFormat("#,##0.00", SYMBOLS).format(amount.setScale(2, RoundingMode.HALF_UP));
    }

    /** 4430 → "€ 4.430": an amount as the letter writes it, without cents when it has none. */
    static String euroAsWritten(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= 0
                ? "€ " + new DecimalFormat("#,##0", SYMBOLS).format(amount)
                : euro(amount);
    }

    /** An amount for a spreadsheet cell: no grouping, decimal comma ("4430,24"), as Dutch Excel reads it. */
    static String plainEuro(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }

    /** A decimal for a spreadsheet cell: no grouping, decimal comma. */
    static String plainDecimal(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }

    /** "1 dag", "30 dagen". */
    static String days(long days) {
        return count(days) + (days == 1 ? " dag" : " dagen");
    }

    /** "29 november 2026 om 15:24" (Amsterdam time). */
    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
