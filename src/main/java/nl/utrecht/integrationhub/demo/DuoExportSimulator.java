package nl.utrecht.integrationhub.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.outbound.Connectors;

/**
 * Plays DUO in the demo: now and then a CSV status export in DUO's drop folder
 * ({@code hub.connectors.duo.file.directory}, see docs/file-exchange.md), one row per adult of an open
 * demo household that has a BSN (DUO knows people by BSN), each one step further than what the hub has
 * recorded: the civic-integration obligation, the loan, the exam parts two at a time, the exam. A step
 * waits until the hub applied the obligation (it is parked until the adult's trajectory waits for it).
 * Values are fake; the file is written under another name and renamed, so it is never read half.
 */
@Component("duoExportSimulator")
@Profile("demo")
public class DuoExportSimulator {

    static final String SOURCE = "urn:nl:duo";
    static final String OBLIGATION = "nl.duo.civic-integration-obligation-started";
    static final String LOAN = "nl.duo.loan-granted";
    static final String EXAM_PART = "nl.duo.exam-part-passed";
    static final String EXAM = "nl.duo.exam-passed";
    static final List<String> COLUMNS = List.of("type", "subject", "obligationStart", "loanAmount", "grantedOn",
            "examPart", "languageLevel", "passedOn", "examPassedOn");
    private static final List<String> EXAM_PARTS = List.of("reading", "listening", "writing", "speaking", "knm",
            "orientation-labour-market");
    private static final int CASES_PER_EXPORT = 200;
    private static final Logger log = LoggerFactory.getLogger(DuoExportSimulator.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final DemoHouseholds households;
    private final Connectors connectors;
    private final Clock clock;

    DuoExportSimulator(DemoHouseholds households, Connectors connectors, Clock clock) {
        this.households = households;
        this.connectors = connectors;
        this.clock = clock;
    }

    /** Writes one export if any adult has news; returns its path, or null. */
    public Path export() {
        LocalDate today = LocalDate.now(clock.withZone(SimulatedEvents.UTRECHT));
        List<List<String>> rows = new ArrayList<>();
        for (String caseId : households.openCases(CASES_PER_EXPORT)) {
            for (DemoHouseholds.Member member : households.members(caseId)) {
                if (member.bsn() != null && member.adultOn(today)) {
                    rows.addAll(nextStep(member.bsn(), today));
                }
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        Path directory = Path.of(connectors.find("duo").map(c -> c.file().directory())
                .orElseThrow(() -> new IllegalStateException("no DUO drop folder (hub.connectors.duo.file)")));
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        rows.forEach(row -> csv.append(String.join(",", row)).append('\n'));
        String name = "duo-status-" + STAMP.format(clock.instant().atZone(SimulatedEvents.UTRECHT));
        try {
            Files.createDirectories(directory);
            Path partial = directory.resolve(name + ".part");
            Files.writeString(partial, csv, StandardCharsets.UTF_8);
            Path file = directory.resolve(name + ".csv");
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.info("DUO simulator exported {} row(s) to {}", rows.size(), file.getFileName());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("the DUO simulator cannot write its export", e);
        }
    }

    /** The rows that take the adult one step further than what the hub recorded. */
    private List<List<String>> nextStep(String bsn, LocalDate today) {
        String day = today.toString();
        DemoHouseholds.Recorded obligation = households.recorded(SOURCE, OBLIGATION, bsn);
        if (obligation.count() == 0) {
            return List.of(row(OBLIGATION, bsn, day, "", "", "", "", "", ""));
        }
        if (obligation.applied() == 0) {
            return List.of();
        }
        if (households.recorded(SOURCE, LOAN, bsn).count() == 0) {
            // A fake amount in steps of 500, at most the legal EUR 10,000.
            String amount = String.valueOf(6_000 + 500 * Math.floorMod(bsn.hashCode(), 9));
            return List.of(row(LOAN, bsn, "", amount, day, "", "", "", ""));
        }
        int parts = households.recorded(SOURCE, EXAM_PART, bsn).count();
        if (parts < EXAM_PARTS.size()) {
            List<List<String>> rows = new ArrayList<>();
            for (int i = parts; i < Math.min(parts + 2, EXAM_PARTS.size()); i++) {
                String part = EXAM_PARTS.get(i);
                String level = part.equals("knm") || part.equals("orientation-labour-market") ? "" : "A2";
                rows.add(row(EXAM_PART, bsn, "", "", "", part, level, day, ""));
            }
            return rows;
        }
        if (households.recorded(SOURCE, EXAM, bsn).count() == 0) {
            return List.of(row(EXAM, bsn, "", "", "", "", "", "", day));
        }
        return List.of();
    }

    private static List<String> row(String... values) {
        return List.of(values);
    }
}
