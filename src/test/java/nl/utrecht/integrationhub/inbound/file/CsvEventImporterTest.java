package nl.utrecht.integrationhub.inbound.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

import nl.utrecht.integrationhub.inbound.EventTypeCatalog;
import nl.utrecht.integrationhub.inbound.EventValidator;
import nl.utrecht.integrationhub.inbound.InboundEvents;
import nl.utrecht.integrationhub.inbound.InboundEvents.Acceptance;
import nl.utrecht.integrationhub.inbound.Inbox;
import nl.utrecht.integrationhub.inbound.InboxEntry;
import nl.utrecht.integrationhub.inbound.InboxStatus;
import nl.utrecht.integrationhub.inbound.file.CsvImportReport.RejectedRow;
import nl.utrecht.integrationhub.outbound.Connectors;
import nl.utrecht.integrationhub.outbound.Connectors.Connector;
import nl.utrecht.integrationhub.outbound.Connectors.FileDrop;

/**
 * The CSV importer with the hub's real configuration (config/hub-events.yaml, config/hub-connectors.yaml,
 * config/schemas/) and validator; the inbox is a map, so what would be recorded can be read back.
 */
class CsvEventImporterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:15:30Z"), ZoneOffset.UTC);
    private static final String COA_HEADER = "subject,linkedOn,familyMembersToFollow,educationLevel,workExperienceYears,languages";
    private static final String DUO_HEADER = "subject,type,time,obligationStart,loanAmount,grantedOn,examPart,languageLevel,passedOn,examPassedOn,termEndedOn";

    private final ObjectMapper json = new ObjectMapper();
    /** (source, id) to the recorded event, in order of acceptance. */
    private final Map<Inbox.Key, JsonNode> recorded = new LinkedHashMap<>();
    private final List<String> channels = new ArrayList<>();
    private final List<String> allowedSources = new ArrayList<>();
    private EventTypeCatalog catalog;
    private InboundEvents inboundEvents;
    private Inbox inbox;
    private CsvEventImporter importer;

    @BeforeEach
    void setUp() throws IOException {
        catalog = bind("config/hub-events.yaml", EventTypeCatalog.class);
        EventValidator validator = new EventValidator(catalog, Path.of("config/schemas"), CLOCK, List.of());
        inboundEvents = mock(InboundEvents.class);
        when(inboundEvents.accept(anyString(), anyString(), anyString())).thenAnswer(call -> {
            JsonNode event = validator.validate(call.getArgument(0));
            channels.add(call.getArgument(1));
            allowedSources.add(call.getArgument(2));
            Inbox.Key key = new Inbox.Key(event.get("source").asText(), event.get("id").asText());
            boolean duplicate = recorded.putIfAbsent(key, event) != null;
            return new Acceptance(key.eventId(), duplicate);
        });
        inbox = mock(Inbox.class);
        when(inbox.find(any())).thenAnswer(call -> Optional.ofNullable(recorded.get(call.<Inbox.Key>getArgument(0)))
                .map(event -> new InboxEntry(event.get("source").asText(), event.get("id").asText(),
                        event.get("type").asText(), event.toString(), InboxStatus.APPLIED, 1, Instant.now(CLOCK))));
        importer = importer(withSemicolonParty(bind("config/hub-connectors.yaml", Connectors.class)), null);
    }

    @Test
    void coaRowsAreEventsOfTheConnectorsTypeWithEachColumnConvertedToItsSchemaType() {
        CsvImportReport report = importer.importFile(utf8(COA_HEADER + "\n0000000001,2026-05-20,2,secondary,4,ar;en\n"),
                "coa", "linking.csv");

        assertThat(report.outcome()).isEqualTo("done");
        assertThat(report).extracting(CsvImportReport::rows, CsvImportReport::accepted, CsvImportReport::duplicates,
                CsvImportReport::rejected).containsExactly(1, 1, 0, 0);
        JsonNode event = recorded.values().iterator().next();
        assertThat(event.get("type").asText()).isEqualTo("nl.coa.status-holder-linked");
        assertThat(event.get("source").asText()).isEqualTo("urn:nl:coa");
        assertThat(event.get("subject").asText()).isEqualTo("0000000001");
        assertThat(event.get("id").asText()).matches("csv-[0-9a-f]{32}");
        assertThat(event.get("time").asText()).as("no time column: the import's moment").isEqualTo("2026-06-01T10:15:30Z");
        assertThat(event.get("data")).isEqualTo(json.createObjectNode().put("linkedOn", "2026-05-20")
                .put("familyMembersToFollow", 2).put("educationLevel", "secondary").put("workExperienceYears", 4)
                .set("languages", json.createArrayNode().add("ar").add("en")));
        assertThat(channels).containsExactly("file");
        assertThat(allowedSources).containsExactly("urn:nl:coa");
    }

    @Test
    void duoRowsTakeTheirTypeFromTheTypeColumnAndLeaveEmptyCellsOut() {
        CsvImportReport report = importer.importFile(utf8(DUO_HEADER + "\n"
                        + "0000000001,nl.duo.civic-integration-obligation-started,,2026-01-05,,,,,,,\n"
                        + "0000000001,nl.duo.loan-granted,2026-05-31T08:00:00+02:00,,8000,2026-02-01,,,,,\n"
                        + "0000000002,nl.duo.exam-part-passed,,,,,reading,A2,2026-05-02,,\n"
                        + "0000000002,nl.duo.exam-passed,,,,,,,,2026-05-30,\n"
                        + "0000000003,nl.duo.civic-integration-term-ended,,,,,,,,,2026-05-31\n"),
                "duo", "status.csv");

        assertThat(report.rejectedRows()).isEmpty();
        assertThat(report.accepted()).isEqualTo(5);
        assertThat(recorded.values()).extracting(e -> e.get("type").asText(), e -> e.get("data").toString())
                .containsExactly(
                        tuple("nl.duo.civic-integration-obligation-started", "{\"obligationStart\":\"2026-01-05\"}"),
                        tuple("nl.duo.loan-granted", "{\"loanAmount\":8000,\"grantedOn\":\"2026-02-01\"}"),
                        tuple("nl.duo.exam-part-passed",
                                "{\"examPart\":\"reading\",\"languageLevel\":\"A2\",\"passedOn\":\"2026-05-02\"}"),
                        tuple("nl.duo.exam-passed", "{\"examPassedOn\":\"2026-05-30\"}"),
                        tuple("nl.duo.civic-integration-term-ended", "{\"termEndedOn\":\"2026-05-31\"}"));
        assertThat(recorded.values()).extracting(e -> e.get("time").asText())
                .contains("2026-05-31T08:00:00+02:00", "2026-06-01T10:15:30Z");
        assertThat(recorded.values()).allSatisfy(e -> assertThat(e.get("source").asText()).isEqualTo("urn:nl:duo"));
    }

    /** docs/file-exchange.md's example file stays a valid export. */
    @Test
    void theDocumentedExampleIsImportedWithoutRejections() throws IOException {
        CsvImportReport report = importer.importFile(Files.readAllBytes(Path.of("docs/examples/duo-status-export.csv")),
                "duo", "duo-status-export.csv");

        assertThat(report).extracting(CsvImportReport::outcome, CsvImportReport::rows, CsvImportReport::accepted)
                .containsExactly("done", 5, 5);
    }

    @Test
    void theSameRowAgainIsADuplicateEvenInARenamedFileWithOtherColumnOrderAndAnotherTime() {
        importer.importFile(utf8(DUO_HEADER + "\n0000000001,nl.duo.loan-granted,,,8000,2026-02-01,,,,,\n"), "duo", "a.csv");

        CsvImportReport again = importer.importFile(utf8("grantedOn,loanAmount,time,type,subject\n"
                        + "2026-02-01,8000,2026-06-01T09:00:00Z,nl.duo.loan-granted,0000000001\n"
                        + "2026-02-01,8000,,nl.duo.loan-granted,0000000001\n"),
                "duo", "renamed.csv");

        assertThat(again).extracting(CsvImportReport::outcome, CsvImportReport::rows, CsvImportReport::accepted,
                CsvImportReport::duplicates).containsExactly("done", 2, 0, 2);
        assertThat(recorded).hasSize(1);
    }

    @Test
    void anotherValueIsAnotherEvent() {
        importer.importFile(utf8(DUO_HEADER + "\n0000000001,nl.duo.loan-granted,,,8000,2026-02-01,,,,,\n"
                + "0000000001,nl.duo.loan-granted,,,8001,2026-02-01,,,,,\n"
                + "0000000002,nl.duo.loan-granted,,,8000,2026-02-01,,,,,\n"), "duo", "a.csv");

        assertThat(recorded).hasSize(3);
    }

    @Test
    void rejectedRowsAreReportedByTheirLineInTheFileWithTheBrokenRulesAndNeverTheirValues() throws IOException {
        String file = "\uFEFF" + DUO_HEADER + "\r\n"                                         // line 1, with BOM
                + "0000000001,nl.duo.exam-passed,,,,,,,,2026-05-30,\r\n"                       // 2 good
                + "\r\n"                                                                        // 3 blank
                + "0000000002,nl.duo.exam-passed,,,,,,,,2026-13-45,\r\n"                       // 4 wrong date
                + "0000000003,nl.duo.exam-failed,,,,,,,,2026-05-30,\r\n"                       // 5 unknown type
                + "12345X,nl.duo.exam-passed,,,,,,,,2026-05-30,\r\n"                           // 6 bad V-number
                + "0000000004,nl.duo.loan-granted,,,,2026-02-01,,,,,\r\n"                      // 7 missing loanAmount
                + "0000000005,nl.duo.loan-granted,,,many,2026-02-01,,,,,\r\n"                  // 8 not an integer
                + "0000000006,nl.duo.exam-passed,2026-05-30\r\n"                               // 9 too few values
                + "0000000007,\"nl.duo.exam-passed,,,,,,,,2026-05-30,\r\n"                     // 10 unclosed quote
                + "   \r\n"                                                                     // 11 blank
                + "0000000008,nl.duo.exam-passed,,,,,,,,2026-05-29,";                          // 12 good, no newline

        CsvImportReport report = importer.importFile(utf8(file), "duo", "status.csv");

        assertThat(report).extracting(CsvImportReport::outcome, CsvImportReport::rows, CsvImportReport::accepted,
                CsvImportReport::duplicates, CsvImportReport::rejected).containsExactly("error", 9, 2, 0, 7);
        assertThat(report.rejectedRows()).extracting(RejectedRow::line).containsExactly(4, 5, 6, 7, 8, 9, 10);
        assertThat(reasons(report, 4)).containsExactly("/data/examPassedOn format:past-date");
        assertThat(reasons(report, 5)).containsExactly("/type unknown-type");
        assertThat(reasons(report, 6)).containsExactly("/subject pattern");
        assertThat(reasons(report, 7)).containsExactly("/data/loanAmount required");
        assertThat(reasons(report, 8)).containsExactly("/data/loanAmount type");
        assertThat(reasons(report, 9)).containsExactly(" column-count");
        assertThat(reasons(report, 10)).containsExactly(" csv-syntax");
        String written = json.writeValueAsString(report);
        assertThat(written).doesNotContain("0000000002", "2026-13-45", "exam-failed", "12345X", "0000000004", "many",
                "0000000006", "0000000007");
    }

    @Test
    void aSemicolonSeparatedFileIsReadWhenTheConnectorSaysSo() {
        CsvImportReport report = importer.importFile(utf8("subject;type;loanAmount;grantedOn\n"
                + "0000000001;nl.duo.loan-granted;8000;2026-02-01\n"), "duo-semicolon", "status.csv");

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(recorded.values().iterator().next().at("/data/loanAmount").asInt()).isEqualTo(8000);
    }

    @Test
    void aFileThatIsNotTheExpectedCsvGoesToErrorWithTheReasonAndNoRowIsRead() {
        assertThat(fileError(importer.importFile(utf8(""), "duo", "empty.csv"))).isEqualTo("no-header");
        assertThat(fileError(importer.importFile(utf8("\n\n"), "duo", "blank.csv"))).isEqualTo("no-header");
        assertThat(fileError(importer.importFile(utf8("0000000001,nl.duo.exam-passed,2026-05-30\n"), "duo", "noheader.csv")))
                .isEqualTo("missing-column");
        assertThat(fileError(importer.importFile(utf8("subject,examPassedOn\n0000000001,2026-05-30\n"), "duo", "notype.csv")))
                .isEqualTo("missing-column");
        assertThat(fileError(importer.importFile(utf8("subject,type,linkedOn\n0000000001,nl.coa.status-holder-linked,2026-05-30\n"),
                "coa", "typed.csv"))).isEqualTo("column-not-allowed");
        assertThat(fileError(importer.importFile(utf8("subject,type,subject\n"), "duo", "twice.csv"))).isEqualTo("header");
        assertThat(fileError(importer.importFile(new byte[] {'s', 'u', (byte) 0xC3, (byte) 0x28}, "duo", "latin.csv")))
                .isEqualTo("encoding");
        assertThat(recorded).isEmpty();
    }

    @Test
    void theHeaderOfAFileWithoutHeaderIsNotRepeatedInTheReport() throws IOException {
        CsvImportReport report = importer.importFile(utf8("0000000009,nl.duo.exam-passed,2026-05-30\n"), "duo", "x.csv");

        assertThat(json.writeValueAsString(report)).doesNotContain("0000000009");
    }

    @Test
    void rowsAreAcceptedInBatchesOfOneTransactionEach() {
        TransactionOperations transactions = mock(TransactionOperations.class);
        when(transactions.execute(any())).thenAnswer(call ->
                call.<TransactionCallback<?>>getArgument(0).doInTransaction(mock(TransactionStatus.class)));
        CsvEventImporter batched = new CsvEventImporter(bind("config/hub-connectors.yaml", Connectors.class), inboundEvents,
                inbox, new SchemaFieldTypes(catalog, Path.of("config/schemas")), transactions, CLOCK,
                new FileExchangeProperties(null));

        CsvImportReport report = batched.importFile(utf8(examPassedRows(CsvEventImporter.BATCH_SIZE * 2 + 1)), "duo", "x.csv");

        assertThat(report.accepted()).isEqualTo(CsvEventImporter.BATCH_SIZE * 2 + 1);
        verify(transactions, times(3)).execute(any());
    }

    @Test
    void aFailureHalfWayStopsTheImportAndCountsTheBatchesAcceptedBefore() {
        AtomicInteger calls = new AtomicInteger();
        when(inbox.find(any())).thenAnswer(call -> {
            if (calls.incrementAndGet() > CsvEventImporter.BATCH_SIZE + 3) {
                throw new DataAccessResourceFailureException("database gone");
            }
            return Optional.empty();
        });

        CsvImportReport report = importer.importFile(utf8(examPassedRows(CsvEventImporter.BATCH_SIZE + 10)), "duo", "x.csv");

        assertThat(report.outcome()).isEqualTo("error");
        assertThat(report.accepted()).isEqualTo(CsvEventImporter.BATCH_SIZE);
        assertThat(report.fileError().rule()).isEqualTo("import-failed");
        assertThat(report.fileError().detail()).doesNotContain("database gone");
    }

    @Test
    void aBatchWhoseTransactionFailsIsAcceptedRowByRow() {
        TransactionOperations failing = mock(TransactionOperations.class);
        when(failing.execute(any())).thenThrow(new DataAccessResourceFailureException("transaction aborted"));
        CsvEventImporter withFailingTransactions = new CsvEventImporter(bind("config/hub-connectors.yaml", Connectors.class),
                inboundEvents, inbox, new SchemaFieldTypes(catalog, Path.of("config/schemas")), failing, CLOCK,
                new FileExchangeProperties(null));

        CsvImportReport report = withFailingTransactions.importFile(utf8(examPassedRows(3)), "duo", "x.csv");

        assertThat(report).extracting(CsvImportReport::outcome, CsvImportReport::accepted).containsExactly("done", 3);
    }

    @Test
    void theIdIsKeyedWhenAKeyIsConfigured() {
        Connectors connectors = bind("config/hub-connectors.yaml", Connectors.class);
        CsvEventImporter keyed = importer(connectors, "a-secret-only-for-this-test");
        CsvEventImporter otherKey = importer(connectors, "another-secret");
        var data = json.createObjectNode().put("examPassedOn", "2026-05-30");

        String id = keyed.eventId("urn:nl:duo", "nl.duo.exam-passed", "0000000001", data);

        assertThat(id).matches("csv-[0-9a-f]{32}")
                .isEqualTo(keyed.eventId("urn:nl:duo", "nl.duo.exam-passed", "0000000001", data.deepCopy()))
                .isNotEqualTo(otherKey.eventId("urn:nl:duo", "nl.duo.exam-passed", "0000000001", data))
                .isNotEqualTo(importer.eventId("urn:nl:duo", "nl.duo.exam-passed", "0000000001", data));
    }

    @Test
    void cellsReadAsTheSchemasBooleansAndNumbersAndStayStringsWhenTheyAreNot() {
        SchemaFieldTypes types = new SchemaFieldTypes(catalog, Path.of("config/schemas"));

        assertThat(types.convert("nl.utrecht.housing-offer-accepted", "interimHome", "TRUE").isBoolean()).isTrue();
        assertThat(types.convert("nl.utrecht.housing-offer-accepted", "interimHome", "ja").isTextual()).isTrue();
        assertThat(types.convert("nl.duo.loan-granted", "loanAmount", "10000").isIntegralNumber()).isTrue();
        assertThat(types.convert("nl.duo.loan-granted", "loanAmount", "1e4").isTextual()).isTrue();
        assertThat(types.convert("nl.duo.loan-granted", "unknownColumn", "12").isTextual()).isTrue();
        assertThat(types.convert("nl.not.a-type", "loanAmount", "12").isTextual()).isTrue();
        assertThat(SchemaFieldTypes.jsonType(json.createObjectNode().put("type", "number"))).isEqualTo("number");
        assertThat(SchemaFieldTypes.jsonType((JsonNode) json.createObjectNode()
                .set("type", json.createArrayNode().add("null").add("boolean")))).isEqualTo("boolean");
        assertThat(SchemaFieldTypes.jsonType((JsonNode) json.createObjectNode()
                .set("enum", json.createArrayNode().add(1).add(2)))).isEqualTo("integer");
    }

    // --- helpers ---

    private CsvEventImporter importer(Connectors connectors, String idKey) {
        return new CsvEventImporter(connectors, inboundEvents, inbox, new SchemaFieldTypes(catalog, Path.of("config/schemas")),
                TransactionOperations.withoutTransaction(), CLOCK, new FileExchangeProperties(idKey));
    }

    /** A DUO file of {@code count} valid exam-passed rows about different persons. */
    private static String examPassedRows(int count) {
        StringBuilder file = new StringBuilder(DUO_HEADER).append('\n');
        for (int i = 1; i <= count; i++) {
            file.append(String.format("%010d", i)).append(",nl.duo.exam-passed,,,,,,,,2026-05-30,\n");
        }
        return file.toString();
    }

    /** The hub's connectors and one more: DUO's export with ";" between values. */
    private static Connectors withSemicolonParty(Connectors connectors) {
        Map<String, Connector> all = new HashMap<>(connectors.connectors());
        assertThat(all.get("duo").file().delimiter()).isEqualTo(",");
        all.put("duo-semicolon", new Connector("DUO (;)", List.of("urn:nl:duo"), null, null,
                new FileDrop(true, "target/none", null, ";")));
        return new Connectors(all);
    }

    private static List<String> reasons(CsvImportReport report, int line) {
        return report.rejectedRows().stream().filter(row -> row.line() == line)
                .flatMap(row -> row.violations().stream())
                .map(v -> v.pointer() + " " + v.rule())
                .toList();
    }

    private static String fileError(CsvImportReport report) {
        assertThat(report.outcome()).isEqualTo("error");
        assertThat(report.rows()).isZero();
        return report.fileError().rule();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T bind(String file, Class<T> type) {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(file, new FileSystemResource(file));
            return new Binder(ConfigurationPropertySources.from(sources)).bind("hub", type)
                    .orElseThrow(() -> new IllegalStateException("nothing bound from " + file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
