package nl.utrecht.integrationhub.benchmark;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a set of durations (nanoseconds), reported in milliseconds. */
public record Latencies(int count, double p50, double p95, double p99, double max) {

    /** From durations in nanoseconds (nearest-rank percentiles). */
    public static Latencies ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.95)),
                millis(rank(sorted, 0.99)), millis(sorted[sorted.length - 1]));
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** "p50 / p95 / p99" in ms. */
    public String summary() {
        return ms(p50) + " / " + ms(p95) + " / " + ms(p99);
    }

    public static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        return millis >= 100 ? String.format(Locale.ROOT, "%,.0f", millis) : String.format(Locale.ROOT, "%.1f", millis);
    }
}
