package nl.utrecht.integrationhub.inbound.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import nl.utrecht.integrationhub.housing.HousingProcess;
import nl.utrecht.integrationhub.outbound.Connectors;
import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.GenericTasklist;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.PartnerEvents;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * The parties' CSV drop folders in the running hub: files are read by the real routes, rows go through
 * the inbound contract into the inbox and are applied; a file dropped again has no second effect; a large
 * export with broken rows is imported except for those rows, which its report names by line.
 */
@HubIntegrationTest
class CsvFileExchangeIT extends EndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(CsvFileExchangeIT.class);
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String DUO = "urn:nl:duo";
    private static final String DUO_HEADER = "subject,type,loanAmount,grantedOn,examPart,languageLevel,passedOn,termEndedOn";

    @Autowired
    private Connectors connectors;
    @Autowired
    private HistoryService historyService;

    private final ObjectMapper json = new ObjectMapper();
    private Credentials admin;

    @BeforeEach
    void setUp() {
        admin = TestUsers.ensure(identityService, "it-file-exchange", "camunda-admin");
    }

    @Test
    void theSameDuoFileDroppedTwiceHasNoSecondEffect() throws Exception {
        String main = Events.newVNumber();
        String caseId = openCase(main);
        String unknown = Events.newVNumber();
        LocalDate day = Events.today().minusDays(3);
        String file = DUO_HEADER + "\n"
                + main + ",nl.duo.loan-granted,7500," + day + ",,,,\n"
                + main + ",nl.duo.exam-part-passed,,,reading,A2," + day + ",\n"
                + main + ",nl.duo.civic-integration-term-ended,,,,,," + day + "\n"
                + unknown + ",nl.duo.loan-granted,100," + day + ",,,,\n";

        JsonNode first = dropAndAwaitReport("duo", "duo-status.csv", file);

        assertThat(first.path("outcome").asText()).isEqualTo("done");
        assertCounts(first, 4, 4, 0, 0);
        // Known person with an open case: applied (recorded only, the adult's trajectory does not run yet).
        // A person the hub does not know: kept (parked) until the person becomes known.
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(inboxStatuses(main).values()).hasSize(3).containsOnly("APPLIED");
            assertThat(inboxStatuses(unknown).values()).containsExactly("PARKED");
        });
        Map<String, String> inboxBefore = inboxStatuses(main);
        Set<String> processStateBefore = processState(caseId);

        JsonNode second = dropAndAwaitReport("duo", "duo-status.csv", file);

        assertThat(second.path("outcome").asText()).isEqualTo("done");
        assertCounts(second, 4, 0, 4, 0);
        assertThat(inboxStatuses(main)).isEqualTo(inboxBefore);
        assertThat(inboxStatuses(unknown)).hasSize(1);
        assertThat(processState(caseId)).isEqualTo(processStateBefore);
        assertThat(moved("duo", "done")).filteredOn(name -> name.endsWith("-duo-status.csv")).hasSize(2);
    }

    @Test
    void aTenThousandRowDuoExportIsImportedExceptItsBrokenRowsWhichTheReportNamesByLine() throws Exception {
        String main = Events.newVNumber();
        ObjectNode intake = Events.intake(main);
        String partner = Events.householdMember(intake, 1).get("vNumber").asText();
        openCase(intake);
        List<String> unknown = List.of(Events.newVNumber(), Events.newVNumber(), Events.newVNumber());
        LocalDate day = Events.today().minusDays(10);
        // line number (1-based, header = 1) -> the broken row, and the rule the report must name
        Map<Integer, String> broken = new TreeMap<>(Map.of(
                2, main + ",nl.duo.loan-granted,1," + Events.today().getYear() + "-02-30,,,,",
                1234, main + ",nl.duo.loan-refused,1234," + day + ",,,,",
                5000, "12345,nl.duo.loan-granted,5000," + day + ",,,,",
                7777, main + ",nl.duo.loan-granted,," + day + ",,,,",
                10001, partner + ",nl.coa.status-holder-linked,,,,,,"));
        StringBuilder csv = new StringBuilder(DUO_HEADER).append('\n');
        for (int line = 2; line <= 10_001; line++) {
            int row = line - 2;
            String subject = row % 2 == 0 ? main : partner;
            if (broken.containsKey(line)) {
                csv.append(broken.get(line));
            } else if (line == 3 || line == 4 || line == 5) {
                csv.append(unknown.get(line - 3)).append(",nl.duo.loan-granted,42,").append(day).append(",,,,");
            } else if (line == 6) {
                csv.append(main).append(",nl.duo.civic-integration-term-ended,,,,,,").append(day);
            } else if (line == 7) {
                csv.append(partner).append(",nl.duo.exam-part-passed,,,knm,A2,").append(day).append(',');
            } else {
                // unique per row: (subject, amount)
                csv.append(subject).append(",nl.duo.loan-granted,").append(row / 2 + 1).append(',').append(day).append(",,,,");
            }
            csv.append(line % 1000 == 0 ? "\r\n" : "\n");
        }

        long started = System.nanoTime();
        JsonNode report = dropAndAwaitReport("duo", "duo-status-large.csv", csv.toString(), Duration.ofMinutes(3));
        long importMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(report.path("outcome").asText()).isEqualTo("error");
        assertCounts(report, 10_000, 9_995, 0, 5);
        assertThat(report.path("rejectedRows")).extracting(row -> row.path("line").asInt())
                .containsExactlyElementsOf(broken.keySet());
        assertThat(rules(report, 2)).containsExactly("/data/grantedOn format:past-date");
        assertThat(rules(report, 1234)).containsExactly("/type unknown-type");
        assertThat(rules(report, 5000)).containsExactly("/subject pattern");
        assertThat(rules(report, 7777)).containsExactly("/data/loanAmount required");
        assertThat(rules(report, 10001)).contains("/source source-not-allowed");
        String reportText = report.toString();
        assertThat(reportText).doesNotContain(main, partner, "12345,", "loan-refused");
        assertThat(moved("duo", "error")).filteredOn(name -> name.endsWith("-duo-status-large.csv")).hasSize(1);

        // Every accepted row is recorded once and applied (known adults) or kept (unknown persons).
        long appliedStarted = System.nanoTime();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(countByStatus(main, "APPLIED") + countByStatus(partner, "APPLIED")).isEqualTo(9_992);
        });
        long applyMillis = (System.nanoTime() - appliedStarted) / 1_000_000;
        assertThat(countByStatus(main, null) + countByStatus(partner, null)).isEqualTo(9_992);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(unknown)
                .allSatisfy(person -> assertThat(inboxStatuses(person).values()).containsExactly("PARKED")));
        log.info("10,000-row DUO export: dropped to report in {} ms (including the 2 s the drop folder waits for a"
                + " file to settle); all 9,992 rows about known persons applied {} ms later", importMillis, applyMillis);
    }

    @Test
    void aCoaLinkingExportRowLinksTheHouseholdAndHousingContinues() throws Exception {
        String main = Events.newVNumber();
        String caseId = openCase(main);
        ObjectNode permit = PartnerEvents.of("nl.ind.residence-permit-granted", main, Events.today());
        assertThat(hub.postEvent(permit, admin).status()).isEqualTo(202);
        completeReceptionTasks(caseId, permit.get("id").asText());
        ProcessInstance housing = await().atMost(WITHIN)
                .until(() -> state.calledInstance(caseId, HousingProcess.PROCESS_KEY), instance -> instance != null);

        JsonNode report = dropAndAwaitReport("coa", "coa-linking.csv",
                "subject,linkedOn,familyMembersToFollow,educationLevel,workExperienceYears,languages\n"
                        + main + "," + Events.today().minusDays(1) + ",0,secondary,4,ar;en\n");

        assertThat(report.path("outcome").asText()).isEqualTo("done");
        assertCounts(report, 1, 1, 0, 0);
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(inboxStatuses("urn:nl:coa", main)).containsValue("APPLIED");
            assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(housing.getId())
                    .activityId(HousingProcess.EVENT_STATUS_HOLDER_LINKED).finished().count())
                    .as("housing received the linking and went on").isEqualTo(1);
        });
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(housing.getId())
                .activityInstanceIdIn(housing.getId()).variableName(HousingProcess.VAR_FAMILY_MEMBERS_TO_FOLLOW).singleResult().getValue()).isEqualTo(0);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(housing.getId())
                .activityInstanceIdIn(housing.getId()).variableName(HousingProcess.VAR_LINKED_ON).singleResult().getValue()).isNotNull();
    }

    // --- helpers ---

    private String openCase(String main) {
        return openCase(Events.intake(main));
    }

    private String openCase(ObjectNode intake) {
        String main = intake.get("subject").asText();
        assertThat(hub.postEvent(intake, admin).status()).isEqualTo(202);
        String caseId = await().atMost(WITHIN).until(() -> hub.cases(main, admin).json(), cases -> cases.size() == 1)
                .get(0).get("caseId").asText();
        await().atMost(WITHIN).until(() -> !state.tasks(caseId).isEmpty());
        return caseId;
    }

    /** Completes reception's tasks as caseworkers would, until the permit has been applied. */
    private void completeReceptionTasks(String caseId, String permitEventId) {
        GenericTasklist tasklist = new GenericTasklist(hub, admin);
        await().atMost(WITHIN).until(() -> {
            hub.get("/engine-rest/task?processDefinitionKey=reception&processInstanceBusinessKey=" + caseId, admin)
                    .json().forEach(tasklist::completeWithForm);
            return state.inboxStatus("urn:nl:coa", permitEventId).filter("APPLIED"::equals).isPresent();
        });
    }

    private JsonNode dropAndAwaitReport(String party, String name, String content) throws IOException {
        return dropAndAwaitReport(party, name, content, WITHIN);
    }

    /** Drops the file as an exporter should (written under another name, then renamed) and reads its new report. */
    private JsonNode dropAndAwaitReport(String party, String name, String content, Duration within) throws IOException {
        Set<String> before = new HashSet<>(reports(party));
        Path target = dir(party).resolve(name);
        Files.createDirectories(target.getParent());
        Path temporary = Files.writeString(target.resolveSibling(name + ".writing"), content, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        String report = await().atMost(within).pollInterval(Duration.ofMillis(250))
                .until(() -> reports(party).stream()
                        .filter(file -> !before.contains(file) && file.endsWith("-" + name + ".report.json")).toList(),
                        found -> found.size() == 1)
                .get(0);
        return json.readTree(dir(party).resolve(report).toFile());
    }

    /** Reports in done/ and error/, as paths relative to the drop folder. */
    private List<String> reports(String party) throws IOException {
        return Stream.concat(moved(party, "done").stream().map(name -> "done/" + name),
                        moved(party, "error").stream().map(name -> "error/" + name))
                .filter(name -> name.endsWith(".report.json"))
                .toList();
    }

    private List<String> moved(String party, String folder) throws IOException {
        Path path = dir(party).resolve(folder);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private Path dir(String party) {
        return Path.of(connectors.find(party).orElseThrow().file().directory());
    }

    private static void assertCounts(JsonNode report, int rows, int accepted, int duplicates, int rejected) {
        assertThat(List.of(report.path("rows").asInt(), report.path("accepted").asInt(),
                report.path("duplicates").asInt(), report.path("rejected").asInt()))
                .as("rows, accepted, duplicates, rejected").containsExactly(rows, accepted, duplicates, rejected);
    }

    private static List<String> rules(JsonNode report, int line) {
        for (JsonNode row : report.path("rejectedRows")) {
            if (row.path("line").asInt() == line) {
                List<String> rules = new ArrayList<>();
                row.path("violations").forEach(v -> rules.add(v.path("pointer").asText() + " " + v.path("rule").asText()));
                return rules;
            }
        }
        return List.of();
    }

    /** DUO's events about this person recorded from a file: event id to inbox status. */
    private Map<String, String> inboxStatuses(String subject) {
        return inboxStatuses(DUO, subject);
    }

    private Map<String, String> inboxStatuses(String source, String subject) {
        return jdbc.queryForList("""
                        SELECT event_id, status FROM hub_inbox
                        WHERE source = ? AND channel = 'file' AND payload LIKE ?""",
                        source, "%\"subject\":\"" + subject + "\"%").stream()
                .collect(Collectors.toMap(row -> String.valueOf(row.get("event_id")),
                        row -> String.valueOf(row.get("status")), (a, b) -> a, TreeMap::new));
    }

    private long countByStatus(String subject, String status) {
        Long count = status == null
                ? jdbc.queryForObject("SELECT COUNT(*) FROM hub_inbox WHERE source = ? AND channel = 'file' AND payload LIKE ?",
                        Long.class, DUO, "%\"subject\":\"" + subject + "\"%")
                : jdbc.queryForObject("""
                        SELECT COUNT(*) FROM hub_inbox
                        WHERE source = ? AND channel = 'file' AND status = ? AND payload LIKE ?""",
                        Long.class, DUO, status, "%\"subject\":\"" + subject + "\"%");
        return count == null ? 0 : count;
    }

    /** What the engine holds for the case: each instance's active activities and variables. */
    private Set<String> processState(String caseId) {
        Set<String> state = new HashSet<>();
        for (ProcessInstance instance : runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseId).list()) {
            runtimeService.getActiveActivityIds(instance.getId()).forEach(id -> state.add(instance.getId() + " @" + id));
            runtimeService.getVariables(instance.getId()).forEach((name, value) ->
                    state.add(instance.getId() + " " + name + "=" + value));
        }
        return state;
    }
}
