package nl.utrecht.integrationhub.attachments;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.utrecht.integrationhub.attachments.AttachmentRepository.Attachment;
import nl.utrecht.integrationhub.attachments.AttachmentRepository.Status;
import nl.utrecht.integrationhub.attachments.AttachmentStore.Stored;
import nl.utrecht.integrationhub.attachments.AttachmentStore.TooLargeException;
import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.cases.CaseRegister.Person;
import nl.utrecht.integrationhub.inbound.PersonIdentifiers;
import nl.utrecht.integrationhub.platform.camunda.ProcessCorrelator;
import nl.utrecht.integrationhub.platform.security.HubPrincipal;

/**
 * A dossier's documents by claim-check: {@code POST /api/attachments?subject=} stores a document for
 * the person's open case (the sending partner), {@code GET /api/attachments/{id}?expires=&signature=}
 * hands it out once over the signed link an outbound message carried (the receiving partner).
 * Refusals are RFC 9457 problem details, as everywhere in the hub's API; none echoes a value sent.
 */
@RestController
@RequestMapping("/api/attachments")
class AttachmentsController {

    private static final Logger log = LoggerFactory.getLogger(AttachmentsController.class);
    private static final String INSTANCE = "/api/attachments";
    private static final int STREAM_BUFFER = 64 * 1024;

    record Uploaded(String id, long size, String sha256, String mediaType) {
    }

    private final AttachmentStore store;
    private final AttachmentRepository repository;
    private final LinkSigner signer;
    private final AttachmentProperties properties;
    private final CaseRegister register;
    private final ProcessCorrelator processes;
    private final Clock clock;

    AttachmentsController(AttachmentStore store, AttachmentRepository repository, LinkSigner signer,
                          AttachmentProperties properties, CaseRegister register, ProcessCorrelator processes,
                          Clock clock) {
        this.store = store;
        this.repository = repository;
        this.signer = signer;
        this.properties = properties;
        this.register = register;
        this.processes = processes;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<?> upload(HttpServletRequest request) throws IOException {
        HubPrincipal principal = HubPrincipal.of(request);
        if (!principal.inAnyOf(properties.uploaderGroups())) {
            return problem(HttpStatus.FORBIDDEN, "Forbidden", "Your organisation may not upload a dossier's documents.",
                    List.of());
        }
        // The media type and the size before anything else: the query string is read only once the
        // body is known not to be a form (a form body would be parsed for parameters).
        String mediaType = mediaType(request.getContentType());
        if (mediaType == null || !properties.mediaTypes().contains(mediaType)) {
            ProblemDetail problem = problemDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Send the document as its raw bytes with one of the accepted Content-Types.",
                    List.of(Map.of("header", "Content-Type", "rule", "accepted-media-type")));
            problem.setProperty("accepted", properties.mediaTypes());
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(problem);
        }
        long maxBytes = properties.maxBytes().toBytes();
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            if (declared <= 2 * maxBytes) {
                discardRest(request.getInputStream(), declared);
            }
            return tooLarge(maxBytes);
        }
        String subject = request.getParameter("subject");
        if (subject == null || !(PersonIdentifiers.isVNumber(subject) || PersonIdentifiers.isBsn(subject))) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid query",
                    "The query parameter subject must be a V-number (10 digits) or a BSN (9 digits, 11-test).",
                    List.of(Map.of("parameter", "subject", "rule", subject == null ? "required" : "v-number-or-bsn")));
        }
        Optional<Person> person = register.findBySubject(subject);
        if (person.isEmpty()) {
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown person",
                    "The hub knows no person by this subject; a document belongs to a known person's case.",
                    List.of(Map.of("parameter", "subject", "rule", "known-person")));
        }
        Optional<String> caseId = register.casesOf(person.get()).stream().findFirst()
                .map(CaseRegister.Case::caseId).filter(processes::isRunning);
        if (caseId.isEmpty()) {
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, "No open case",
                    "The person has no open case to attach a document to.",
                    List.of(Map.of("parameter", "subject", "rule", "open-case")));
        }

        InputStream body = new BufferedInputStream(request.getInputStream(), STREAM_BUFFER);
        body.mark(ContentSignatures.LONGEST);
        byte[] head = body.readNBytes(ContentSignatures.LONGEST);
        body.reset();
        if (head.length == 0) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid document", "The body is empty.",
                    List.of(Map.of("pointer", "", "rule", "not-empty")));
        }
        if (!ContentSignatures.matches(mediaType, head)) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "The content does not start as a document of its Content-Type does.",
                    List.of(Map.of("header", "Content-Type", "rule", "content-matches-media-type")));
        }
        Stored stored;
        try {
            stored = store.store(caseId.get(), mediaType, body, maxBytes, principal.userId());
        } catch (TooLargeException e) {
            discardRest(body, maxBytes);
            return tooLarge(maxBytes);
        }
        log.info("Attachment {} ({}, {} bytes) stored for case {} by {}", stored.id(), stored.mediaType(),
                stored.size(), stored.caseId(), principal.userId());
        return ResponseEntity.created(URI.create(INSTANCE + "/" + stored.id()))
                .body(new Uploaded(stored.id(), stored.size(), stored.sha256(), stored.mediaType()));
    }

    /**
     * Streams the decrypted document once. Marked fetched only after the last byte was handed to the
     * connection; an interrupted fetch can be repeated while the link is valid.
     */
    @GetMapping("/{id}")
    ResponseEntity<?> fetch(@PathVariable("id") String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        HubPrincipal principal = HubPrincipal.of(request);
        if (!principal.inAnyOf(properties.receiverGroups())) {
            return problem(HttpStatus.FORBIDDEN, "Forbidden", "Your organisation may not fetch a dossier's documents.",
                    List.of());
        }
        String expires = request.getParameter("expires");
        String signature = request.getParameter("signature");
        if (expires == null || signature == null) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid query",
                    "Use the link from the message as it is: it carries expires and signature.",
                    List.of(Map.of("parameter", expires == null ? "expires" : "signature", "rule", "required")));
        }
        long expiresEpochSecond;
        try {
            expiresEpochSecond = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid query", "expires is a time in seconds since the epoch.",
                    List.of(Map.of("parameter", "expires", "rule", "epoch-seconds")));
        }
        switch (signer.verify(id, expiresEpochSecond, signature, clock.instant())) {
            case BAD_SIGNATURE:
                return problem(HttpStatus.FORBIDDEN, "Invalid link", "The link's signature does not match.",
                        List.of(Map.of("parameter", "signature", "rule", "valid-signature")));
            case EXPIRED:
                return problem(HttpStatus.FORBIDDEN, "Link expired",
                        "The link has expired; a resent message carries a new one.",
                        List.of(Map.of("parameter", "expires", "rule", "not-expired")));
            default:
                break;
        }
        Optional<Attachment> found = repository.find(id);
        if (found.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "Not found", "There is no such attachment.", List.of());
        }
        Attachment attachment = found.get();
        if (attachment.status() != Status.STORED) {
            return problem(HttpStatus.GONE, "Gone", attachment.status() == Status.FETCHED
                    ? "The document was fetched once already; it is not handed out again."
                    : "The document's content was deleted after its retention period.", List.of());
        }
        try {
            store.verify(attachment);
        } catch (AttachmentCipher.TamperedException e) {
            log.error("Attachment {} does not authenticate ({}); it is not handed out", id, e.getMessage());
            return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Document damaged",
                    "The stored document failed its integrity check; ask the sender to upload it again.", List.of());
        }

        response.setStatus(HttpStatus.OK.value());
        response.setContentType(attachment.mediaType());
        response.setContentLengthLong(attachment.size());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Repr-Digest", "sha-256=:" + Base64.getEncoder()
                .encodeToString(HexFormat.of().parseHex(attachment.sha256())) + ":");
        if ("HEAD".equals(request.getMethod())) {
            return null; // headers only; not a fetch
        }
        try {
            store.decrypt(attachment, response.getOutputStream());
            response.flushBuffer();
        } catch (ClientAbortException e) {
            log.info("Fetch of attachment {} by {} was interrupted; it can be fetched again", id, principal.userId());
            return null;
        }
        if (repository.markFetched(id, principal.userId(), clock.instant())) {
            log.info("Attachment {} of case {} fetched by {}", id, attachment.caseId(), principal.userId());
        }
        return null;
    }

    /**
     * Reads and drops what is left of a refused body, at most {@code limit} bytes (no more than the
     * limit again), so that a client still sending reads the 413 instead of a reset connection: Tomcat
     * itself swallows only 2 MB of an unread body before closing the connection. A larger body is cut.
     */
    private static void discardRest(InputStream in, long limit) {
        byte[] buffer = new byte[STREAM_BUFFER];
        long left = limit;
        try {
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
                left -= n;
            }
        } catch (IOException e) {
            log.debug("Client went away while its refused body was discarded");
        }
    }

    private static ResponseEntity<ProblemDetail> tooLarge(long maxBytes) {
        ProblemDetail problem = problemDetail(HttpStatus.PAYLOAD_TOO_LARGE, "Content too large",
                "A document may be at most " + maxBytes + " bytes.",
                List.of(Map.of("pointer", "", "rule", "max-bytes")));
        problem.setProperty("maxBytes", maxBytes);
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
                                                         List<Map<String, String>> errors) {
        return ResponseEntity.status(status).body(problemDetail(status, title, detail, errors));
    }

    private static ProblemDetail problemDetail(HttpStatus status, String title, String detail,
                                               List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(INSTANCE));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    private static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The first bytes each known document type starts with; a type not listed here is not checked. */
    static final class ContentSignatures {
        static final int LONGEST = 8;
        private static final byte[] ZIP = {'P', 'K', 3, 4};
        private static final Map<String, byte[]> SIGNATURES = new LinkedHashMap<>();

        static {
            SIGNATURES.put("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'});
            SIGNATURES.put("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
            SIGNATURES.put("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            SIGNATURES.put("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP);
            SIGNATURES.put("application/vnd.oasis.opendocument.text", ZIP);
        }

        private ContentSignatures() {
        }

        static boolean matches(String mediaType, byte[] head) {
            byte[] signature = SIGNATURES.get(mediaType);
            return signature == null || head.length >= signature.length
                    && Arrays.equals(head, 0, signature.length, signature, 0, signature.length);
        }
    }
}
