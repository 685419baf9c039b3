package nl.utrecht.integrationhub.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * Erasure of a person's data on request, end to end: refused with 409 while the person's case is open;
 * once it is closed, the register forgets the identifiers, the engine history of the case is gone, the
 * payloads and the document content are erased, and one ERASE entry per identifier says what in counts.
 * Bad bodies are 400 naming pointer and rule; only administrators may erase.
 */
@HubIntegrationTest
class PersonErasureIT extends EndToEndTest {

    private static final String ERASE = "/api/admin/persons/erase";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    HistoryService historyService;
    @Value("${hub.data-dir}")
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private Credentials admin;
    private Credentials caseworker;
    private Credentials coa;

    @BeforeEach
    void users() {
        admin = TestUsers.ensure(identityService, "it-erasure-admin", "camunda-admin");
        caseworker = TestUsers.ensure(identityService, "it-erasure-caseworker", "housing");
        coa = TestUsers.coa(identityService);
    }

    @Test
    void aPersonWithAnOpenCaseIsRefusedThenErasedOnceTheCaseIsClosed() {
        String vNumber = Events.newVNumber();
        ObjectNode intake = Events.intake(vNumber);
        String partnerVNumber = Events.householdMember(intake, 1).get("vNumber").asText();
        Response accepted = hub.postEvent(intake, coa);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String caseId = awaitOpenCase(vNumber);
        String attachmentId = uploadDocument(vNumber);
        String reference = "AVG-IT-" + UUID.randomUUID().toString().substring(0, 8);

        Response open = hub.postJson(ERASE, body(vNumber, reference), admin);
        assertThat(open.status()).as(open.toString()).isEqualTo(409);
        assertThat(open.isProblem()).isTrue();
        assertThat(open.body()).doesNotContain(vNumber);
        assertThat(registered(vNumber)).as("nothing erased").isEqualTo(1);
        assertThat(erasureEntries(reference)).isEmpty();

        // The case ends (here: an administrator closes it); its messages are handled.
        state.processInstances(caseId).forEach(instance ->
                runtimeService.deleteProcessInstance(instance.getId(), "closed by the test"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_outbox WHERE case_id = ? AND status = 'PENDING'", Integer.class, caseId) == 0);
        // A partner event that comes after the case ended is parked (no open case to apply it to).
        ObjectNode late = nl.utrecht.integrationhub.support.PartnerEvents.of(
                "nl.duo.civic-integration-obligation-started", vNumber, Events.today());
        assertThat(hub.postEvent(late, TestUsers.ensure(identityService, "it-erasure-duo", "partner-duo")).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "PARKED".equals(
                state.inboxStatus(late.get("source").asText(), late.get("id").asText()).orElse("")));
        List<String> historic = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .list().stream().map(instance -> instance.getId()).toList();
        assertThat(historic).as("route and phases in the history").hasSizeGreaterThanOrEqualTo(2);
        assertThat(payloadsNaming(vNumber)).as("before: the intake's payload names the person").isPositive();

        Response erased = hub.postJson(ERASE, body(vNumber, reference), admin);

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        JsonNode report = erased.json();
        assertThat(report.get("cases").asInt()).isEqualTo(1);
        assertThat(report.get("historicProcessInstances").asInt()).isEqualTo(historic.size());
        assertThat(report.get("inboundPayloads").asInt()).isPositive();
        assertThat(report.get("attachments").asInt()).isEqualTo(1);
        assertThat(erased.body()).doesNotContain(vNumber);

        // The register: the person is an anonymous stub, the other members are untouched.
        assertThat(registered(vNumber)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hub_person p JOIN hub_case c ON c.main_person_id = p.id"
                + " WHERE c.case_id = ? AND p.v_number IS NULL AND p.bsn IS NULL AND p.birth_date IS NULL",
                Integer.class, caseId)).isEqualTo(1);
        assertThat(registered(partnerVNumber)).isEqualTo(1);
        assertThat(hub.cases(vNumber, TestUsers.ensure(identityService, "it-erasure-vw", "vluchtelingenwerk-mn"))
                .json()).isEmpty();
        // The engine history of the case, in every ACT_HI_* table.
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId).count())
                .isZero();
        for (String table : List.of("ACT_HI_ACTINST", "ACT_HI_VARINST", "ACT_HI_TASKINST", "ACT_HI_DETAIL")) {
            for (String id : historic) {
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE PROC_INST_ID_ = ?",
                        Integer.class, id)).as(table).isZero();
            }
        }
        // Payloads: the rows stay (they prove receipt and sending once), their content is gone.
        assertThat(payloadsNaming(vNumber)).isZero();
        assertThat(jdbc.queryForObject("SELECT payload FROM hub_inbox WHERE source = ? AND event_id = ?",
                String.class, Events.SOURCE_COA, intake.get("id").asText())).isEqualTo("{\"erased\":true}");
        // The parked event is given up, its payload erased too.
        assertThat(state.inboxRow(late.get("source").asText(), late.get("id").asText()).orElseThrow())
                .containsEntry("status", "FAILED").containsEntry("last_error", "erased on request")
                .containsEntry("payload", "{\"erased\":true}");
        // The document: metadata stays as proof, the encrypted content is gone.
        assertThat(jdbc.queryForMap("SELECT status, purge_reason FROM hub_attachment WHERE id = ?", attachmentId))
                .containsValues("PURGED", "ERASED");
        assertThat(Files.exists(dataDir.resolve("attachments").resolve(attachmentId + ".enc"))).isFalse();

        // The audit log: one ERASE entry (one identifier), counts and the request's reference, no values.
        List<Map<String, Object>> entries = erasureEntries(reference);
        assertThat(entries).hasSize(1);
        Map<String, Object> entry = entries.get(0);
        assertThat(entry.get("ACTOR")).isEqualTo("it-erasure-admin");
        assertThat(entry.get("ON_BEHALF_OF")).isEqualTo("camunda-admin");
        assertThat(entry.get("PROCESSING_ACTIVITY")).isEqualTo("verwijderverzoek");
        assertThat(entry.get("OUTCOME")).isEqualTo("success");
        assertThat((String) entry.get("RESOURCE")).startsWith("erasure:" + reference + ";cases=1;history=")
                .contains(";attachments=1").doesNotContain(vNumber);
        assertThat((String) entry.get("PERSON_PSEUDONYM")).hasSize(64).isNotEqualTo(vNumber);
        // ... found by the person's V-number in an access request after the erasure.
        Response export = hub.get("/api/admin/audit/export?person=" + vNumber, admin);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.json().findValuesAsText("action")).contains("ERASE");

        Response again = hub.postJson(ERASE, body(vNumber, reference), admin);
        assertThat(again.status()).as("erased before: unknown").isEqualTo(404);
    }

    @Test
    void badBodiesAre400NamingPointerAndRuleNeverTheValue() {
        String vNumber = Events.newVNumber();
        assertRule(JSON.createObjectNode().put("reason", "AVG-1"), "", "one-of-vNumber-bsn");
        assertRule(JSON.createObjectNode().put("vNumber", vNumber).put("bsn", Events.TEST_BSN).put("reason", "AVG-1"),
                "", "one-of-vNumber-bsn");
        assertRule(JSON.createObjectNode().put("vNumber", "12345").put("reason", "AVG-1"), "/vNumber", "v-number");
        assertRule(JSON.createObjectNode().put("bsn", "123456789").put("reason", "AVG-1"), "/bsn", "bsn-eleven-test");
        assertRule(JSON.createObjectNode().put("vNumber", vNumber), "/reason", "required");
        assertRule(JSON.createObjectNode().put("vNumber", vNumber).put("reason", "Mevrouw Testpersoon vroeg het"),
                "/reason", "reference");
        assertRule(JSON.createObjectNode().put("vNumber", vNumber).put("reason", "AVG-1").put("familyName", "Test"),
                "/familyName", "not-allowed");
        assertRule(JSON.createArrayNode(), "", "object");

        Response unknown = hub.postJson(ERASE, body(vNumber, "AVG-1"), admin);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.body()).doesNotContain(vNumber);
    }

    @Test
    void onlyAdministratorsMayErase() {
        ObjectNode body = body(Events.newVNumber(), "AVG-1");
        assertThat(hub.postJson(ERASE, body, null).status()).isEqualTo(401);
        assertThat(hub.postJson(ERASE, body, caseworker).status()).isEqualTo(403);
        assertThat(hub.postJson(ERASE, body, coa).status()).isEqualTo(403);
    }

    private void assertRule(JsonNode body, String pointer, String rule) {
        Response answer = hub.postJson(ERASE, body, admin);
        assertThat(answer.status()).as(body + " -> " + answer).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().get("errors")).as(answer.toString())
                .anySatisfy(error -> {
                    assertThat(error.get("pointer").asText()).isEqualTo(pointer);
                    assertThat(error.get("rule").asText()).isEqualTo(rule);
                });
        body.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual() && field.getValue().asText().length() > 3) {
                assertThat(answer.body()).doesNotContain(field.getValue().asText());
            }
        });
    }

    private static ObjectNode body(String vNumber, String reason) {
        return JSON.createObjectNode().put("vNumber", vNumber).put("reason", reason);
    }

    private int registered(String vNumber) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM hub_person WHERE v_number = ?", Integer.class, vNumber);
    }

    private int payloadsNaming(String vNumber) {
        String like = "%" + vNumber + "%";
        return jdbc.queryForObject("SELECT COUNT(*) FROM hub_inbox WHERE payload LIKE ?", Integer.class, like)
                + jdbc.queryForObject("SELECT COUNT(*) FROM hub_outbox WHERE payload LIKE ?", Integer.class, like);
    }

    private List<Map<String, Object>> erasureEntries(String reference) {
        return jdbc.queryForList("SELECT * FROM hub_audit_log WHERE action = 'ERASE' AND resource LIKE ?",
                "erasure:" + reference + ";%").stream()
                .map(row -> {
                    Map<String, Object> upper = new java.util.HashMap<>();
                    row.forEach((key, value) -> upper.put(key.toUpperCase(java.util.Locale.ROOT), value));
                    return upper;
                }).toList();
    }

    private String awaitOpenCase(String vNumber) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList("""
                        SELECT c.case_id FROM hub_case c JOIN hub_person p ON p.id = c.main_person_id
                        WHERE p.v_number = ?""", String.class, vNumber).stream()
                        .filter(caseId -> !state.processInstances(caseId).isEmpty()).findFirst().orElse(null),
                caseId -> caseId != null);
    }

    /** Vluchtelingenwerk's system uploads a dossier document (a fake PNG) for the person. */
    private String uploadDocument(String vNumber) {
        byte[] png = new byte[2000];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(signature, 0, png, 0, signature.length);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/attachments?subject=" + URLEncoder.encode(vNumber, StandardCharsets.UTF_8)))
                .header("Authorization", TestUsers.vluchtelingenwerkSystem(identityService).basicAuthorization())
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return JSON.readTree(response.body()).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
