package nl.utrecht.integrationhub.inbound.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import nl.utrecht.integrationhub.inbound.DuplicateConflictException;
import nl.utrecht.integrationhub.inbound.InboundEvents;
import nl.utrecht.integrationhub.inbound.InboundEvents.Acceptance;
import nl.utrecht.integrationhub.inbound.Inbox;
import nl.utrecht.integrationhub.inbound.InvalidEventException;
import nl.utrecht.integrationhub.inbound.SourceNotAllowedException;
import nl.utrecht.integrationhub.inbound.Violation;
import nl.utrecht.integrationhub.inbound.file.CsvImportReport.FileError;
import nl.utrecht.integrationhub.inbound.file.CsvImportReport.RejectedRow;
import nl.utrecht.integrationhub.outbound.Connectors;
import nl.utrecht.integrationhub.outbound.Connectors.Connector;
import nl.utrecht.integrationhub.outbound.Connectors.FileDrop;

/**
 * Imports a party's CSV export (one file from its drop folder, see {@code routes/connectors/*-in.camel.yaml}
 * and docs/file-exchange.md): each data row becomes a CloudEvent that goes through the inbound contract
 * ({@link InboundEvents#accept(String, String, String)} on channel {@value #CHANNEL}) like any event over
 * HTTP or JMS. Generic: the header names the columns, the event type's schema gives each column's JSON
 * type, so a new party needs configuration only.
 *
 * <p>Reserved columns: {@value #COLUMN_SUBJECT} (V-number or BSN, required), {@value #COLUMN_TYPE} (the
 * CloudEvent type; required exactly when the connector has no fixed {@code event-type}, not allowed when
 * it has one) and {@value #COLUMN_TIME} (optional, RFC 3339; else the moment of the import). Every other
 * column is a data field; an empty cell leaves the field out.
 *
 * <p>The event id is derived from what the row says (source, type, subject, data; not the time), so the
 * same row in the same or a renamed file is the same event: it is counted as a duplicate and has no
 * second effect. One row per line: values cannot contain line breaks. Rows are accepted in batches of
 * {@value #BATCH_SIZE} per database transaction.
 */
@Component
public class CsvEventImporter {

    static final String CHANNEL = "file";
    static final String COLUMN_TYPE = "type";
    static final String COLUMN_SUBJECT = "subject";
    static final String COLUMN_TIME = "time";
    static final String ID_PREFIX = "csv-";
    /** Rows accepted per database transaction. */
    static final int BATCH_SIZE = 200;

    private static final Logger log = LoggerFactory.getLogger(CsvEventImporter.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Connectors connectors;
    private final InboundEvents inboundEvents;
    private final Inbox inbox;
    private final SchemaFieldTypes fieldTypes;
    private final TransactionOperations transaction;
    private final Clock clock;
    private final byte[] idKey;

    CsvEventImporter(Connectors connectors, InboundEvents inboundEvents, Inbox inbox, SchemaFieldTypes fieldTypes,
                     TransactionOperations transaction, Clock clock, FileExchangeProperties properties) {
        this.connectors = connectors;
        this.inboundEvents = inboundEvents;
        this.inbox = inbox;
        this.transaction = transaction;
        this.fieldTypes = fieldTypes;
        this.clock = clock;
        String key = properties.idKey();
        this.idKey = key == null || key.isBlank() ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Imports one file of {@code party}'s drop folder. Never throws for what is in the file: a file that
     * cannot be read, a rejected row or a failure half-way are in the report (outcome {@code error}).
     *
     * @param content  the file's bytes, UTF-8 with or without byte order mark
     * @param party    the connector, a key of {@code hub.connectors}
     * @param fileName the file's name, for the report and the log
     */
    public CsvImportReport importFile(byte[] content, String party, String fileName) {
        Connector connector = connectors.find(party)
                .filter(c -> c.file() != null)
                .orElseThrow(() -> new IllegalArgumentException("no file exchange configured for connector " + party));
        long started = System.nanoTime();
        Run run = new Run(connector, party, fileName);
        CsvImportReport report = run.execute(content);
        log.info("CSV file {} of {} imported in {} ms: {} rows, {} accepted, {} duplicates, {} rejected{}", fileName,
                party, (System.nanoTime() - started) / 1_000_000, report.rows(), report.accepted(), report.duplicates(),
                report.rejected(), report.fileError() == null ? "" : "; file error: " + report.fileError().rule());
        return report;
    }

    /** The event id of a row: {@value #ID_PREFIX} and 32 hex digits of the (keyed) SHA-256 of its content. */
    String eventId(String source, String type, String subject, ObjectNode data) {
        StringBuilder content = new StringBuilder()
                .append(source).append('\u0000').append(type).append('\u0000').append(subject);
        // By property name, so the order of the columns does not matter.
        Map<String, String> fields = new TreeMap<>();
        data.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().toString()));
        fields.forEach((name, value) -> content.append('\u0000').append(name).append('=').append(value));
        byte[] bytes = content.toString().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] hash;
            if (idKey == null) {
                hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            } else {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(idKey, "HmacSHA256"));
                hash = mac.doFinal(bytes);
            }
            return ID_PREFIX + HexFormat.of().formatHex(hash, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A row read as a CloudEvent, not yet accepted. */
    private record Row(int line, Inbox.Key key, String event) {
    }

    /** What accepting a batch of rows gave. */
    private static final class Tally {
        private final List<RejectedRow> rejected = new ArrayList<>();
        private int accepted;
        private int duplicates;
    }

    /** One file's import: the state of the counts while its rows are read. */
    private final class Run {

        private final String party;
        private final String fileName;
        private final String source;
        private final String allowedSources;
        private final String fixedType;
        private final CSVFormat format;
        private final String importTime;
        private final List<RejectedRow> rejectedRows = new ArrayList<>();
        private final List<Row> batch = new ArrayList<>();
        private int rows;
        private int accepted;
        private int duplicates;

        Run(Connector connector, String party, String fileName) {
            FileDrop drop = connector.file();
            this.party = party;
            this.fileName = fileName;
            this.source = connector.sources().get(0);
            this.allowedSources = String.join(",", connector.sources());
            this.fixedType = drop.eventType() == null || drop.eventType().isBlank() ? null : drop.eventType();
            this.format = CSVFormat.RFC4180.builder()
                    .setDelimiter(drop.delimiter())
                    .setIgnoreSurroundingSpaces(true)
                    .get();
            this.importTime = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.SECONDS).format(RFC3339);
        }

        CsvImportReport execute(byte[] content) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(content)).toString();
            } catch (CharacterCodingException e) {
                return CsvImportReport.unreadable(fileName, party, new FileError("encoding", "the file is not UTF-8 text"));
            }
            if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
                text = text.substring(1);
            }
            try {
                return readLines(text);
            } catch (RuntimeException e) {
                // The database or another part of the hub failed: what was accepted so far stays accepted
                // (and is a duplicate when the file is dropped again). The exception's message may quote
                // a value, so only its class is told.
                log.warn("Importing CSV file {} of {} stopped after {} rows: {}", fileName, party, rows,
                        e.getClass().getName());
                return report(new FileError("import-failed", "the import stopped after " + rows
                        + " row(s) (" + e.getClass().getSimpleName() + "); drop the file again: rows already"
                        + " accepted count as duplicates"));
            }
        }

        private CsvImportReport readLines(String text) {
            Map<String, Integer> header = null;
            BufferedReader lines = new BufferedReader(new StringReader(text));
            int lineNumber = 0;
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    if (header == null) {
                        header = new LinkedHashMap<>();
                        FileError error = readHeader(line, header);
                        if (error != null) {
                            return CsvImportReport.unreadable(fileName, party, error);
                        }
                        continue;
                    }
                    rows++;
                    Row row = toEvent(lineNumber, line, header);
                    if (row != null) {
                        batch.add(row);
                    }
                    if (batch.size() == BATCH_SIZE) {
                        acceptBatch();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            acceptBatch();
            if (header == null) {
                return CsvImportReport.unreadable(fileName, party, new FileError("no-header",
                        "the file is empty: a header row naming the columns is required"));
            }
            return report(null);
        }

        /** Reads the column names into {@code header} (name to position); a problem with them, or null. */
        private FileError readHeader(String line, Map<String, Integer> header) {
            List<String> names = parse(line);
            if (names == null) {
                return new FileError("csv-syntax", "the header row is not a well-formed CSV row");
            }
            for (String name : names) {
                // The names are not repeated in the report: a file without header starts with a data row.
                if (name.isEmpty()) {
                    return new FileError("header", "the header row has an empty column name");
                }
                if (header.putIfAbsent(name, header.size()) != null) {
                    return new FileError("header", "the header row names a column twice");
                }
            }
            if (!header.containsKey(COLUMN_SUBJECT)) {
                return new FileError("missing-column", "the header has no column \"subject\" (is there a header row?)");
            }
            if (fixedType == null && !header.containsKey(COLUMN_TYPE)) {
                return new FileError("missing-column", "the header has no column \"type\", which names each row's event type");
            }
            if (fixedType != null && header.containsKey(COLUMN_TYPE)) {
                return new FileError("column-not-allowed",
                        "the column \"type\" is not allowed: every row of this party is of type " + fixedType);
            }
            return null;
        }

        /** The row as a CloudEvent, or null when it is rejected already (then it is in the report). */
        private Row toEvent(int lineNumber, String line, Map<String, Integer> header) {
            List<String> values = parse(line);
            if (values == null) {
                reject(lineNumber, List.of(Violation.of("", "csv-syntax",
                        "the line is not a well-formed CSV row (an unclosed quote?)")));
                return null;
            }
            if (values.size() != header.size()) {
                reject(lineNumber, List.of(Violation.of("", "column-count",
                        "the row has " + values.size() + " value(s), the header " + header.size() + " column(s)")));
                return null;
            }
            String type = fixedType != null ? fixedType : values.get(header.get(COLUMN_TYPE));
            String subject = values.get(header.get(COLUMN_SUBJECT));
            Integer timeColumn = header.get(COLUMN_TIME);
            String time = timeColumn == null || values.get(timeColumn).isEmpty() ? importTime : values.get(timeColumn);
            ObjectNode data = NODES.objectNode();
            header.forEach((column, position) -> {
                String cell = values.get(position);
                if (!isReserved(column) && !cell.isEmpty()) {
                    data.set(column, fieldTypes.convert(type, column, cell));
                }
            });
            String id = eventId(source, type, subject, data);
            ObjectNode event = NODES.objectNode();
            event.put("specversion", "1.0");
            event.put("id", id);
            event.put("source", source);
            putUnlessEmpty(event, "type", type);
            putUnlessEmpty(event, "subject", subject);
            event.put("time", time);
            event.put("datacontenttype", "application/json");
            event.set("data", data);
            return new Row(lineNumber, new Inbox.Key(source, id), event.toString());
        }

        /**
         * Accepts the rows read so far in one database transaction: a 10,000-row file is 50 commits,
         * not 10,000. Should the transaction fail (PostgreSQL gives up a transaction after a failed
         * insert), the rows are accepted one by one instead; a failure then ends the import.
         */
        private void acceptBatch() {
            if (batch.isEmpty()) {
                return;
            }
            List<Row> rows = List.copyOf(batch);
            batch.clear();
            Tally tally;
            try {
                tally = transaction.execute(status -> accept(rows));
            } catch (RuntimeException e) {
                log.debug("Accepting {} rows in one transaction failed ({}); one by one instead", rows.size(),
                        e.getClass().getName());
                tally = accept(rows);
            }
            accepted += tally.accepted;
            duplicates += tally.duplicates;
            tally.rejected.forEach(rejectedRows::add);
        }

        private Tally accept(List<Row> rows) {
            Tally tally = new Tally();
            for (Row row : rows) {
                // The id covers what the row says, not when: a row seen before is a duplicate even when
                // its time differs (the inbox would call that a conflict).
                if (inbox.find(row.key()).isPresent()) {
                    tally.duplicates++;
                    continue;
                }
                try {
                    Acceptance acceptance = inboundEvents.accept(row.event(), CHANNEL, allowedSources);
                    if (acceptance.duplicate()) {
                        tally.duplicates++;
                    } else {
                        tally.accepted++;
                    }
                } catch (InvalidEventException e) {
                    tally.rejected.add(new RejectedRow(row.line(), e.violations()));
                } catch (DuplicateConflictException e) {
                    tally.rejected.add(new RejectedRow(row.line(), List.of(Violation.of("/id", "conflicting-duplicate",
                            "an event with this id and another content was recorded before"))));
                } catch (SourceNotAllowedException e) {
                    tally.rejected.add(new RejectedRow(row.line(), List.of(Violation.of("/source", "source-not-allowed",
                            "this party may not send for the connector's source"))));
                }
            }
            return tally;
        }

        private static boolean isReserved(String column) {
            return COLUMN_TYPE.equals(column) || COLUMN_SUBJECT.equals(column) || COLUMN_TIME.equals(column);
        }

        private static void putUnlessEmpty(ObjectNode event, String name, String value) {
            if (value != null && !value.isEmpty()) {
                event.put(name, value);
            }
        }

        /** The values of one line, or null when it is not a well-formed CSV row. */
        private List<String> parse(String line) {
            try (CSVParser parser = format.parse(new StringReader(line))) {
                List<CSVRecord> records = parser.getRecords();
                return records.size() == 1 ? records.get(0).toList() : null;
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                return null;
            }
        }

        private void reject(int lineNumber, List<Violation> violations) {
            rejectedRows.add(new RejectedRow(lineNumber, violations));
        }

        private CsvImportReport report(FileError error) {
            rejectedRows.sort(Comparator.comparingInt(RejectedRow::line));
            String outcome = error == null && rejectedRows.isEmpty() ? CsvImportReport.DONE : CsvImportReport.ERROR;
            return new CsvImportReport(fileName, party, outcome, rows, accepted, duplicates, rejectedRows.size(), error,
                    rejectedRows);
        }
    }
}
