package nl.utrecht.integrationhub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.utrecht.integrationhub.demo.DemoHouseholds.Member;
import nl.utrecht.integrationhub.demo.DemoHouseholds.Recorded;
import nl.utrecht.integrationhub.outbound.Connectors;

class DuoExportSimulatorTest {

    private static final String ADULT_BSN = "999990019";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @TempDir
    Path dropFolder;

    private final DemoHouseholds households = mock(DemoHouseholds.class);
    private DuoExportSimulator duo;

    @BeforeEach
    void setUp() {
        Connectors connectors = new Connectors(Map.of("duo", new Connectors.Connector("DUO", List.of("urn:nl:duo"), null,
                null, new Connectors.FileDrop(true, dropFolder.toString(), null, null))));
        duo = new DuoExportSimulator(households, connectors, CLOCK);
        when(households.openCases(anyInt())).thenReturn(List.of("HH-2026-000001"));
        when(households.members("HH-2026-000001")).thenReturn(List.of(
                new Member(1, "9900000001", ADULT_BSN, TODAY.minusYears(30), "main"),
                new Member(2, "9900000002", null, TODAY.minusYears(28), "partner"),
                new Member(3, "9900000003", "999990032", TODAY.minusYears(10), "child")));
        when(households.recorded(eq("urn:nl:duo"), anyString(), anyString())).thenReturn(new Recorded(0, 0));
    }

    @Test
    void anAdultWithABsnFirstGetsTheObligationOnlyAdultsWithABsnAreExported() throws Exception {
        Path file = duo.export();

        assertThat(file.getFileName().toString()).endsWith(".csv");
        assertThat(Files.readAllLines(file)).containsExactly(
                "type,subject,obligationStart,loanAmount,grantedOn,examPart,languageLevel,passedOn,examPassedOn",
                "nl.duo.civic-integration-obligation-started," + ADULT_BSN + ",2026-11-29,,,,,,");
        try (var files = Files.list(dropFolder)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void nothingFollowsAnObligationTheHubHasNotAppliedYet() {
        recorded(DuoExportSimulator.OBLIGATION, 1, 0);

        assertThat(duo.export()).isNull();
    }

    @Test
    void afterTheLoanTheExamPartsComeTwoAtATimeThenTheExam() throws Exception {
        recorded(DuoExportSimulator.OBLIGATION, 1, 1);
        recorded(DuoExportSimulator.LOAN, 1, 1);
        recorded(DuoExportSimulator.EXAM_PART, 2, 2);

        assertThat(Files.readAllLines(duo.export())).containsExactly(
                String.join(",", DuoExportSimulator.COLUMNS),
                "nl.duo.exam-part-passed," + ADULT_BSN + ",,,,writing,A2,2026-11-29,",
                "nl.duo.exam-part-passed," + ADULT_BSN + ",,,,speaking,A2,2026-11-29,");

        recorded(DuoExportSimulator.EXAM_PART, 6, 6);
        assertThat(Files.readAllLines(duo.export())).containsExactly(
                String.join(",", DuoExportSimulator.COLUMNS),
                "nl.duo.exam-passed," + ADULT_BSN + ",,,,,,,2026-11-29");

        recorded(DuoExportSimulator.EXAM, 1, 1);
        assertThat(duo.export()).isNull();
    }

    private void recorded(String type, int count, int applied) {
        when(households.recorded("urn:nl:duo", type, ADULT_BSN)).thenReturn(new Recorded(count, applied));
    }

    private static int anyInt() {
        return org.mockito.ArgumentMatchers.anyInt();
    }
}
