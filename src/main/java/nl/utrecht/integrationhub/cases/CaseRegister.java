package nl.utrecht.integrationhub.cases;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The person register and the households' cases. A person is known by a V-number, later also by a
 * BSN; the link between them is never lost. A case has an opaque id (e.g. HH-2026-000123) that is the
 * process business key and reveals nothing about the person.
 */
@Repository
public class CaseRegister {

    /** A registered person, referred to outside the register by an opaque reference. */
    public record Person(long id, String vNumber, String bsn, LocalDate birthDate) {
        public String reference() {
            return personReference(id);
        }
    }

    public record Case(long id, String caseId, String processInstanceId) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String caseIdPrefix;

    CaseRegister(JdbcTemplate jdbc, Clock clock, @Value("${hub.case-id-prefix:HH}") String caseIdPrefix) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.caseIdPrefix = caseIdPrefix;
    }

    public static String personReference(long id) {
        return String.format("P-%06d", id);
    }

    public Optional<Person> findBySubject(String subject) {
        // Two indexed lookups: H2 answers "v_number = ? OR bsn = ?" with a scan of the whole register.
        return jdbc.query("""
                SELECT id, v_number, bsn, birth_date FROM hub_person WHERE v_number = ?
                UNION
                SELECT id, v_number, bsn, birth_date FROM hub_person WHERE bsn = ?""",
                (rs, row) -> new Person(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate()),
                subject, subject).stream().findFirst();
    }

    /** The person behind an opaque reference ({@code P-000123}) as processes hold it. */
    public Optional<Person> findByReference(String reference) {
        if (reference == null || !reference.matches("P-\\d{1,18}")) {
            return Optional.empty();
        }
        return jdbc.query("SELECT id, v_number, bsn, birth_date FROM hub_person WHERE id = ?",
                (rs, row) -> new Person(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate()),
                Long.parseLong(reference.substring(2))).stream().findFirst();
    }

    /** The main person of a household's case. */
    public Optional<Person> mainPersonOf(String caseId) {
        return jdbc.query("""
                SELECT p.id, p.v_number, p.bsn, p.birth_date FROM hub_person p
                JOIN hub_case c ON c.main_person_id = p.id WHERE c.case_id = ?""",
                (rs, row) -> new Person(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate()),
                caseId).stream().findFirst();
    }

    /** The person with this V-number, registered now if unknown. */
    public Person registerByVNumber(String vNumber, LocalDate birthDate) {
        Optional<Person> known = findBySubject(vNumber);
        if (known.isPresent()) {
            return known.get();
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO hub_person (v_number, birth_date, created_at) VALUES (?, ?, ?)", new String[] {"id"});
            statement.setString(1, vNumber);
            statement.setDate(2, birthDate == null ? null : Date.valueOf(birthDate));
            statement.setTimestamp(3, Timestamp.from(clock.instant()));
            return statement;
        }, keys);
        return new Person(Objects.requireNonNull(keys.getKey()).longValue(), vNumber, null, birthDate);
    }

    /** Opens a case for a household, with its main person as member. */
    public Case openCase(Person mainPerson) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO hub_case (main_person_id, created_at) VALUES (?, ?)", new String[] {"id"});
            statement.setLong(1, mainPerson.id());
            statement.setTimestamp(2, Timestamp.from(clock.instant()));
            return statement;
        }, keys);
        long id = Objects.requireNonNull(keys.getKey()).longValue();
        int year = LocalDate.now(clock.withZone(ZoneId.of("Europe/Amsterdam"))).getYear();
        String caseId = String.format("%s-%d-%06d", caseIdPrefix, year, id);
        jdbc.update("UPDATE hub_case SET case_id = ? WHERE id = ?", caseId, id);
        return new Case(id, caseId, null);
    }

    public void addMember(Case householdCase, Person person, String relation) {
        Integer present = jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_case_member WHERE case_pk = ? AND person_pk = ?", Integer.class,
                householdCase.id(), person.id());
        if (present != null && present == 0) {
            jdbc.update("INSERT INTO hub_case_member (case_pk, person_pk, relation) VALUES (?, ?, ?)",
                    householdCase.id(), person.id(), relation);
        }
    }

    /**
     * Links a BSN to the person known by a V-number; the V-number stays. A person who already has
     * another BSN, or a BSN already linked to someone else, is a conflict for an administrator.
     */
    public void linkBsn(String vNumber, String bsn) {
        int updated;
        try {
            updated = jdbc.update("UPDATE hub_person SET bsn = ? WHERE v_number = ? AND (bsn IS NULL OR bsn = ?)",
                    bsn, vNumber, bsn);
        } catch (DuplicateKeyException e) {
            // Not the database's message: it quotes the BSN.
            throw new IllegalStateException("the BSN belongs to another person in the register");
        }
        if (updated != 1) {
            throw new IllegalStateException("the person already has another BSN");
        }
    }

    public void linkProcessInstance(Case householdCase, String processInstanceId) {
        jdbc.update("UPDATE hub_case SET process_instance_id = ? WHERE id = ?", processInstanceId, householdCase.id());
    }

    /** The persons of a household's case: its main person and every member, in register order. */
    public List<Person> personsOf(String caseId) {
        return jdbc.query("""
                SELECT p.id, p.v_number, p.bsn, p.birth_date FROM hub_person p WHERE p.id IN (
                    SELECT c.main_person_id FROM hub_case c WHERE c.case_id = ?
                    UNION
                    SELECT m.person_pk FROM hub_case_member m JOIN hub_case c ON c.id = m.case_pk WHERE c.case_id = ?)
                ORDER BY p.id""",
                (rs, row) -> new Person(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate()),
                caseId, caseId);
    }

    /** Every case the person is or was a member of, newest first. */
    public List<Case> casesOf(Person person) {
        return jdbc.query("""
                SELECT c.id, c.case_id, c.process_instance_id FROM hub_case c
                JOIN hub_case_member m ON m.case_pk = c.id
                WHERE m.person_pk = ? ORDER BY c.id DESC""",
                (rs, row) -> new Case(rs.getLong(1), rs.getString(2), rs.getString(3)), person.id());
    }
}
