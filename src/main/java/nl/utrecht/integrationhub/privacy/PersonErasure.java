package nl.utrecht.integrationhub.privacy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import nl.utrecht.integrationhub.attachments.AttachmentErasure;
import nl.utrecht.integrationhub.audit.AuditLog;
import nl.utrecht.integrationhub.audit.AuditLog.Access;
import nl.utrecht.integrationhub.audit.AuditLog.Action;
import nl.utrecht.integrationhub.audit.AuditLog.Actor;
import nl.utrecht.integrationhub.audit.AuditLog.Outcome;
import nl.utrecht.integrationhub.audit.ProcessingActivities;
import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.cases.CaseRegister.Person;

/**
 * Erases a person's data on request (AVG art. 17) where the law allows it: only when none of the
 * person's cases is still open and no message about the person is still to be handled (an outbound
 * message pending, an inbound event received and not yet applied; docs/security.md, "Privacy"). An event
 * parked for the person is given up (FAILED, "erased on request"). In one transaction:
 * <ul>
 *   <li>the register row loses the V-number, BSN and birth date; the row itself stays as an anonymous
 *       stub, so the cases of the other household members keep their structure;</li>
 *   <li>the engine history of every case the person was in (the route and every phase it called, all
 *       ACT_HI_* rows) is deleted: the engine cannot separate it per person;</li>
 *   <li>the payloads of the inbound events and outbound messages of those cases, or naming the person,
 *       are replaced by an empty object (the rows stay: they prove what was received and sent once);</li>
 *   <li>the documents of those cases lose their content (the encrypted file, after commit);</li>
 *   <li>an ERASE entry in the audit log says what was erased, in counts, never values.</li>
 * </ul>
 * The audit log itself is not touched: it holds pseudonyms only and is the proof of the erasure.
 */
@Service
public class PersonErasure {

    /** What a payload becomes once erased. */
    static final String ERASED_PAYLOAD = "{\"erased\":true}";

    /** What was erased, in counts. */
    public record Report(String person, int cases, int historicProcessInstances, int inboundPayloads,
                         int outboundPayloads, int attachments) {
        String summary() {
            return "cases=" + cases + ";history=" + historicProcessInstances + ";inbox=" + inboundPayloads
                    + ";outbox=" + outboundPayloads + ";attachments=" + attachments;
        }
    }

    /** The person still has open casework: what is open, in counts. */
    public static final class OpenCaseworkException extends RuntimeException {
        OpenCaseworkException(int openCases, int messagesInFlight) {
            super("the person has " + openCases + " open case(s) and " + messagesInFlight
                    + " message(s) not yet handled; open casework may not be erased");
        }
    }

    private final CaseRegister register;
    private final JdbcTemplate jdbc;
    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final AttachmentErasure attachments;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    PersonErasure(CaseRegister register, JdbcTemplate jdbc, RuntimeService runtimeService,
                  HistoryService historyService, AttachmentErasure attachments, AuditLog audit,
                  TransactionTemplate transaction) {
        this.register = register;
        this.jdbc = jdbc;
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.attachments = attachments;
        this.audit = audit;
        this.transaction = transaction;
    }

    /**
     * Erases the person known by this V-number or BSN; empty when the register does not know it.
     *
     * @param requestReference the erasure request's reference in the municipality's records
     * @throws OpenCaseworkException when a case of the person still runs or a message about it waits
     */
    public Optional<Report> erase(String identifier, String requestReference, Actor actor, String traceId) {
        return Optional.ofNullable(transaction.execute(status -> {
            Optional<Person> found = register.findBySubject(identifier);
            if (found.isEmpty()) {
                return null;
            }
            Person person = found.get();
            Set<String> caseIds = caseIdsOf(person);
            List<String> identifiers = identifiersOf(person);
            int openCases = 0;
            for (String caseId : caseIds) {
                openCases += runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseId).count() > 0
                        ? 1 : 0;
            }
            int inFlight = count("SELECT COUNT(*) FROM hub_outbox WHERE status = 'PENDING' AND "
                    + concerning(caseIds, identifiers), caseIds, identifiers)
                    + count("SELECT COUNT(*) FROM hub_inbox WHERE status = 'RECEIVED' AND "
                    + concerning(caseIds, identifiers), caseIds, identifiers);
            if (openCases > 0 || inFlight > 0) {
                throw new OpenCaseworkException(openCases, inFlight);
            }

            List<String> historic = new ArrayList<>();
            for (String caseId : caseIds) {
                historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId).list()
                        .stream().map(HistoricProcessInstance::getId).forEach(historic::add);
            }
            if (!historic.isEmpty()) {
                historyService.deleteHistoricProcessInstancesIfExists(historic);
            }
            // An event parked for the person (one that came after the case ended waits forever) is given up.
            update("UPDATE hub_inbox SET status = 'FAILED', last_error = 'erased on request' WHERE status = 'PARKED' AND "
                    + concerning(caseIds, identifiers), caseIds, identifiers);
            int inbox = update("UPDATE hub_inbox SET payload = '" + ERASED_PAYLOAD + "' WHERE payload <> '"
                    + ERASED_PAYLOAD + "' AND " + concerning(caseIds, identifiers), caseIds, identifiers);
            int outbox = update("UPDATE hub_outbox SET payload = '" + ERASED_PAYLOAD + "' WHERE payload <> '"
                    + ERASED_PAYLOAD + "' AND " + concerning(caseIds, identifiers), caseIds, identifiers);
            int documents = attachments.eraseContentOf(caseIds);
            Report report = new Report(person.reference(), caseIds.size(), historic.size(), inbox, outbox,
                    documents);

            // The entry first, while the register still knows the identifier it is filed under.
            audit.record(new Access(actor, Action.ERASE, ProcessingActivities.ERASURE_REQUEST,
                    "erasure:" + requestReference + ";" + report.summary(), Outcome.SUCCESS, traceId), identifiers);
            jdbc.update("UPDATE hub_person SET v_number = NULL, bsn = NULL, birth_date = NULL WHERE id = ?",
                    person.id());
            return report;
        }));
    }

    private Set<String> caseIdsOf(Person person) {
        Set<String> caseIds = new LinkedHashSet<>(jdbc.queryForList(
                "SELECT case_id FROM hub_case WHERE main_person_id = ? AND case_id IS NOT NULL", String.class,
                person.id()));
        register.casesOf(person).stream().map(CaseRegister.Case::caseId).forEach(caseIds::add);
        return caseIds;
    }

    private static List<String> identifiersOf(Person person) {
        List<String> identifiers = new ArrayList<>();
        if (person.vNumber() != null) {
            identifiers.add(person.vNumber());
        }
        if (person.bsn() != null) {
            identifiers.add(person.bsn());
        }
        return identifiers;
    }

    /** Rows of these cases, or whose payload names one of the identifiers as a JSON string. */
    private static String concerning(Set<String> caseIds, List<String> identifiers) {
        List<String> conditions = new ArrayList<>();
        if (!caseIds.isEmpty()) {
            conditions.add("case_id IN (" + String.join(", ", caseIds.stream().map(id -> "?").toList()) + ")");
        }
        identifiers.forEach(id -> conditions.add("payload LIKE ?"));
        return conditions.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", conditions) + ")";
    }

    private static Object[] arguments(Set<String> caseIds, List<String> identifiers) {
        List<Object> arguments = new ArrayList<>(caseIds);
        identifiers.forEach(id -> arguments.add("%\"" + id + "\"%"));
        return arguments.toArray();
    }

    private int count(String sql, Set<String> caseIds, List<String> identifiers) {
        Integer count = jdbc.queryForObject(sql, Integer.class, arguments(caseIds, identifiers));
        return count == null ? 0 : count;
    }

    private int update(String sql, Set<String> caseIds, List<String> identifiers) {
        return jdbc.update(sql, arguments(caseIds, identifiers));
    }
}
