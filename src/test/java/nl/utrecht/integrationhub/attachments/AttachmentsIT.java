package nl.utrecht.integrationhub.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
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
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import nl.utrecht.integrationhub.outbound.OutboundEnricher;
import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * A dossier's document by claim-check, end to end: Vluchtelingenwerk Midden-Nederland uploads it for a
 * household an intake opened, the dossier transfer's enricher links it, Vluchtelingenwerk Utrecht
 * fetches it once, and the purge deletes its content after the grace period (PT1S in tests).
 */
@HubIntegrationTest
class AttachmentsIT extends EndToEndTest {

    private static final String TRANSFER = "nl.utrecht.hub.dossier-transfer-requested";
    private static final String PDF = "application/pdf";
    private static final int MAX_BYTES = 20 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    List<OutboundEnricher> enrichers;
    @Autowired
    AttachmentStore store;
    @Autowired
    AttachmentPurge purge;
    @Autowired
    LinkSigner signer;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Credentials sender;
    private Credentials receiver;
    private Credentials coa;

    @BeforeEach
    void users() {
        sender = TestUsers.vluchtelingenwerkSystem(identityService);
        receiver = TestUsers.ensure(identityService, "it-vluchtelingenwerk-utrecht-system",
                "partner-vluchtelingenwerk-utrecht");
        coa = TestUsers.coa(identityService);
    }

    @Test
    void aTwentyMegabyteDocumentTravelsByClaimCheckOnceAndGoesAfterTheGracePeriod() throws Exception {
        String vNumber = Events.newVNumber();
        String caseId = openCase(vNumber);
        byte[] document = pdf(MAX_BYTES);

        Answer uploaded = upload(vNumber, PDF, document, sender);

        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        JsonNode created = uploaded.json();
        String id = created.get("id").asText();
        assertThat(created.get("size").asLong()).isEqualTo(MAX_BYTES);
        assertThat(created.get("sha256").asText()).isEqualTo(sha256(document));
        assertThat(created.get("mediaType").asText()).isEqualTo(PDF);
        assertThat(uploaded.header("Location")).isEqualTo("/api/attachments/" + id);
        assertThat(row(id)).containsEntry("CASE_ID", caseId).containsEntry("STATUS", "STORED")
                .containsEntry("UPLOADED_BY", sender.userId());

        Path file = store.file(id);
        byte[] onDisk = Files.readAllBytes(file);
        assertThat(onDisk).hasSize((int) AttachmentCipher.encryptedSize(MAX_BYTES));
        assertThat(AttachmentCipherTest.indexOf(onDisk, "Testpersoon dossier".getBytes(StandardCharsets.US_ASCII)))
                .as("plaintext on disk").isEqualTo(-1);
        assertThat(AttachmentCipherTest.indexOf(onDisk, "%PDF-".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);

        JsonNode links = enrich(caseId).get("attachments");
        assertThat(links).hasSize(1);
        JsonNode link = links.get(0);
        assertThat(link.get("id").asText()).isEqualTo(id);
        assertThat(link.get("mediaType").asText()).isEqualTo(PDF);
        assertThat(link.get("size").asLong()).isEqualTo(MAX_BYTES);
        assertThat(link.get("sha256").asText()).isEqualTo(sha256(document));
        Instant expiresAt = Instant.parse(link.get("expiresAt").asText());
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        String href = link.get("href").asText();
        assertThat(href).matches("/api/attachments/" + id + "\\?expires=" + expiresAt.getEpochSecond()
                + "&signature=[A-Za-z0-9_-]{43}");

        Answer bySender = get(href, sender);
        assertThat(bySender.status()).as("the sending partner may not fetch").isEqualTo(403);
        int signatureAt = href.indexOf("signature=") + "signature=".length();
        char first = href.charAt(signatureAt);
        Answer tampered = get(href.substring(0, signatureAt) + (first == 'A' ? 'Q' : 'A') + href.substring(signatureAt + 1),
                receiver);
        assertThat(tampered.status()).as(tampered.toString()).isEqualTo(403);
        assertThat(tampered.isProblem()).isTrue();

        Answer fetched = get(href, receiver);

        assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
        assertThat(fetched.header("Content-Type")).isEqualTo(PDF);
        assertThat(fetched.header("Content-Length")).isEqualTo(String.valueOf(MAX_BYTES));
        assertThat(fetched.header("Cache-Control")).isEqualTo("no-store");
        assertThat(sha256(fetched.body())).isEqualTo(sha256(document));
        assertThat(Arrays.equals(fetched.body(), document)).as("exact bytes").isTrue();
        assertThat(row(id)).containsEntry("STATUS", "FETCHED").containsEntry("FETCHED_BY", receiver.userId());

        Answer again = get(href, receiver);
        assertThat(again.status()).as(again.toString()).isEqualTo(410);
        assertThat(again.isProblem()).isTrue();
        assertThat(enrich(caseId).get("attachments")).as("a fetched document is not offered again").isEmpty();

        await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(file));
        await().atMost(Duration.ofSeconds(5)).until(() -> "PURGED".equals(row(id).get("STATUS")));
        assertThat(row(id)).containsEntry("PURGE_REASON", "DELIVERED")
                .containsEntry("SHA256", sha256(document)).containsEntry("SIZE_BYTES", (long) MAX_BYTES);
        assertThat(get(href, receiver).status()).isEqualTo(410);
    }

    @Test
    void oneByteOverTheLimitIsRefusedAndLeavesNothing() throws Exception {
        String vNumber = Events.newVNumber();
        String caseId = openCase(vNumber);
        byte[] document = pdf(MAX_BYTES + 1);

        Answer declared = upload(vNumber, PDF, document, sender);
        Answer chunked = send(HttpRequest.newBuilder(uri("/api/attachments?subject=" + vNumber))
                .header("Authorization", sender.basicAuthorization())
                .header("Content-Type", PDF)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(document))).build());

        assertThat(declared.status()).as(declared.toString()).isEqualTo(413);
        assertThat(declared.isProblem()).isTrue();
        assertThat(declared.json().get("errors").get(0).get("rule").asText()).isEqualTo("max-bytes");
        assertThat(chunked.status()).as(chunked.toString()).isEqualTo(413);
        assertThat(chunked.json().get("errors").get(0).get("rule").asText()).isEqualTo("max-bytes");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hub_attachment WHERE case_id = ?", Integer.class, caseId))
                .isZero();
        try (var files = Files.list(store.file(UUID.randomUUID().toString()).getParent())) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".part"));
        }
    }

    @Test
    void uploadsAreRefusedByRule() throws Exception {
        String vNumber = Events.newVNumber();
        openCase(vNumber);
        byte[] document = pdf(1000);

        Answer text = upload(vNumber, "text/plain", document, sender);
        assertThat(text.status()).as(text.toString()).isEqualTo(415);
        assertThat(text.json().get("errors").get(0).get("rule").asText()).isEqualTo("accepted-media-type");

        Answer notAPng = upload(vNumber, "image/png", document, sender);
        assertThat(notAPng.status()).as(notAPng.toString()).isEqualTo(415);
        assertThat(notAPng.json().get("errors").get(0).get("rule").asText()).isEqualTo("content-matches-media-type");

        Answer otherPartner = upload(vNumber, PDF, document, coa);
        assertThat(otherPartner.status()).as(otherPartner.toString()).isEqualTo(403);
        assertThat(otherPartner.isProblem()).isTrue();

        Answer caseworker = upload(vNumber, PDF, document, TestUsers.vluchtelingenwerkCaseworker(identityService));
        assertThat(caseworker.status()).as("not a partner at all").isEqualTo(403);

        Answer badSubject = upload("12345", PDF, document, sender);
        assertThat(badSubject.status()).as(badSubject.toString()).isEqualTo(400);
        assertThat(badSubject.json().get("errors").get(0).get("rule").asText()).isEqualTo("v-number-or-bsn");

        String unknownVNumber = Events.newVNumber();
        Answer unknown = upload(unknownVNumber, PDF, document, sender);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("rule").asText()).isEqualTo("known-person");
        assertThat(unknown.text()).as("never echoes the subject").doesNotContain(unknownVNumber);

        Answer empty = upload(vNumber, PDF, new byte[0], sender);
        assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
        assertThat(empty.json().get("errors").get(0).get("rule").asText()).isEqualTo("not-empty");
    }

    @Test
    void aLinkIsRefusedWhenExpiredOrIncomplete() throws Exception {
        String vNumber = Events.newVNumber();
        openCase(vNumber);
        Answer uploaded = upload(vNumber, "image/png", png(5000), sender);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String id = uploaded.json().get("id").asText();
        long past = Instant.now().minusSeconds(1).getEpochSecond();

        Answer expired = get("/api/attachments/" + id + "?expires=" + past + "&signature=" + signer.sign(id, past),
                receiver);
        Answer unsigned = get("/api/attachments/" + id, receiver);

        assertThat(expired.status()).as(expired.toString()).isEqualTo(403);
        assertThat(expired.json().get("title").asText()).isEqualTo("Link expired");
        assertThat(unsigned.status()).as(unsigned.toString()).isEqualTo(400);
        assertThat(row(id)).containsEntry("STATUS", "STORED");
    }

    @Test
    void aDocumentNeverFetchedIsPurgedAfterTheMaximumRetention() throws Exception {
        String vNumber = Events.newVNumber();
        String caseId = openCase(vNumber);
        Answer uploaded = upload(vNumber, "image/png", png(5000), sender);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String id = uploaded.json().get("id").asText();
        String href = enrich(caseId).get("attachments").get(0).get("href").asText();

        purge.purge(Instant.now().plus(Duration.ofDays(89)));
        assertThat(row(id)).as("within the retention").containsEntry("STATUS", "STORED");
        purge.purge(Instant.now().plus(Duration.ofDays(90)).plusSeconds(60));

        assertThat(store.file(id)).doesNotExist();
        assertThat(row(id)).containsEntry("STATUS", "PURGED").containsEntry("PURGE_REASON", "NEVER_FETCHED");
        assertThat(get(href, receiver).status()).isEqualTo(410);
        assertThat(enrich(caseId).get("attachments")).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------

    private String openCase(String vNumber) {
        Response accepted = hub.postEvent(Events.intake(vNumber), coa);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        return await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList("""
                        SELECT c.case_id FROM hub_case c JOIN hub_person p ON p.id = c.main_person_id
                        WHERE p.v_number = ?""", String.class, vNumber).stream()
                        .filter(caseId -> runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                                .count() > 0)
                        .findFirst().orElse(null),
                caseId -> caseId != null);
    }

    private ObjectNode enrich(String caseId) {
        ObjectNode data = JSON.createObjectNode();
        enrichers.stream().filter(enricher -> enricher.appliesTo(TRANSFER))
                .forEach(enricher -> enricher.enrich(TRANSFER, caseId, data));
        return data;
    }

    private Map<String, Object> row(String id) {
        Map<String, Object> row = new HashMap<>();
        jdbc.queryForMap("SELECT * FROM hub_attachment WHERE id = ?", id)
                .forEach((column, value) -> row.put(column.toUpperCase(Locale.ROOT), value));
        return row;
    }

    private Answer upload(String subject, String contentType, byte[] body, Credentials credentials) {
        return send(HttpRequest.newBuilder(uri("/api/attachments?subject=" + URLEncoder.encode(subject, StandardCharsets.UTF_8)))
                .header("Authorization", credentials.basicAuthorization())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private Answer get(String href, Credentials credentials) {
        return send(HttpRequest.newBuilder(uri(href)).header("Authorization", credentials.basicAuthorization())
                .GET().build());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port).resolve(pathAndQuery);
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri().getPath() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A fake PDF: the signature, then a recognisable fake text and random bytes, exactly {@code size} bytes. */
    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        byte[] text = "%PDF-1.7\n Testpersoon dossier (fake) ".repeat(64).getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at < size; at += 4096) {
            System.arraycopy(text, 0, bytes, at, Math.min(text.length, size - at));
        }
        return bytes;
    }

    private static byte[] png(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }

        boolean isProblem() {
            String type = header("Content-Type");
            return type != null && type.startsWith("application/problem+json");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + header("Content-Type") + " " + (body.length > 2000 ? body.length + " bytes" : text());
        }
    }
}
