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
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import nl.utrecht.integrationhub.outbound.Outbox;
import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.PartnerEvents;
import nl.utrecht.integrationhub.support.TestPartners;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * The canary: obviously fake personal data with a unique marker (a family name containing
 * {@code CANARY<random hex>}, a fresh fake V-number and BSN) runs through the whole chain, including its
 * failures: a valid intake over HTTP, a BSN linked by the BRP and a conflicting one that fails to apply, an
 * invalid event (400), a JMS event that is dead-lettered, a message to a partner that fails and then succeeds, a dossier document. Then every
 * place an operator or a log collector sees is scanned: the hub's log output, the dead letters, the
 * message log, the outbox and inbox views, the audit search, the metrics (names and tags), the problem
 * answers. The marker may appear only in the stores allowed to hold it ({@link #ALLOWED}): a full scan
 * of every text and binary column of the database finds it nowhere else, and the document's file on disk
 * is ciphertext.
 */
@HubIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CanaryIT extends EndToEndTest {

    /**
     * The stores allowed to hold the person's data, as TABLE.COLUMN: the case register (identifiers), the
     * inbox (the event as received: proof and replay), the outbox (the message as sent to the partner) and
     * the engine's variables, runtime and history (none today: the processes hold opaque references).
     * Besides the database: the inbound dead-letter queue's message body (for replay; never shown) and
     * the encrypted attachment files.
     */
    static final Set<String> ALLOWED = Set.of(
            "HUB_PERSON.V_NUMBER", "HUB_PERSON.BSN",
            "HUB_INBOX.PAYLOAD",
            "HUB_OUTBOX.PAYLOAD",
            "ACT_RU_VARIABLE.TEXT_", "ACT_RU_VARIABLE.TEXT2_", "ACT_HI_VARINST.TEXT_", "ACT_HI_VARINST.TEXT2_",
            "ACT_HI_DETAIL.TEXT_", "ACT_HI_DETAIL.TEXT2_", "ACT_GE_BYTEARRAY.BYTES_");

    private static final String GCA = "gca";
    private static final String MEDICAL_REQUEST = "nl.utrecht.hub.medical-record-handover-requested";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    JmsTemplate jms;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DataSource dataSource;
    @Value("${hub.data-dir}")
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theCanaryAppearsOnlyInTheStoresAllowedToHoldIt(CapturedOutput output) throws Exception {
        String marker = "CANARY" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
        String familyName = "Testpersoon-" + marker;
        String vNumber = Events.newVNumber();
        String bsn = PartnerEvents.fakeBsn();
        String otherBsn = PartnerEvents.fakeBsn();
        List<String> canaries = List.of(marker, vNumber, bsn, otherBsn);
        Credentials admin = TestUsers.ensure(identityService, "it-canary-admin", "camunda-admin");
        Credentials coa = TestUsers.coa(identityService);
        Credentials brp = TestUsers.ensure(identityService, "it-canary-brp", "partner-brp");
        List<String> seen = new ArrayList<>();

        // 1. A valid intake over HTTP.
        ObjectNode intake = Events.intake(vNumber);
        Events.data(intake).put("familyName", familyName).put("givenNames", marker);
        Response accepted = hub.postEvent(intake, coa);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        seen.add(accepted.body());
        String caseId = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList("""
                SELECT c.case_id FROM hub_case c JOIN hub_person p ON p.id = c.main_person_id
                WHERE p.v_number = ?""", String.class, vNumber).stream().findFirst().orElse(null),
                id -> id != null);

        // 2. The BRP links a BSN (applied, or parked until the route expects it: both keep it in the allowed stores).
        ObjectNode brpRegistered = PartnerEvents.of("nl.utrecht.brp-registered", vNumber, Events.today());
        Events.data(brpRegistered).put("bsn", bsn);
        Response brpAccepted = hub.postEvent(brpRegistered, brp);
        assertThat(brpAccepted.status()).as(brpAccepted.toString()).isEqualTo(202);
        seen.add(brpAccepted.body());

        // 2b. The BRP then sends another BSN for the person: the register refuses it, and after its attempts
        // the event is FAILED with a reason for administrators (the hub's message, never the values).
        ObjectNode conflicting = PartnerEvents.of("nl.utrecht.brp-registered", vNumber, Events.today());
        Events.data(conflicting).put("bsn", otherBsn);
        assertThat(hub.postEvent(conflicting, brp).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> "FAILED".equals(
                state.inboxStatus(conflicting.get("source").asText(), conflicting.get("id").asText()).orElse("")));

        // 3. An invalid event carrying the canary: 400, problem+json naming pointer and rule.
        ObjectNode invalid = Events.intake(vNumber);
        Events.data(invalid).put("familyName", familyName).put("birthDate", "geboren-" + marker);
        Events.householdMember(invalid, 0).put("vNumber", vNumber + "-" + marker);
        Response refused = hub.postEvent(invalid, coa);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        seen.add(refused.body());
        // ... and one that is not even JSON, with the canary in the broken text.
        Response broken = hub.postEvent(("{\"familyName\": \"" + familyName + "\", \"vNumber\": " + vNumber)
                .getBytes(StandardCharsets.UTF_8), HubTestClient.CLOUDEVENTS_JSON, coa);
        assertThat(broken.status()).as(broken.toString()).isEqualTo(400);
        seen.add(broken.body());

        // 4. A JMS event that is dead-lettered (a type nobody knows), with the canary in its body.
        ObjectNode unknownType = Events.intake(vNumber);
        Events.data(unknownType).put("familyName", familyName);
        unknownType.put("type", "nl.coa.no-such-type");
        String jmsMarker = "canary-" + marker;
        jms.convertAndSend("hub.inbound", unknownType.toString(), message -> {
            message.setStringProperty("testMarker", jmsMarker);
            return message;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> jms.browseSelected("hub.inbound.dlq",
                "testMarker = '" + jmsMarker + "'", (session, browser) -> browser.getEnumeration().hasMoreElements()));
        Response deadLetters = hub.get("/api/admin/dead-letters?limit=1000", admin);
        assertThat(deadLetters.status()).isEqualTo(200);
        seen.add(deadLetters.body());

        // 5. A message to a partner about the person that fails twice, then is delivered.
        TestPartners.instance().answerNext(GCA, 503, 500);
        String messageId = transactions.execute(status -> outbox.write(new Outbox.Draft(MEDICAL_REQUEST, caseId,
                vNumber, medicalRequestData(), null, "SendTask_Canary")));
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.find(messageId).map(Outbox.Message::status)
                .orElse(null) == Outbox.Status.SENT);
        assertThat(TestPartners.instance().requestsWithKey(messageId)).hasSize(3);

        // 6. A dossier document for the person, its content carrying the canary.
        String attachmentId = upload(vNumber, ("%PDF-1.7\n" + familyName + " " + vNumber + " " + bsn + "\n")
                .repeat(50).getBytes(StandardCharsets.US_ASCII));
        Path file = dataDir.resolve("attachments").resolve(attachmentId + ".enc");
        assertThat(file).exists();
        String onDisk = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        canaries.forEach(canary -> assertThat(onDisk).as("ciphertext on disk").doesNotContain(canary));

        // What operators see.
        seen.add(hub.get("/api/admin/messages?caseId=" + caseId, admin).body());
        seen.add(hub.get("/api/admin/messages/" + messageId, admin).body());
        seen.add(hub.get("/api/admin/messages/" + intake.get("id").asText(), admin).body());
        seen.add(hub.get("/api/admin/outbox?caseId=" + caseId, admin).body());
        for (String status : List.of("RECEIVED", "APPLIED", "PARKED", "FAILED")) {
            seen.add(hub.get("/api/admin/inbox?status=" + status + "&limit=1000", admin).body());
        }
        Response audit = hub.get("/api/admin/audit?person=" + vNumber, admin);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json()).as("the audit log has the person's entries").isNotEmpty();
        seen.add(audit.body());
        // A problem answer about an unknown id that looks like the canary.
        seen.add(hub.get("/api/admin/messages/" + marker, admin).body());
        seen.add(hub.postJson("/api/admin/inbox/replay?source=urn:nl:coa&id=" + marker, null, admin).body());

        // The metrics, by the registry (names and every tag) and over HTTP where the Actuator serves them.
        meters.getMeters().forEach(meter -> {
            seen.add(meter.getId().getName());
            meter.getId().getTags().forEach(tag -> seen.add(tag.getKey() + "=" + tag.getValue()));
        });
        Response metrics = hub.get("/actuator/metrics", admin);
        if (metrics.status() == 200) {
            seen.add(metrics.body());
            metrics.json().path("names").forEach(name -> seen.add(hub.get("/actuator/metrics/" + name.asText(), admin)
                    .body()));
        }
        HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/actuator/prometheus")).header("Authorization", admin.basicAuthorization())
                .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (prometheus.statusCode() == 200) {
            seen.add(prometheus.body());
        }

        // A hub log line written during the test proves the capture sees the hub's logging.
        assertThat(hub.postJson("/api/admin/processes/redeploy", null, admin).status()).isEqualTo(200);
        assertThat(output.getAll()).as("the hub's log output is captured").contains("Process household-route");

        for (String canary : canaries) {
            assertThat(output.getAll()).as("log output").doesNotContainIgnoringCase(canary);
            seen.forEach(text -> assertThat(text).as("seen by an operator or a collector").doesNotContain(canary));
        }

        // The database, every text and binary column: the canary only where it is allowed.
        for (String canary : canaries) {
            Set<String> holding = columnsHolding(canary);
            assertThat(holding).as("columns holding " + label(canary, marker, vNumber)).isSubsetOf(ALLOWED);
        }
        // For the record (names only, after the log scan): where each canary is, what was scanned.
        System.out.printf("Canary: marker in %s; V-number in %s; BSN in %s; %d texts scanned, metrics over HTTP %s%n",
                columnsHolding(marker), columnsHolding(vNumber), columnsHolding(bsn), seen.size(),
                metrics.status() == 200 ? "yes" : "no (" + metrics.status() + ")");
        // Positive controls: the scan finds what is there, so it can fail.
        assertThat(columnsHolding(marker)).contains("HUB_INBOX.PAYLOAD");
        assertThat(columnsHolding(vNumber)).contains("HUB_PERSON.V_NUMBER", "HUB_OUTBOX.PAYLOAD");
    }

    private static String label(String canary, String marker, String vNumber) {
        return canary.equals(marker) ? "the marker" : canary.equals(vNumber) ? "the V-number" : "a BSN";
    }

    private ObjectNode medicalRequestData() {
        ObjectNode data = JSON.createObjectNode();
        data.put("gpPractice", "Huisartsenpraktijk Testlaan");
        data.put("consentReference", "TOESTEMMING-TEST-0001");
        data.put("requestedOn", Events.today().toString());
        return data;
    }

    /** Every column (TABLE.COLUMN, upper case) of the hub's schema with a value containing the text. */
    private Set<String> columnsHolding(String text) throws SQLException {
        Set<String> holding = new TreeSet<>();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = metaData.getColumns(null, null, "%", "%")) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema != null && (schema.equalsIgnoreCase("INFORMATION_SCHEMA")
                            || schema.equalsIgnoreCase("pg_catalog"))) {
                        continue;
                    }
                    columns.add(new String[] {schema, rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME"),
                            String.valueOf(rs.getInt("DATA_TYPE"))});
                }
            }
            for (String[] column : columns) {
                int type = Integer.parseInt(column[3]);
                String qualified = (column[0] == null ? "" : "\"" + column[0] + "\".") + "\"" + column[1] + "\"";
                String name = column[1].toUpperCase(Locale.ROOT) + "." + column[2].toUpperCase(Locale.ROOT);
                if (Stream.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB, Types.NVARCHAR, Types.NCLOB)
                        .anyMatch(t -> t == type)) {
                    Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM " + qualified + " WHERE \"" + column[2]
                            + "\" LIKE ?", Integer.class, "%" + text + "%");
                    if (count != null && count > 0) {
                        holding.add(name);
                    }
                } else if (Stream.of(Types.BLOB, Types.VARBINARY, Types.BINARY, Types.LONGVARBINARY)
                        .anyMatch(t -> t == type)) {
                    List<byte[]> values = jdbc.queryForList("SELECT \"" + column[2] + "\" FROM " + qualified
                            + " WHERE \"" + column[2] + "\" IS NOT NULL", byte[].class);
                    if (values.stream().anyMatch(value -> indexOf(value, bytes) >= 0)) {
                        holding.add(name);
                    }
                }
            }
        }
        return holding;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String upload(String vNumber, byte[] content) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/attachments?subject=" + URLEncoder.encode(vNumber, StandardCharsets.UTF_8)))
                .header("Authorization", TestUsers.vluchtelingenwerkSystem(identityService).basicAuthorization())
                .header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build();
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
