package nl.utrecht.integrationhub.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Samples of one latency in nanoseconds, summarised as nearest-rank percentiles in milliseconds. */
final class GrowthLatencies {

    private final List<Long> nanos = new ArrayList<>();

    void add(long sampleNanos) {
        nanos.add(sampleNanos);
    }

    int count() {
        return nanos.size();
    }

    /** The nearest-rank percentile p (0–100) in milliseconds. */
    double percentileMillis(double p) {
        if (nanos.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1_000_000.0;
    }

    /** "p50 / p95" in ms, one decimal below 10 ms. */
    String p50p95() {
        return format(percentileMillis(50)) + " / " + format(percentileMillis(95));
    }

    static String format(double millis) {
        return millis < 10 ? String.format(java.util.Locale.ROOT, "%.1f", millis)
                : String.format(java.util.Locale.ROOT, "%.0f", millis);
    }
}
