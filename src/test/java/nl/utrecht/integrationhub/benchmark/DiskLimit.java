package nl.utrecht.integrationhub.benchmark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The disk's durable-write limit, measured in the same run as the ingest: small writes each followed by
 * {@code FileChannel.force(false)} (fdatasync), one after the other, on the file system of the data
 * directory; and PostgreSQL's {@code pg_test_fsync} where it is installed.
 */
final class DiskLimit {

    private static final Pattern PG_LINE = Pattern.compile("^\\s*(open_datasync|fdatasync|fsync|open_sync)\\s+([0-9.,]+) ops/sec");

    private DiskLimit() {
    }

    /** Sequential 512-byte appends, each forced to disk, for the given time: durable writes per second. */
    static double forcedWritesPerSecond(Path dir, Duration duration) throws IOException {
        Path file = dir.resolve("fsync-probe.bin");
        ByteBuffer record = ByteBuffer.allocate(512);
        long writes = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long now = start;
            while (now < end) {
                record.clear();
                channel.write(record);
                channel.force(false);
                writes++;
                now = System.nanoTime();
            }
            double seconds = (now - start) / 1e9;
            return writes / seconds;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * {@code pg_test_fsync -s seconds -f file} of the newest PostgreSQL on the machine: the ops/s of its
     * "one 8kB write" comparison (open_datasync, fdatasync, fsync, ...); empty when not installed.
     */
    static Map<String, Double> pgTestFsync(Path dir, int seconds) throws IOException, InterruptedException {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            return Map.of();
        }
        Path tool;
        try (Stream<Path> versions = Files.list(lib)) {
            tool = versions.map(v -> v.resolve("bin").resolve("pg_test_fsync")).filter(Files::isExecutable)
                    .max((a, b) -> Integer.compare(version(a), version(b))).orElse(null);
        }
        if (tool == null) {
            return Map.of();
        }
        Path file = dir.resolve("pg_test_fsync.out");
        Process process = new ProcessBuilder(List.of(tool.toString(), "-s", String.valueOf(seconds), "-f", file.toString()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10L * seconds + 60, TimeUnit.SECONDS);
        Files.deleteIfExists(file);
        // The first section: "Compare file sync methods using one 8kB write".
        int section = output.indexOf("one 8kB write");
        int next = output.indexOf("Compare", section + 1);
        String first = section < 0 ? "" : output.substring(section, next < 0 ? output.length() : next);
        Map<String, Double> opsPerSecond = new LinkedHashMap<>();
        for (String line : first.split("\n")) {
            Matcher matcher = PG_LINE.matcher(line);
            if (matcher.find()) {
                opsPerSecond.put(matcher.group(1), Double.parseDouble(matcher.group(2).replace(",", "")));
            }
        }
        return opsPerSecond;
    }

    private static int version(Path tool) {
        try {
            return Integer.parseInt(tool.getParent().getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
