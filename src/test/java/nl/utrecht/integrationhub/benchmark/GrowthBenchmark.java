package nl.utrecht.integrationhub.benchmark;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.utrecht.integrationhub.intake.HouseholdRouteProcess;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubTestEnvironment;

/**
 * How the hub holds up as open cases grow (issue 7, item 3 and 4): loads open households in steps
 * (-Dbench.households=1000,10000,100000, cumulative) as real household-route instances through the
 * hub's own inbound (AZC intakes over JMS to hub.inbound, several producers), and at every step measures
 * the Tasklist's task query and count as a caseworker with authorizations on, the correlation of a
 * partner's event over HTTP until the task is gone, the database size per open case and the process
 * owners' dashboard. Then a COA linking export of -Dbench.import-rows rows (default 100,000) through the
 * CSV drop folder: one row per loaded household (parked: the household is still in reception), the rest
 * for persons the hub does not know yet (parked until they become known). Every event and row must be applied (or, for
 * linking rows of households still in reception, parked) exactly once, nothing failed or dead-lettered,
 * or the benchmark fails and writes nothing. Results: the block {@code growth:h2} or
 * {@code growth:postgres} of docs/benchmarks.md (BenchDoc). The hub is {@link BenchHub}: the packaged jar as
 * its own JVM with production-like settings; H2 or PostgreSQL as {@code benchmark.db} /
 * {@code spring.profiles.active} say. On PostgreSQL the database of HUB_DB_URL is emptied first, so it
 * must be the benchmark's own ({@code hub_bench_growth...}).
 */
class GrowthBenchmark {

    private static final Logger log = LoggerFactory.getLogger(GrowthBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the hub puts an inbound message it refuses or cannot deliver (as reliability/QueueChecker reads them). */
    private static final List<String> DEAD_LETTER_QUEUES = List.of("hub.inbound.dlq", "DLQ::DLQ.hub.inbound");
    /** The filter IdentitySetup creates for Vluchtelingenwerk Midden-Nederland. */
    static final String CASEWORKER_GROUP = "vluchtelingenwerk-mn";
    private static final String TASKLIST_BODY = """
            {"processVariables":[],"taskVariables":[],"caseInstanceVariables":[],"orQueries":[],\
            "sorting":[{"sortBy":"dueDate","sortOrder":"asc"}]}""";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final GrowthHouseholds households = new GrowthHouseholds();
    private final int[] steps = Arrays.stream(System.getProperty("bench.households", "1000,10000").split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();
    private final int querySamples = Integer.getInteger("bench.query-samples", 200);
    private final int correlationSamples = Integer.getInteger("bench.correlation-samples", 50);
    private final int dashboardSamples = Integer.getInteger("bench.dashboard-samples", 20);
    private final int producers = Integer.getInteger("bench.producers", 4);
    /**
     * Time per step for the task query samples: once spent, sampling stops after at least
     * {@link #MIN_SAMPLES} samples (a query of minutes at 10,000 households would otherwise take hours).
     */
    private final Duration queryBudget = Duration.ofSeconds(Integer.getInteger("bench.query-budget-seconds", 90));
    private static final int MIN_SAMPLES = 3;
    /** When the import's drain stops being waited for (the run is still verified, the drain reported unfinished). */
    private final java.time.Instant drainDeadline = java.time.Instant.parse(
            System.getProperty("bench.drain-deadline", "2999-01-01T00:00:00Z"));

    private final BenchHub.Database database = BenchHub.Database.fromSystemProperties();
    private BenchHub hub;
    private final String caseworker = "bench-vwmn-caseworker";
    private final String partnerVw = "bench-vwmn-partner";
    private final String processOwner = "bench-process-owner";
    private final String password = HubTestEnvironment.randomSecret();
    private int loaded;
    private int correlated;
    private final java.util.Set<Integer> opened = new java.util.HashSet<>();
    private final List<GrowthReport.Step> results = new ArrayList<>();

    @Test
    void growsWithOpenHouseholds() throws Exception {
        GrowthReport report = new GrowthReport(database, steps, producers);
        Path dataDir = Files.createTempDirectory("bench-growth-");
        hub = new BenchHub(database, dataDir, Map.of(), false);
        if (database == BenchHub.Database.POSTGRES) {
            GrowthDatabase.resetPostgres(hub);
        }
        try {
            hub.start();
            report.readyMillis(hub.timeToReady().toMillis());
            if (database == BenchHub.Database.POSTGRES) {
                report.databaseVersion(GrowthDatabase.postgresVersion(hub));
            }
            hub.createUser(caseworker, password, CASEWORKER_GROUP);
            hub.createUser(partnerVw, password, "partner-vluchtelingenwerk");
            hub.createUser(processOwner, password, "process-owners");
            String filterId = filterId();
            for (int size : steps) {
                GrowthReport.Step step = new GrowthReport.Step(size);
                load(size, step);
                GrowthDatabase.analyze(hub);
                long loadedAt = java.time.Instant.now().getEpochSecond();
                measureTaskQuery(filterId, step);
                measureCorrelation(step);
                step.databaseBytes(GrowthDatabase.size(hub));
                measureDashboard(step, loadedAt);
                checkNothingHeld();
                step.loadAverage(GrowthReport.loadAverage());
                log.info("Growth step {}: {}", size, step);
                results.add(step);
            }
            int rows = Integer.getInteger("bench.import-rows", 100_000);
            GrowthReport.Import imported = importCoaExport(rows);
            checkNothingHeld();
            hub.stop();
            boolean h2 = database == BenchHub.Database.H2;
            imported.h2BytesAfterClose(h2 ? GrowthDatabase.size(hub) : -1);
            GrowthDatabase.verifyExactlyOnce(hub, loaded, correlated, rows, imported.pending);
            if (h2) {
                imported.h2BytesCompacted(GrowthDatabase.compactH2(hub));
            }
            report.imported(imported);
            report.steps(results);
            BenchDoc.replaceBlock(report.key(), report.block());
            log.info("Growth benchmark written into {}:\n{}", BenchDoc.file(), report.block());
        } finally {
            hub.close();
        }
    }

    /** Loads households up to {@code size} over JMS and waits until each is a running household route. */
    private void load(int size, GrowthReport.Step step) throws Exception {
        int from = loaded + 1;
        int count = size - loaded;
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try (ActiveMQConnectionFactory factory = hub.brokerConnectionFactory("callTimeout=30000")) {
            List<Future<?>> sent = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                sent.add(pool.submit(() -> {
                    try (jakarta.jms.Connection connection = factory.createConnection()) {
                        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        MessageProducer producer = session.createProducer(session.createQueue("hub.inbound"));
                        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                        for (int n = next.getAndIncrement(); n <= size; n = next.getAndIncrement()) {
                            producer.send(session.createTextMessage(households.intake(n)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long sentAt = System.nanoTime();
        await("household routes running: " + size).atMost(Duration.ofSeconds(600 + count / 5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> runningRoutes() >= size);
        await("inbox settled").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> held("RECEIVED") == 0);
        long done = System.nanoTime();
        loaded = size;
        if (runningRoutes() != size) {
            throw new AssertionError("expected " + size + " household routes, found " + runningRoutes());
        }
        step.load(count, (sentAt - start) / 1e9, (done - start) / 1e9);
    }

    private long runningRoutes() throws IOException, InterruptedException {
        return count(admin("/engine-rest/process-instance/count?processDefinitionKey=" + HouseholdRouteProcess.PROCESS_KEY));
    }

    /** The Tasklist's first page of the group's filter, sorted by due date, and the filter's count. */
    private void measureTaskQuery(String filterId, GrowthReport.Step step) throws Exception {
        long expected = count(admin("/engine-rest/task/count?candidateGroup=" + CASEWORKER_GROUP));
        long education = count(admin("/engine-rest/task/count?candidateGroup=education"));
        step.openTasks(expected, education);
        HttpRequest list = as(caseworker, "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15")
                .header("Accept", "application/hal+json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TASKLIST_BODY)).build();
        HttpRequest countRequest = as(caseworker, "/engine-rest/filter/" + filterId + "/count")
                .header("Accept", "application/json").GET().build();
        long budgetEnd = System.nanoTime() + queryBudget.toNanos();
        for (int i = 0; i < 5 && System.nanoTime() < budgetEnd - queryBudget.toNanos() * 9 / 10; i++) {
            http.send(list, HttpResponse.BodyHandlers.ofString());
            http.send(countRequest, HttpResponse.BodyHandlers.ofString());
        }
        HttpRequest plain = as(caseworker, "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15")
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TASKLIST_BODY)).build();
        GrowthLatencies listTimes = new GrowthLatencies();
        GrowthLatencies countTimes = new GrowthLatencies();
        GrowthLatencies plainTimes = new GrowthLatencies();
        for (int i = 0; i < querySamples && (i < MIN_SAMPLES || System.nanoTime() < budgetEnd); i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> page = http.send(list, HttpResponse.BodyHandlers.ofString());
            listTimes.add(System.nanoTime() - t0);
            if (i == 0) {
                JsonNode body = JSON.readTree(page.body());
                int tasks = body.path("_embedded").path("task").size();
                if (page.statusCode() != 200 || tasks != Math.min(15, expected) || body.path("count").asLong() != expected) {
                    throw new AssertionError("Tasklist page wrong: " + page.statusCode() + ", " + tasks
                            + " tasks, count " + body.path("count") + ", expected " + expected);
                }
            }
            long t1 = System.nanoTime();
            HttpResponse<String> counted = http.send(countRequest, HttpResponse.BodyHandlers.ofString());
            countTimes.add(System.nanoTime() - t1);
            if (i == 0 && (counted.statusCode() != 200 || JSON.readTree(counted.body()).path("count").asLong() != expected)) {
                throw new AssertionError("filter count wrong: " + counted.statusCode() + " " + counted.body());
            }
            if (i % 2 == 0) {
                // For the analysis: the same page without the HAL embedding (no count, no identity links)
                long t2 = System.nanoTime();
                HttpResponse<String> bare = http.send(plain, HttpResponse.BodyHandlers.ofString());
                plainTimes.add(System.nanoTime() - t2);
                if (bare.statusCode() != 200 || JSON.readTree(bare.body()).size() != Math.min(15, expected)) {
                    throw new AssertionError("plain filter list wrong: " + bare.statusCode());
                }
            }
        }
        step.taskQuery(listTimes, countTimes, plainTimes);
    }

    /**
     * Vluchtelingenwerk's system reports dossiers open, one household at a time, spread over the loaded
     * households: from the POST until the household's "open dossier" task is gone.
     */
    private void measureCorrelation(GrowthReport.Step step) throws Exception {
        GrowthLatencies times = new GrowthLatencies();
        int stride = Math.max(1, loaded / correlationSamples);
        for (int i = 0; i < correlationSamples; i++) {
            int n = 1 + (i * stride + results.size() * 7) % loaded;
            while (opened.contains(n)) {
                n = n % loaded + 1;
            }
            opened.add(n);
            String caseId = caseOf(n);
            String taskCount = "/engine-rest/task/count?processInstanceBusinessKey=" + caseId
                    + "&taskDefinitionKey=UserTask_OpenDossier";
            if (count(admin(taskCount)) != 1) {
                throw new AssertionError("household " + n + " has no open dossier task to correlate with");
            }
            HttpRequest event = as(partnerVw, "/api/events").header("Content-Type", "application/cloudevents+json")
                    .POST(HttpRequest.BodyPublishers.ofString(households.dossierOpened(n), StandardCharsets.UTF_8)).build();
            long t0 = System.nanoTime();
            HttpResponse<String> answer = http.send(event, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new AssertionError("dossier-opened refused: " + answer.statusCode() + " " + answer.body());
            }
            await("task gone for household " + n).atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> count(admin(taskCount)) == 0);
            times.add(System.nanoTime() - t0);
            correlated++;
        }
        step.correlation(times);
    }

    /**
     * The owners' page, once the hub has computed its figures (in the background) from a start after the
     * load: the page's latency, and how long that computation took.
     */
    private void measureDashboard(GrowthReport.Step step, long loadedAt) throws Exception {
        await("dashboard figures computed after the load").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> metric("hub_dashboard_computed_at_seconds") >= loadedAt);
        step.dashboardComputation(metric("hub_dashboard_computation_seconds") * 1000);
        HttpRequest page = as(processOwner, "/dashboard").header("Accept", "text/html").GET().build();
        HttpResponse<String> first = http.send(page, HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 200) {
            step.dashboard(null, "n/a (GET /dashboard answered " + first.statusCode() + ")");
            return;
        }
        GrowthLatencies times = new GrowthLatencies();
        for (int i = 0; i < dashboardSamples; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> answer = http.send(page, HttpResponse.BodyHandlers.ofString());
            times.add(System.nanoTime() - t0);
            if (answer.statusCode() != 200) {
                throw new AssertionError("dashboard answered " + answer.statusCode());
            }
        }
        step.dashboard(times, null);
    }

    /**
     * COA's linking export for households 1 to {@code rows} (those beyond the loaded ones are unknown persons), dropped as .part and renamed: time to
     * the file's report in done/ and until no row is left unapplied in the inbox.
     */
    private GrowthReport.Import importCoaExport(int rows) throws Exception {
        Path folder = hub.dataDir().resolve("data").resolve("exchange").resolve("coa");
        Files.createDirectories(folder);
        Path part = folder.resolve("growth-linking.csv.part");
        String linkedOn = Events.today().minusDays(1).toString();
        try (var out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            out.write("subject,linkedOn,familyMembersToFollow,educationLevel,workExperienceYears,languages\n");
            for (int n = 1; n <= rows; n++) {
                out.write(GrowthHouseholds.mainVNumber(n) + "," + linkedOn + ",0,secondary," + (n % 30) + ",ar;en\n");
            }
        }
        long bytes = Files.size(part);
        long t0 = System.nanoTime();
        Files.move(part, folder.resolve("growth-linking.csv"), StandardCopyOption.ATOMIC_MOVE);
        Path done = folder.resolve("done");
        Path error = folder.resolve("error");
        await("import report").atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> reports(done).size() + reports(error).size() > 0);
        long reported = System.nanoTime();
        if (!reports(error).isEmpty()) {
            throw new AssertionError("import went to error/: " + Files.readString(reports(error).get(0)));
        }
        JsonNode report = JSON.readTree(reports(done).get(0).toFile());
        if (report.path("accepted").asInt() != rows || report.path("rejected").asInt() != 0
                || report.path("duplicates").asInt() != 0) {
            throw new AssertionError("import report: " + report);
        }
        await("import drained").atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> held("RECEIVED") == 0 || java.time.Instant.now().isAfter(drainDeadline));
        long drained = System.nanoTime();
        int pending = held("RECEIVED");
        return new GrowthReport.Import(rows, bytes, (reported - t0) / 1e9, (drained - t0) / 1e9, pending);
    }

    private static List<Path> reports(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".report.json")).toList();
        }
    }

    /** Nothing failed in the inbox, nothing on a dead-letter queue. */
    private void checkNothingHeld() throws Exception {
        if (held("FAILED") != 0) {
            throw new AssertionError("failed events in the inbox: " + admin("/api/admin/inbox?status=FAILED&limit=5").body());
        }
        int deadLetters = deadLetters();
        if (deadLetters != 0) {
            throw new AssertionError(deadLetters + " dead letters on " + DEAD_LETTER_QUEUES);
        }
    }

    /** Messages on the queues a refused or undeliverable inbound message ends up on. */
    private int deadLetters() throws Exception {
        int count = 0;
        try (ActiveMQConnectionFactory factory = hub.brokerConnectionFactory("callTimeout=10000");
             jakarta.jms.Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : DEAD_LETTER_QUEUES) {
                try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                    for (var messages = browser.getEnumeration(); messages.hasMoreElements(); messages.nextElement()) {
                        count++;
                    }
                } catch (InvalidDestinationException e) {
                    // the queue was never created: nothing was dead-lettered there
                }
            }
        }
        return count;
    }

    private int held(String status) throws IOException, InterruptedException {
        HttpResponse<String> answer = admin("/api/admin/inbox?status=" + status + "&limit=1000");
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("inbox admin answered " + answer.statusCode());
        }
        return JSON.readTree(answer.body()).size();
    }

    private String caseOf(int n) throws IOException, InterruptedException {
        HttpResponse<String> cases = admin("/api/cases?subject=" + GrowthHouseholds.mainVNumber(n));
        JsonNode list = JSON.readTree(cases.body());
        if (cases.statusCode() != 200 || list.size() != 1) {
            throw new AssertionError("household " + n + " has " + list.size() + " cases (" + cases.statusCode() + ")");
        }
        return list.get(0).path("caseId").asText();
    }

    private String filterId() throws IOException, InterruptedException {
        HttpResponse<String> filters = http.send(as(caseworker, "/engine-rest/filter?resourceType=Task").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode filter : JSON.readTree(filters.body())) {
            if (filter.path("name").asText().startsWith("Taken Vluchtelingenwerk Midden-Nederland")) {
                return filter.path("id").asText();
            }
        }
        throw new AssertionError("no Tasklist filter for " + CASEWORKER_GROUP + " visible to the caseworker: " + filters.body());
    }

    private HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        return hub.send(hub.request(path).timeout(Duration.ofSeconds(60)).GET().build());
    }

    /** A gauge without labels from the hub's Prometheus endpoint; NaN while it is absent or NaN. */
    private double metric(String name) throws IOException, InterruptedException {
        HttpResponse<String> scrape = admin("/actuator/prometheus");
        if (scrape.statusCode() != 200) {
            throw new IllegalStateException("/actuator/prometheus answered " + scrape.statusCode());
        }
        return scrape.body().lines().filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
                .findFirst().orElse(Double.NaN);
    }

    private static long count(HttpResponse<String> answer) throws IOException {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("count answered " + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body()).path("count").asLong();
    }

    private HttpRequest.Builder as(String user, String path) {
        return hub.request(path, user, password).timeout(Duration.ofMinutes(15));
    }
}
