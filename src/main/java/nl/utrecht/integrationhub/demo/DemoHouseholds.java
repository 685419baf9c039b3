package nl.utrecht.integrationhub.demo;

import java.time.LocalDate;
import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.platform.camunda.ProcessCorrelator;

/**
 * What the simulated partners know about the demo's households, read from the hub's register in
 * process (a real partner has its own records): a case's members, and the adults of open cases that
 * have a BSN. Read only.
 */
@Component
@Profile("demo")
class DemoHouseholds {

    record Member(long personId, String vNumber, String bsn, LocalDate birthDate, String relation) {
        boolean adultOn(LocalDate day) {
            return birthDate != null && !birthDate.plusYears(18).isAfter(day);
        }
    }

    private final JdbcTemplate jdbc;
    private final ProcessCorrelator processes;

    DemoHouseholds(JdbcTemplate jdbc, ProcessCorrelator processes) {
        this.jdbc = jdbc;
        this.processes = processes;
    }

    /** The members of the case, main person first. */
    List<Member> members(String caseId) {
        return jdbc.query("""
                SELECT p.id, p.v_number, p.bsn, p.birth_date, m.relation FROM hub_case c
                JOIN hub_case_member m ON m.case_pk = c.id
                JOIN hub_person p ON p.id = m.person_pk
                WHERE c.case_id = ? ORDER BY CASE WHEN p.id = c.main_person_id THEN 0 ELSE 1 END, p.id""",
                (rs, row) -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(), rs.getString(5)), caseId);
    }

    /** The newest cases (at most {@code limit}) whose route still runs. */
    List<String> openCases(int limit) {
        return jdbc.queryForList("SELECT case_id FROM hub_case WHERE case_id IS NOT NULL ORDER BY id DESC FETCH FIRST "
                + limit + " ROWS ONLY", String.class).stream().filter(processes::isRunning).toList();
    }

    /**
     * Where the person stands with {@code source}'s events of {@code type}: how many the hub recorded,
     * and how many of them it applied.
     */
    Recorded recorded(String source, String type, String subject) {
        // The inbox keeps the event as compact JSON; it has no subject column (a demo-sized scan).
        return jdbc.queryForObject("""
                SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'APPLIED' THEN 1 ELSE 0 END), 0) FROM hub_inbox
                WHERE source = ? AND event_type = ? AND payload LIKE ?""",
                (rs, row) -> new Recorded(rs.getInt(1), rs.getInt(2)), source, type,
                "%\"subject\":\"" + subject + "\"%");
    }

    record Recorded(int count, int applied) {
    }
}
