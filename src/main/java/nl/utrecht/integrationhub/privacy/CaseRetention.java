package nl.utrecht.integrationhub.privacy;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import nl.utrecht.integrationhub.attachments.AttachmentErasure;
import nl.utrecht.integrationhub.audit.AuditLog;
import nl.utrecht.integrationhub.audit.AuditLog.Access;
import nl.utrecht.integrationhub.audit.AuditLog.Action;
import nl.utrecht.integrationhub.audit.AuditLog.Outcome;
import nl.utrecht.integrationhub.audit.ProcessingActivities;
import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.cases.CaseRegister.Person;

/**
 * The hub's own tables follow the engine's history time-to-live: once the engine's history cleanup has
 * removed a finished case's history (its route's time-to-live after it ended), the case's inbound and
 * outbound payloads are replaced by an empty object, its documents lose their content, and a person
 * whose every case is gone so loses the V-number, BSN and birth date in the register. The rows
 * themselves stay (opaque ids, types, times: proof of what was received and sent once); so does the
 * message log, which holds no personal data. Runs every night after the engine's cleanup window.
 */
@Component
class CaseRetention {

    private static final Logger log = LoggerFactory.getLogger(CaseRetention.class);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final CaseRegister register;
    private final AttachmentErasure attachments;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    CaseRetention(JdbcTemplate jdbc, CaseRegister register, AttachmentErasure attachments, AuditLog audit,
                  TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.register = register;
        this.attachments = attachments;
        this.audit = audit;
        this.transaction = transaction;
    }

    @Scheduled(cron = "${hub.retention.cron:0 30 5 * * *}")
    void purgeScheduled() {
        try {
            int purged = purgeExpiredCases();
            if (purged > 0) {
                log.info("Retention: {} case(s) past their history time-to-live purged", purged);
            }
        } catch (RuntimeException e) {
            log.warn("Retention purge failed ({}); tried again next night", e.getClass().getSimpleName());
        }
    }

    /**
     * Purges every case whose engine history is gone and that still holds personal data; returns how many
     * cases changed. Walks the register by id, so a case that keeps something (its main person still
     * has another case) is looked at once per run.
     */
    int purgeExpiredCases() {
        int purged = 0;
        long after = 0;
        List<Map<String, Object>> expired;
        do {
            expired = jdbc.queryForList("SELECT c.id, c.case_id FROM hub_case c WHERE c.id > ? AND " + EXPIRED
                    + " AND (EXISTS (SELECT 1 FROM hub_inbox i WHERE i.case_id = c.case_id AND i.payload <> ?) "
                    + "OR EXISTS (SELECT 1 FROM hub_outbox o WHERE o.case_id = c.case_id AND o.payload <> ?) "
                    + "OR EXISTS (SELECT 1 FROM hub_attachment a WHERE a.case_id = c.case_id AND a.status <> 'PURGED') "
                    + "OR EXISTS (SELECT 1 FROM hub_person p WHERE p.id = c.main_person_id AND "
                    + "(p.v_number IS NOT NULL OR p.bsn IS NOT NULL))) ORDER BY c.id FETCH FIRST " + BATCH
                    + " ROWS ONLY", after, PersonErasure.ERASED_PAYLOAD, PersonErasure.ERASED_PAYLOAD);
            for (Map<String, Object> row : expired) {
                after = ((Number) row.get("id")).longValue();
                String caseId = (String) row.get("case_id");
                if (Boolean.TRUE.equals(transaction.execute(status -> purge(caseId)))) {
                    purged++;
                }
            }
        } while (expired.size() == BATCH);
        return purged;
    }

    /**
     * A case is expired when it had a process and the engine holds no history of it any more (history
     * level full keeps a row for every instance, running or ended, until the cleanup removes it).
     */
    private static final String EXPIRED = "c.case_id IS NOT NULL AND c.process_instance_id IS NOT NULL "
            + "AND NOT EXISTS (SELECT 1 FROM ACT_HI_PROCINST h WHERE h.PROC_INST_ID_ = c.process_instance_id) "
            + "AND NOT EXISTS (SELECT 1 FROM ACT_RU_EXECUTION e WHERE e.BUSINESS_KEY_ = c.case_id)";

    /** True when something was erased. */
    private boolean purge(String caseId) {
        List<Person> persons = register.personsOf(caseId);
        int inbox = jdbc.update("UPDATE hub_inbox SET payload = ? WHERE case_id = ? AND payload <> ?",
                PersonErasure.ERASED_PAYLOAD, caseId, PersonErasure.ERASED_PAYLOAD);
        int outbox = jdbc.update("UPDATE hub_outbox SET payload = ? WHERE case_id = ? AND payload <> ?",
                PersonErasure.ERASED_PAYLOAD, caseId, PersonErasure.ERASED_PAYLOAD);
        int documents = attachments.eraseContentOf(List.of(caseId));
        List<Person> forgotten = persons.stream().filter(person -> person.vNumber() != null || person.bsn() != null)
                .filter(this::everyCaseExpired).toList();
        if (inbox + outbox + documents + forgotten.size() == 0) {
            return false;
        }
        audit.recordPersons(new Access(AuditLog.hub("retention"), Action.ERASE, ProcessingActivities.RETENTION,
                "retention:" + caseId + ";inbox=" + inbox + ";outbox=" + outbox + ";attachments=" + documents
                        + ";persons=" + forgotten.size(), Outcome.SUCCESS, null), persons);
        forgotten.forEach(person -> jdbc.update(
                "UPDATE hub_person SET v_number = NULL, bsn = NULL, birth_date = NULL WHERE id = ?", person.id()));
        return true;
    }

    private boolean everyCaseExpired(Person person) {
        Integer open = jdbc.queryForObject("SELECT COUNT(*) FROM hub_case c WHERE (c.main_person_id = ? OR c.id IN "
                + "(SELECT m.case_pk FROM hub_case_member m WHERE m.person_pk = ?)) AND NOT (" + EXPIRED + ")",
                Integer.class, person.id(), person.id());
        return open != null && open == 0;
    }
}
