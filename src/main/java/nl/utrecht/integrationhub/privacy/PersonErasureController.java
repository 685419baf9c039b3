package nl.utrecht.integrationhub.privacy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.utrecht.integrationhub.audit.AuditLog;
import nl.utrecht.integrationhub.audit.TraceIds;
import nl.utrecht.integrationhub.inbound.PersonIdentifiers;
import nl.utrecht.integrationhub.platform.security.HubPrincipal;
import nl.utrecht.integrationhub.platform.web.ApiProblems;

/**
 * For administrators (the API filter admits only them under /api/admin): erasure of a person's data on
 * request. The body names the person by V-number or BSN (exactly one) and the request's reference in
 * the municipality's records; never free text, which attracts personal data.
 */
@RestController
@RequestMapping("/api/admin/persons")
class PersonErasureController {

    static final String INSTANCE = "/api/admin/persons/erase";
    /** A registration number such as AVG-2026-0042: letters, digits and . _ : / - only. */
    static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

    private final PersonErasure erasure;
    private final AuditLog audit;

    PersonErasureController(PersonErasure erasure, AuditLog audit) {
        this.erasure = erasure;
        this.audit = audit;
    }

    @PostMapping(path = "/erase", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> erase(@RequestBody(required = false) JsonNode body, HttpServletRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            errors.add(Map.of("pointer", "", "rule", "object"));
            return invalid(errors);
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!List.of("vNumber", "bsn", "reason").contains(name)) {
                errors.add(Map.of("pointer", "/" + name, "rule", "not-allowed"));
            }
        });
        JsonNode vNumber = body.get("vNumber");
        JsonNode bsn = body.get("bsn");
        JsonNode reason = body.get("reason");
        if ((vNumber == null) == (bsn == null)) {
            errors.add(Map.of("pointer", "", "rule", "one-of-vNumber-bsn"));
        } else if (vNumber != null && !(vNumber.isTextual() && PersonIdentifiers.isVNumber(vNumber.asText()))) {
            errors.add(Map.of("pointer", "/vNumber", "rule", "v-number"));
        } else if (bsn != null && !(bsn.isTextual() && PersonIdentifiers.isBsn(bsn.asText()))) {
            errors.add(Map.of("pointer", "/bsn", "rule", "bsn-eleven-test"));
        }
        if (reason == null) {
            errors.add(Map.of("pointer", "/reason", "rule", "required"));
        } else if (!reason.isTextual() || !REFERENCE.matcher(reason.asText()).matches()) {
            errors.add(Map.of("pointer", "/reason", "rule", "reference"));
        }
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        String identifier = vNumber != null ? vNumber.asText() : bsn.asText();
        HubPrincipal principal = HubPrincipal.of(request);
        Optional<PersonErasure.Report> report;
        try {
            report = erasure.erase(identifier, reason.asText(), audit.actor(principal.userId(), principal.groups()),
                    TraceIds.of(request));
        } catch (PersonErasure.OpenCaseworkException open) {
            return ApiProblems.of(HttpStatus.CONFLICT, "Open casework", open.getMessage(), INSTANCE);
        }
        if (report.isEmpty()) {
            return ApiProblems.of(HttpStatus.NOT_FOUND, "Unknown person",
                    "The register knows no person by this identifier (or it was erased before).", INSTANCE);
        }
        return ResponseEntity.ok(report.get());
    }

    private static ResponseEntity<ProblemDetail> invalid(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.size() + " rule(s) broken; see errors");
        problem.setTitle("Invalid request");
        problem.setInstance(URI.create(INSTANCE));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
