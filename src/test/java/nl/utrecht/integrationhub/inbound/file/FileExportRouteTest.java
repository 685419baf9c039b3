package nl.utrecht.integrationhub.inbound.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import nl.utrecht.integrationhub.HubApplication;
import nl.utrecht.integrationhub.inbound.Violation;
import nl.utrecht.integrationhub.inbound.file.CsvImportReport.RejectedRow;
import nl.utrecht.integrationhub.outbound.Connectors;

/**
 * The drop-folder routes of COA and DUO with the import replaced by {@code mock:<party>-import}: which
 * files they read, that they hand over the file's bytes once, and where the file and its report end up
 * for each outcome of the import.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = HubApplication.class, properties = {
        "hub.broker.port=-1",
        "camunda.bpm.generate-unique-process-engine-name=true"
})
@DirtiesContext
class FileExportRouteTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    /** The import's timestamp, then the original name. */
    private static final String STAMPED = "\\d{8}-\\d{9}-";

    @Autowired
    private CamelContext camelContext;
    @Autowired
    private Connectors connectors;

    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry registry) throws IOException {
        Path parent = Files.createDirectories(Path.of("target", "route-test-data"));
        String dataDir = Files.createTempDirectory(parent, "file-export-").toAbsolutePath().toString();
        registry.add("hub.data-dir", () -> dataDir);
    }

    @BeforeEach
    void adviseRoutesOnceAndStart() throws Exception {
        if (!camelContext.getStatus().isStarted()) {
            for (String party : List.of("coa", "duo")) {
                AdviceWith.adviceWith(camelContext, party + "-in-file-export",
                        route -> route.weaveById(party + "-in-import-rows").replace().to("mock:" + party + "-import"));
            }
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
    }

    @ParameterizedTest
    @ValueSource(strings = {"coa", "duo"})
    void aCsvFileIsImportedOnceThenMovedToDoneWithItsReportNextToIt(String party) throws Exception {
        assertThat(camelContext.getRouteController().getRouteStatus(party + "-in-file-export"))
                .isEqualTo(ServiceStatus.Started);
        MockEndpoint imports = answering(party, report(party, "export.csv", CsvImportReport.DONE, List.of()));
        List<String> contents = new ArrayList<>();
        imports.whenAnyExchangeReceived(exchange -> {
            contents.add(exchange.getMessage().getBody(String.class));
            exchange.getMessage().setBody(report(party, "export.csv", CsvImportReport.DONE, List.of()));
        });
        imports.expectedMessageCount(1);
        imports.expectedHeaderReceived("CamelFileName", "export.csv");

        drop(party, "export.csv", "subject,linkedOn\n");

        Path moved = awaitOne(party, "done", STAMPED + "export\\.csv");
        imports.assertIsSatisfied();
        assertThat(contents).containsExactly("subject,linkedOn\n");
        assertThat(Files.readString(moved)).isEqualTo("subject,linkedOn\n");
        assertThat(Files.exists(dir(party).resolve("export.csv"))).as("gone from the drop folder").isFalse();
        JsonNode report = json.readTree(moved.resolveSibling(moved.getFileName() + ".report.json").toFile());
        assertThat(report.path("outcome").asText()).isEqualTo("done");
        assertThat(report.path("rows").asInt()).isEqualTo(3);
        assertThat(report.path("accepted").asInt()).isEqualTo(3);
        assertThat(list(party, "error")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"coa", "duo"})
    void aFileWithARejectedRowGoesToErrorWithTheLinesInItsReport(String party) throws Exception {
        answering(party, report(party, "bad.csv", CsvImportReport.ERROR,
                List.of(new RejectedRow(7, List.of(Violation.of("/data/linkedOn", "format:past-date", "a past date"))))));

        drop(party, "bad.csv", "subject\n");

        Path moved = awaitOne(party, "error", STAMPED + "bad\\.csv");
        JsonNode report = json.readTree(moved.resolveSibling(moved.getFileName() + ".report.json").toFile());
        assertThat(report.path("outcome").asText()).isEqualTo("error");
        assertThat(report.at("/rejectedRows/0/line").asInt()).isEqualTo(7);
        assertThat(report.at("/rejectedRows/0/violations/0/pointer").asText()).isEqualTo("/data/linkedOn");
        assertThat(report.at("/rejectedRows/0/violations/0/rule").asText()).isEqualTo("format:past-date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"coa", "duo"})
    void theSameNameDroppedAgainIsKeptBesideTheFirstAndOtherFilesAreNotRead(String party) throws Exception {
        MockEndpoint imports = answering(party, report(party, "again.csv", CsvImportReport.DONE, List.of()));
        drop(party, "notes.txt", "not an export\n");
        drop(party, "again.csv.part", "still being written\n");

        drop(party, "again.csv", "first\n");
        awaitOne(party, "done", STAMPED + "again\\.csv");
        drop(party, "again.csv", "second\n");

        await().atMost(WITHIN).untilAsserted(() -> assertThat(list(party, "done"))
                .filteredOn(name -> name.matches(STAMPED + "again\\.csv")).hasSize(2));
        assertThat(list(party, "done")).filteredOn(name -> name.matches(STAMPED + "again\\.csv\\.report\\.json")).hasSize(2);
        assertThat(imports.getReceivedCounter()).isEqualTo(2);
        assertThat(dir(party).resolve("notes.txt")).exists();
        assertThat(dir(party).resolve("again.csv.part")).exists();
    }

    // --- helpers ---

    private MockEndpoint answering(String party, CsvImportReport report) {
        MockEndpoint imports = camelContext.getEndpoint("mock:" + party + "-import", MockEndpoint.class);
        imports.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(report));
        imports.setResultWaitTime(WITHIN.toMillis());
        return imports;
    }

    private static CsvImportReport report(String party, String file, String outcome, List<RejectedRow> rejected) {
        return new CsvImportReport(file, party, outcome, 3, 3 - rejected.size(), 0, rejected.size(), null, rejected);
    }

    private Path dir(String party) {
        return Path.of(connectors.find(party).orElseThrow().file().directory());
    }

    /** Writes the file under a temporary name and renames it, as an exporter should. */
    private void drop(String party, String name, String content) throws IOException {
        Path target = dir(party).resolve(name);
        Files.createDirectories(target.getParent());
        Path temporary = Files.writeString(target.resolveSibling(name + ".writing"), content, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path awaitOne(String party, String folder, String pattern) {
        String name = await().atMost(WITHIN).until(() -> list(party, folder).stream()
                .filter(file -> file.matches(pattern)).toList(), names -> names.size() == 1).get(0);
        return dir(party).resolve(folder).resolve(name);
    }

    private List<String> list(String party, String folder) throws IOException {
        Path path = dir(party).resolve(folder);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
