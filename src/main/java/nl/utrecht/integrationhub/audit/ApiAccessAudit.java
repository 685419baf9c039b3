package nl.utrecht.integrationhub.audit;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

import nl.utrecht.integrationhub.audit.AuditLog.Access;
import nl.utrecht.integrationhub.audit.AuditLog.Action;
import nl.utrecht.integrationhub.audit.AuditLog.Actor;
import nl.utrecht.integrationhub.audit.AuditLog.Outcome;
import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.cases.CaseRegister.Person;
import nl.utrecht.integrationhub.inbound.PersonIdentifiers;
import nl.utrecht.integrationhub.platform.security.HubPrincipal;

/**
 * Dossier access through the hub's API, in the audit log: a caseworker's lookup of a person's cases
 * ({@code GET /api/cases?subject=}: READ, one entry per case found), a partner's download of a dossier's
 * document ({@code GET /api/attachments/{id}}: READ, for every person of the document's case) and its
 * upload ({@code POST /api/attachments?subject=}: CREATE). Runs after the API's authentication filter,
 * so the caller is known; the outcome follows the answer's status. A request that names no known
 * person (a V-number the register does not know, an attachment id that does not exist) concerns nobody
 * and writes nothing.
 */
class ApiAccessAudit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiAccessAudit.class);
    private static final Pattern ATTACHMENT = Pattern.compile("/api/attachments/([0-9a-fA-F-]{1,36})");
    private static final Pattern CREATED_ATTACHMENT = Pattern.compile(".*/api/attachments/([0-9a-fA-F-]{1,36})");

    private final AuditLog audit;
    private final CaseRegister register;
    private final ProcessingActivities activities;
    private final JdbcTemplate jdbc;

    ApiAccessAudit(AuditLog audit, CaseRegister register, ProcessingActivities activities, JdbcTemplate jdbc) {
        this.audit = audit;
        this.register = register;
        this.activities = activities;
        this.jdbc = jdbc;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        if (request.getAttribute(HubPrincipal.class.getName()) == null) {
            return; // not authenticated or not admitted: the authentication filter answered, nothing was read
        }
        try {
            record(request, response);
        } catch (RuntimeException e) {
            // The answer is out already; an entry that cannot be written is an operator's problem, loudly.
            log.error("Could not write the audit entry of {} {} ({})", request.getMethod(), request.getRequestURI(),
                    e.getClass().getName());
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        HubPrincipal principal = HubPrincipal.of(request);
        Actor actor = audit.actor(principal.userId(), principal.groups());
        String activity = activities.ofGroups(principal.groups());
        Outcome outcome = Outcome.ofHttpStatus(response.getStatus());
        String trace = TraceIds.of(request);

        if ("GET".equals(method) && (path.equals("/api/cases") || path.equals("/api/cases/"))) {
            Person person = knownPerson(request.getParameter("subject"));
            if (person == null) {
                return;
            }
            List<CaseRegister.Case> cases = register.casesOf(person);
            if (cases.isEmpty()) {
                audit.recordPersons(new Access(actor, Action.READ, activity, "person:cases", outcome, trace),
                        List.of(person));
            }
            cases.forEach(c -> audit.recordPersons(
                    new Access(actor, Action.READ, activity, "case:" + c.caseId(), outcome, trace), List.of(person)));
            return;
        }
        Matcher attachment = ATTACHMENT.matcher(path);
        if ("GET".equals(method) && attachment.matches()) {
            String id = attachment.group(1);
            caseOfAttachment(id).ifPresent(caseId -> audit.recordForCase(
                    new Access(actor, Action.READ, activity, "attachment:" + id, outcome, trace), caseId));
            return;
        }
        if ("POST".equals(method) && (path.equals("/api/attachments") || path.equals("/api/attachments/"))) {
            Person person = knownPerson(request.getParameter("subject"));
            if (person == null) {
                return;
            }
            String location = response.getHeader(HttpHeaders.LOCATION);
            Matcher created = location == null ? null : CREATED_ATTACHMENT.matcher(location);
            String resource = created != null && created.matches() ? "attachment:" + created.group(1)
                    : "attachment:not-stored";
            audit.recordPersons(new Access(actor, Action.CREATE, activity, resource, outcome, trace), List.of(person));
        }
    }

    private Person knownPerson(String subject) {
        if (!(PersonIdentifiers.isVNumber(subject) || PersonIdentifiers.isBsn(subject))) {
            return null;
        }
        return register.findBySubject(subject).orElse(null);
    }

    private java.util.Optional<String> caseOfAttachment(String id) {
        return jdbc.queryForList("SELECT case_id FROM hub_attachment WHERE id = ?", String.class, id).stream()
                .findFirst();
    }
}
