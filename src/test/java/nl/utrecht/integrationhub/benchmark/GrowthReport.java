package nl.utrecht.integrationhub.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;


/**
 * The growth benchmark's figures and the block it writes into docs/benchmarks.md through BenchDoc:
 * {@code growth:h2} or {@code growth:postgres}, replaced on every run; the rest of the page is left alone.
 */
final class GrowthReport {

    static final double TASK_QUERY_TARGET_MS = 200;
    static final double IMPORT_TARGET_S = 300;
    static final double DASHBOARD_TARGET_MS = 1000;
    static final int TARGET_HOUSEHOLDS = 100_000;

    /** The figures of one step. */
    static final class Step {
        final int households;
        int loadedNow;
        double sendSeconds;
        double loadSeconds;
        long vwmnTasks;
        long educationTasks;
        GrowthLatencies taskQuery;
        GrowthLatencies countQuery;
        GrowthLatencies plainList;
        GrowthLatencies correlation;
        long databaseBytes;
        GrowthLatencies dashboard;
        String dashboardNote;
        /** How long the hub's background computation of the dashboard figures took (all queries), after the load. */
        double dashboardComputationMillis = Double.NaN;
        String loadAverage;

        Step(int households) {
            this.households = households;
        }

        void load(int count, double sendSeconds, double loadSeconds) {
            this.loadedNow = count;
            this.sendSeconds = sendSeconds;
            this.loadSeconds = loadSeconds;
        }

        void openTasks(long vwmn, long education) {
            this.vwmnTasks = vwmn;
            this.educationTasks = education;
        }

        void taskQuery(GrowthLatencies list, GrowthLatencies count, GrowthLatencies plain) {
            this.taskQuery = list;
            this.countQuery = count;
            this.plainList = plain;
        }

        void correlation(GrowthLatencies times) {
            this.correlation = times;
        }

        void databaseBytes(long bytes) {
            this.databaseBytes = bytes;
        }

        void dashboard(GrowthLatencies times, String note) {
            this.dashboard = times;
            this.dashboardNote = note;
        }

        void dashboardComputation(double millis) {
            this.dashboardComputationMillis = millis;
        }

        void loadAverage(String value) {
            this.loadAverage = value;
        }

        double loadRate() {
            return loadedNow / loadSeconds;
        }

        @Override
        public String toString() {
            return households + " households, loaded " + loadedNow + " in " + fmt(loadSeconds) + " s ("
                    + fmt(loadRate()) + "/s), tasks vwmn " + vwmnTasks + " education " + educationTasks
                    + ", task query " + taskQuery.p50p95() + " ms, count " + countQuery.p50p95()
                    + " ms, plain list " + plainList.p50p95() + " ms, correlation " + correlation.p50p95() + " ms, " + databaseBytes / households
                    + " B/case, dashboard " + (dashboard == null ? dashboardNote : dashboard.p50p95() + " ms")
                    + " (figures computed in " + GrowthLatencies.format(dashboardComputationMillis) + " ms)";
        }
    }

    /** The CSV import's figures. */
    static final class Import {
        final int rows;
        final long fileBytes;
        final double reportSeconds;
        final double drainSeconds;
        final int pending;
        long h2BytesAfterClose = -1;
        long h2BytesCompacted = -1;

        Import(int rows, long fileBytes, double reportSeconds, double drainSeconds, int pending) {
            this.pending = pending;
            this.rows = rows;
            this.fileBytes = fileBytes;
            this.reportSeconds = reportSeconds;
            this.drainSeconds = drainSeconds;
        }

        void h2BytesAfterClose(long bytes) {
            this.h2BytesAfterClose = bytes;
        }

        void h2BytesCompacted(long bytes) {
            this.h2BytesCompacted = bytes;
        }
    }

    private final BenchHub.Database database;
    private final int[] steps;
    private final int producers;
    private final String loadAtStart = loadAverage();
    private final Instant started = Instant.now();
    private long readyMillis;
    private List<Step> results = List.of();
    private Import imported;

    private String databaseVersion = "";

    GrowthReport(BenchHub.Database database, int[] steps, int producers) {
        this.database = database;
        this.steps = steps;
        this.producers = producers;
    }

    void databaseVersion(String version) {
        this.databaseVersion = version;
    }

    void readyMillis(long millis) {
        this.readyMillis = millis;
    }

    void steps(List<Step> steps) {
        this.results = List.copyOf(steps);
    }

    void imported(Import value) {
        this.imported = value;
    }

    String key() {
        return database == BenchHub.Database.POSTGRES ? "growth:postgres" : "growth:h2";
    }

    /** The block's content (BenchDoc adds the markers). */
    String block() {
        StringBuilder out = new StringBuilder();
        out.append("#### Growth with open cases: ").append(database.label()).append(databaseVersion.isEmpty() ? "" : " " + databaseVersion)
                .append("\n\n");
        out.append("Run ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(" – ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" on ").append(machine())
                .append(". /proc/loadavg at the start: ").append(loadAtStart)
                .append(" (the machine is shared with other builds). Commit ").append(BenchDoc.gitCommit()).append(". Hub ready in ").append(readyMillis).append(" ms.\n\n");
        out.append("```\n").append(command()).append("\n```\n\n");
        out.append("| open households | loaded this step (rate) | open tasks vwmn / education | Tasklist task query p50 / p95 (ms) "
                + "| filter count p50 / p95 (ms) | same page as plain JSON p50 / p95 (ms) | correlation p50 / p95 (ms) | DB bytes per open case | dashboard p50 / p95 (ms) "
                + "| dashboard figures computed in (ms) | loadavg after |\n");
        out.append("|---:|---|---|---|---|---|---|---:|---|---:|---|\n");
        for (Step s : results) {
            out.append("| ").append(thousands(s.households))
                    .append(" | ").append(thousands(s.loadedNow)).append(" in ").append(fmt(s.loadSeconds)).append(" s (")
                    .append(fmt(s.loadRate())).append("/s; sent in ").append(fmt(s.sendSeconds)).append(" s)")
                    .append(" | ").append(thousands(s.vwmnTasks)).append(" / ").append(thousands(s.educationTasks))
                    .append(" | ").append(s.taskQuery.p50p95()).append(" (n=").append(s.taskQuery.count()).append(")")
                    .append(" | ").append(s.countQuery.p50p95())
                    .append(" | ").append(s.plainList.p50p95())
                    .append(" | ").append(s.correlation.p50p95()).append(" (n=").append(s.correlation.count()).append(")")
                    .append(" | ").append(thousands(s.databaseBytes / s.households))
                    .append(" | ").append(s.dashboard == null ? s.dashboardNote : s.dashboard.p50p95())
                    .append(" | ").append(Double.isNaN(s.dashboardComputationMillis) ? "n/a"
                            : GrowthLatencies.format(s.dashboardComputationMillis))
                    .append(" | ").append(s.loadAverage).append(" |\n");
        }
        out.append('\n');
        if (imported != null) {
            out.append("COA linking export through the drop folder: ").append(thousands(imported.rows))
                    .append(" rows, one per loaded household and the rest for persons not known yet (all parked: "
                            + "linking waits for housing, after reception) (")
                    .append(thousands(imported.fileBytes / 1024)).append(" KiB), rename → report in done/ ")
                    .append(fmt(imported.reportSeconds)).append(" s (").append(fmt(imported.rows / imported.reportSeconds))
                    .append(" rows/s accepted), ");
            if (imported.pending == 0) {
                out.append("rename → every row applied or parked ").append(fmt(imported.drainSeconds))
                        .append(" s (").append(fmt(imported.rows / imported.drainSeconds)).append(" rows/s).");
            } else {
                out.append("drain **not finished**: after ").append(fmt(imported.drainSeconds)).append(" s at least ")
                        .append(thousands(imported.pending)).append(" rows were still waiting to be applied (the run's "
                                + "time was up; those rows are recorded once, checked).");
            }
            if (imported.h2BytesAfterClose >= 0) {
                out.append(" H2 file after the hub closed: ").append(thousands(imported.h2BytesAfterClose / 1024 / 1024))
                        .append(" MiB");
                if (imported.h2BytesCompacted >= 0) {
                    out.append(", after SHUTDOWN COMPACT ").append(thousands(imported.h2BytesCompacted / 1024 / 1024))
                            .append(" MiB");
                }
                out.append('.');
            }
            out.append("\n\n");
        }
        out.append((database == BenchHub.Database.POSTGRES
                ? "After each load step the benchmark runs ANALYZE, as autovacuum does within about a minute of a bulk "
                + "load, so that the planner sees the tables as they are. "
                : "H2 keeps its statistics up to date by itself (ANALYZE_AUTO). ")
                + "The dashboard's figures are computed by the hub "
                + "in the background; the benchmark waits for a computation that started after the load, and reports "
                + "its time (`hub_dashboard_computation_seconds`) beside the page's.\n\n");
        out.append("Correctness (checked in the database after the run, else no figures): every intake one case and one "
                + "running household route, every dossier report applied once, every linking row recorded once and "
                + "applied or parked, no event FAILED or left unapplied, nothing dead-lettered.\n\n");
        out.append("Targets: ").append(targets()).append('\n');
        return out.toString();
    }

    private String targets() {
        Step largest = results.isEmpty() ? null : results.get(results.size() - 1);
        StringBuilder out = new StringBuilder();
        if (largest == null || largest.households < TARGET_HOUSEHOLDS) {
            out.append("task query p95 < 200 ms at 100,000 open households: not measured in this run (largest step ")
                    .append(largest == null ? 0 : thousands(largest.households)).append(")");
        } else {
            double p95 = largest.taskQuery.percentileMillis(95);
            out.append("task query p95 < 200 ms at ").append(thousands(largest.households)).append(": ")
                    .append(p95 < TASK_QUERY_TARGET_MS ? "**met**" : "**missed**").append(" (").append(GrowthLatencies.format(p95))
                    .append(" ms)");
            if (largest.dashboard != null) {
                double d95 = largest.dashboard.percentileMillis(95);
                out.append("; dashboard < 1 s: ").append(d95 < DASHBOARD_TARGET_MS ? "**met**" : "**missed**")
                        .append(" (p95 ").append(GrowthLatencies.format(d95)).append(" ms)");
            }
        }
        if (imported != null) {
            out.append("; import < 5 min");
            if (imported.rows < TARGET_HOUSEHOLDS) {
                out.append(" for 100,000 rows: not measured (").append(thousands(imported.rows)).append(" rows in ")
                        .append(fmt(imported.drainSeconds)).append(" s)");
            } else if (imported.pending > 0) {
                out.append(": **missed** (accepted in ").append(fmt(imported.reportSeconds)).append(" s, not drained after ")
                        .append(fmt(imported.drainSeconds)).append(" s)");
            } else {
                out.append(": ").append(imported.drainSeconds < IMPORT_TARGET_S ? "**met**" : "**missed**").append(" (")
                        .append(fmt(imported.reportSeconds)).append(" s to the report, ")
                        .append(fmt(imported.drainSeconds)).append(" s to drain)");
            }
        }
        return out.append('.').toString();
    }

    private String command() {
        String households = Arrays.stream(steps).mapToObj(Integer::toString).collect(Collectors.joining(","));
        boolean postgres = database == BenchHub.Database.POSTGRES;
        String profile = postgres
                ? "HUB_DB_URL=jdbc:postgresql://127.0.0.1:5432/hub_bench_growth HUB_DB_USER=bench_growth HUB_DB_PASSWORD=... \\\n  "
                : "";
        return profile + "mvn -B -Pbenchmark verify -Dit.test=GrowthBenchmark -Dbench.households=" + households
                + (producers != 4 ? " -Dbench.producers=" + producers : "")
                + (postgres ? " -Dbenchmark.db=postgres" : "");
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String machine() {
        String cpu = "?";
        long memoryKb = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            memoryKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            // not Linux: the rest of the line still says what we know
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memoryKb / 1024 / 1024 + " GiB RAM, Java "
                + System.getProperty("java.version");
    }

    static String fmt(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String thousands(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
