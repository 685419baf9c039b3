package nl.utrecht.integrationhub.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * docs/benchmarks.md: each benchmark rewrites only its own marked block
 * ({@code <!-- name -->} … {@code <!-- /name -->}, e.g. {@code ingest:h2}, {@code startup:postgres},
 * {@code growth:h2}), so the other blocks and the hand-written analysis stay as they are. A missing block
 * is appended at the end. Writers in other JVMs are kept apart by a file lock.
 */
public final class BenchDoc {

    private BenchDoc() {
    }

    public static Path file() {
        return Path.of(System.getProperty("benchmark.doc",
                BenchHub.projectDir().resolve("docs").resolve("benchmarks.md").toString()));
    }

    /** Replaces the content between the block's markers with {@code markdown}. */
    public static void replaceBlock(String name, String markdown) {
        Path doc = file();
        Path lockFile = doc.resolveSibling("." + doc.getFileName() + ".lock");
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockChannel.lock()) {
            String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
            Files.writeString(doc, replace(text, name, markdown), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + doc, e);
        }
    }

    static String replace(String text, String name, String markdown) {
        String open = "<!-- " + name + " -->";
        String close = "<!-- /" + name + " -->";
        String block = open + "\n" + markdown.strip() + "\n" + close;
        int start = text.indexOf(open);
        int end = text.indexOf(close);
        if (start < 0 || end < start) {
            return text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + "\n" + block + "\n";
        }
        return text.substring(0, start) + block + text.substring(end + close.length());
    }

    /** The machine, as a Markdown list: CPUs, model, RAM, disk and file system of {@code dataDir}, kernel, Java. */
    public static String machine(Path dataDir) {
        String model = run("sh", "-c", "lscpu | sed -n 's/^Model name:[ ]*//p' | head -n 1");
        String memory = run("sh", "-c", "awk '/MemTotal/ {printf \"%.1f GiB\", $2/1048576}' /proc/meminfo");
        String disk = run("sh", "-c", "df -hT " + dataDir + " | tail -n 1 | awk '{print $1\", \"$2\", \"$3\" total\"}'");
        String device = run("sh", "-c", "lsblk -dno NAME,ROTA,TYPE 2>/dev/null | awk '$3==\"disk\" && $1 !~ /^zram/ "
                + "{printf \"%s%s (rotational %s)\", sep, $1, $2; sep=\", \"}'");
        return String.join("\n",
                "- CPUs: " + Runtime.getRuntime().availableProcessors() + " (nproc " + run("nproc") + "), " + model,
                "- RAM: " + memory,
                "- data directory's file system: " + disk + (device.isBlank() ? "" : " (block devices: " + device + ")"),
                "- kernel: " + run("uname", "-sr"),
                "- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "- hub JVM options (config/jvm.options): " + (BenchHub.jvmOptions().isEmpty() ? "none"
                        : "`" + String.join(" ", BenchHub.jvmOptions()) + "`"));
    }

    /**
     * The current commit (short) and whether the working tree differs from it; {@code benchmark.commit} when
     * set (a run in a copy without .git).
     */
    public static String gitCommit() {
        String given = System.getProperty("benchmark.commit", "");
        if (!given.isBlank()) {
            return given;
        }
        String commit = run("git", "rev-parse", "--short", "HEAD");
        String dirty = run("git", "status", "--porcelain", "--untracked-files=no");
        return commit + (dirty.isBlank() ? "" : " (with local changes)");
    }

    /** /proc/loadavg's first three figures. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The 1-minute load average. */
    public static double load1() {
        try {
            return Double.parseDouble(loadAverage().split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    /** Output of a short command, trimmed; empty on failure. */
    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).directory(BenchHub.projectDir().toFile())
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
