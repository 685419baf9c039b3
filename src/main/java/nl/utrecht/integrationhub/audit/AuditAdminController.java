package nl.utrecht.integrationhub.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.utrecht.integrationhub.audit.AuditLog.Access;
import nl.utrecht.integrationhub.audit.AuditLog.Action;
import nl.utrecht.integrationhub.audit.AuditLog.Entry;
import nl.utrecht.integrationhub.audit.AuditLog.Outcome;
import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.inbound.PersonIdentifiers;
import nl.utrecht.integrationhub.platform.security.HubPrincipal;
import nl.utrecht.integrationhub.platform.web.ApiProblems;

/**
 * For administrators (the API filter admits only them under /api/admin): the audit log of one person,
 * searched by V-number or BSN (pseudonymised here, as the log holds it), and its export for the
 * person's access request (inzageverzoek). Both are themselves processing of the person's data and
 * write an entry.
 */
@RestController
@RequestMapping("/api/admin/audit")
class AuditAdminController {

    static final String INSTANCE = "/api/admin/audit";
    static final String EXPORT = "/api/admin/audit/export";
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    /** The export holds every entry of the person; this only guards the hub's memory. */
    static final int EXPORT_LIMIT = 1_000_000;
    private static final ZoneId UTRECHT = ZoneId.of("Europe/Amsterdam");
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final List<String> CSV_COLUMNS = List.of("id", "occurred_at", "actor", "actor_kind", "on_behalf_of",
            "action", "person_pseudonym", "processing_activity", "resource", "outcome", "trace_id");

    record Export(Instant generatedAt, Set<String> pseudonyms, int count, List<Entry> entries) {
    }

    private record Period(Instant from, Instant to) {
    }

    private final AuditLog audit;
    private final CaseRegister register;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AuditAdminController(AuditLog audit, CaseRegister register, TransactionTemplate transaction, Clock clock) {
        this.audit = audit;
        this.register = register;
        this.transaction = transaction;
        this.clock = clock;
    }

    @GetMapping
    ResponseEntity<?> search(@RequestParam(name = "person", required = false) String person,
                             @RequestParam(name = "from", required = false) String from,
                             @RequestParam(name = "to", required = false) String to,
                             @RequestParam(name = "limit", required = false) Integer limit,
                             HttpServletRequest request) {
        ResponseEntity<?> invalid = validate(INSTANCE, person, from, to);
        if (invalid != null) {
            return invalid;
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            return ApiProblems.invalidQuery(INSTANCE, "limit", "range",
                    "limit is between 1 and " + MAX_LIMIT + ".");
        }
        Period period = period(from, to);
        List<Entry> entries = transaction.execute(status -> {
            List<Entry> found = audit.find(audit.pseudonymsOf(person), period.from(), period.to(),
                    limit == null ? DEFAULT_LIMIT : limit);
            recordOwnAccess(request, person, ProcessingActivities.AUDIT, "audit:query");
            return found;
        });
        return ResponseEntity.ok(entries);
    }

    /**
     * Every entry of the person in the period, as JSON (default) or CSV ({@code format=csv} or
     * {@code Accept: text/csv}). The export's own entry is written first, so the export shows it.
     */
    @GetMapping("/export")
    ResponseEntity<?> export(@RequestParam(name = "person", required = false) String person,
                             @RequestParam(name = "from", required = false) String from,
                             @RequestParam(name = "to", required = false) String to,
                             @RequestParam(name = "format", required = false) String format,
                             HttpServletRequest request) {
        ResponseEntity<?> invalid = validate(EXPORT, person, from, to);
        if (invalid != null) {
            return invalid;
        }
        boolean csv;
        if (format == null) {
            String accept = request.getHeader(HttpHeaders.ACCEPT);
            csv = accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
        } else if ("csv".equalsIgnoreCase(format) || "json".equalsIgnoreCase(format)) {
            csv = "csv".equalsIgnoreCase(format);
        } else {
            return ApiProblems.invalidQuery(EXPORT, "format", "one-of", "format is json or csv.");
        }
        Period period = period(from, to);
        Set<String> pseudonyms = audit.pseudonymsOf(person);
        List<Entry> entries = transaction.execute(status -> {
            recordOwnAccess(request, person, ProcessingActivities.ACCESS_REQUEST, "audit:export");
            return audit.find(pseudonyms, period.from(), period.to(), EXPORT_LIMIT);
        });
        if (csv) {
            return ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-export.csv\"")
                    .body(toCsv(entries));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(new Export(clock.instant(), pseudonyms, entries.size(), entries));
    }

    private void recordOwnAccess(HttpServletRequest request, String person, String activity, String resource) {
        HubPrincipal principal = HubPrincipal.of(request);
        String identifier = register.findBySubject(person).map(AuditLog::identifierOf).orElse(person);
        audit.record(new Access(audit.actor(principal.userId(), principal.groups()), Action.READ, activity, resource,
                Outcome.SUCCESS, TraceIds.of(request)), List.of(identifier));
    }

    private static ResponseEntity<?> validate(String instance, String person, String from, String to) {
        if (person == null || !(PersonIdentifiers.isVNumber(person) || PersonIdentifiers.isBsn(person))) {
            return ApiProblems.invalidQuery(instance, "person", person == null ? "required" : "v-number-or-bsn",
                    "The query parameter person must be a V-number (10 digits) or a BSN (9 digits, 11-test).");
        }
        for (Map.Entry<String, String> bound : Map.of("from", from == null ? "" : from, "to", to == null ? "" : to)
                .entrySet()) {
            if (!bound.getValue().isEmpty() && parse(bound.getValue(), false) == null) {
                return ApiProblems.invalidQuery(instance, bound.getKey(), "iso-8601",
                        bound.getKey() + " is a date (2026-03-01) or a time (2026-03-01T09:00:00Z).");
            }
        }
        return null;
    }

    /** A date is a whole day in Utrecht: from its start, to (inclusive) its end. */
    private static Period period(String from, String to) {
        return new Period(from == null || from.isEmpty() ? null : parse(from, false),
                to == null || to.isEmpty() ? null : parse(to, true));
    }

    private static Instant parse(String value, boolean endOfDay) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate date = LocalDate.parse(value);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(UTRECHT).toInstant();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    static String toCsv(List<Entry> entries) {
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (Entry entry : entries) {
            csv.append(List.of(String.valueOf(entry.id()), entry.occurredAt().toString(), entry.actor(),
                    entry.actorKind(), nullToEmpty(entry.onBehalfOf()), entry.action(), entry.personPseudonym(),
                    entry.processingActivity(), entry.resource(), entry.outcome(), nullToEmpty(entry.traceId()))
                    .stream().map(AuditAdminController::csvField).collect(Collectors.joining(","))).append("\r\n");
        }
        return csv.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet does not run it. */
    private static String csvField(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
