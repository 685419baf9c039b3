package nl.utrecht.integrationhub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.cases.CaseRegister.Person;
import nl.utrecht.integrationhub.platform.security.OrganisationProperties;
import nl.utrecht.integrationhub.platform.security.PartnerGroups;

/**
 * The audit log of personal-data processing ({@code hub_audit_log}, docs/security.md): who (a user, a
 * partner or the hub itself, on whose behalf) did what (read, create, update, send, erase) with the data
 * of which person (pseudonymised, never the V-number or BSN), for which processing activity, on which
 * resource, when, and with what outcome. One row per person concerned. Append-only: the database refuses
 * UPDATE and DELETE (see {@link V4__Audit_log}). Written in the caller's transaction when there is one
 * (an outbound message and its entry commit together), else on its own.
 */
@Repository
public class AuditLog {

    /** The hub's own actor id, for what it does by itself (sending a message). */
    public static final String HUB_ACTOR = "integration-hub";

    public enum Action { READ, CREATE, UPDATE, SEND, ERASE }

    public enum ActorKind {
        USER, PARTNER, SYSTEM;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Outcome {
        SUCCESS, DENIED, ERROR;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The outcome of an HTTP request by its status: 401 and 403 denied, other 4xx and 5xx an error. */
        public static Outcome ofHttpStatus(int status) {
            return status < 400 ? SUCCESS : status == 401 || status == 403 ? DENIED : ERROR;
        }
    }

    /** Who acts, and on whose behalf (an organisation's group, a partner's group or party). */
    public record Actor(String id, ActorKind kind, String onBehalfOf) {
        public Actor {
            Objects.requireNonNull(id, "actor");
            Objects.requireNonNull(kind, "actor kind");
        }
    }

    /** One access, before it is written once per person concerned. */
    public record Access(Actor actor, Action action, String processingActivity, String resource, Outcome outcome,
                         String traceId) {
        public Access {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(processingActivity, "processing activity");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** A written entry, as administrators see it. */
    public record Entry(long id, Instant occurredAt, String actor, String actorKind, String onBehalfOf, String action,
                        String personPseudonym, String processingActivity, String resource, String outcome,
                        String traceId) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Pseudonymiser pseudonymiser;
    private final CaseRegister register;
    private final OrganisationProperties organisations;
    private final PartnerGroups partnerGroups;

    AuditLog(JdbcTemplate jdbc, Clock clock, Pseudonymiser pseudonymiser, CaseRegister register,
             OrganisationProperties organisations, PartnerGroups partnerGroups) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.pseudonymiser = pseudonymiser;
        this.register = register;
        this.organisations = organisations;
        this.partnerGroups = partnerGroups;
    }

    /**
     * An engine user (caseworker, partner system, administrator) as an actor: a partner if one of its
     * groups is a partner group; on behalf of its organisation (caseworker group first, then the
     * process owners, a partner group, the administrators, any other group).
     */
    public Actor actor(String userId, Collection<String> groups) {
        Set<String> partners = partnerGroups.ids();
        Set<String> caseworkers = organisations.caseworkerGroupIds();
        List<String> sorted = groups.stream().sorted().toList();
        String onBehalfOf = sorted.stream().filter(caseworkers::contains).findFirst()
                .or(() -> sorted.stream().filter(organisations.processOwnerGroup().id()::equals).findFirst())
                .or(() -> sorted.stream().filter(partners::contains).findFirst())
                .or(() -> sorted.stream().filter(OrganisationProperties.ADMIN_GROUP::equals).findFirst())
                .or(() -> sorted.stream().findFirst())
                .orElse(null);
        ActorKind kind = sorted.stream().anyMatch(partners::contains) ? ActorKind.PARTNER : ActorKind.USER;
        return new Actor(userId, kind, onBehalfOf);
    }

    /** The hub itself, acting for a party (e.g. sending it a message). */
    public static Actor hub(String onBehalfOf) {
        return new Actor(HUB_ACTOR, ActorKind.SYSTEM, onBehalfOf);
    }

    /** Writes the access once per person, each known by a V-number or BSN; blanks and repeats are skipped. */
    public void record(Access access, Collection<String> identifiers) {
        Set<String> pseudonyms = new LinkedHashSet<>();
        identifiers.stream().filter(Objects::nonNull).filter(id -> !id.isBlank())
                .forEach(id -> pseudonyms.add(pseudonymiser.pseudonym(id)));
        write(access, pseudonyms);
    }

    /** Writes the access once per registered person (by V-number, else BSN). */
    public void recordPersons(Access access, Collection<Person> persons) {
        record(access, persons.stream().map(AuditLog::identifierOf).filter(Objects::nonNull).toList());
    }

    /** Writes the access once per person of the household's case (its main person and members). */
    public void recordForCase(Access access, String caseId) {
        if (caseId != null) {
            recordPersons(access, register.personsOf(caseId));
        }
    }

    /**
     * The pseudonyms a person's entries are filed under: that of the identifier given and, if the
     * register knows the person, those of its V-number and BSN.
     */
    public Set<String> pseudonymsOf(String identifier) {
        Set<String> pseudonyms = new LinkedHashSet<>();
        pseudonyms.add(pseudonymiser.pseudonym(identifier));
        register.findBySubject(identifier.strip()).ifPresent(person -> {
            if (person.vNumber() != null) {
                pseudonyms.add(pseudonymiser.pseudonym(person.vNumber()));
            }
            if (person.bsn() != null) {
                pseudonyms.add(pseudonymiser.pseudonym(person.bsn()));
            }
        });
        return pseudonyms;
    }

    /** The entries filed under these pseudonyms in [from, to) (either may be null), oldest first. */
    public List<Entry> find(Set<String> pseudonyms, Instant from, Instant to, int limit) {
        if (pseudonyms.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM hub_audit_log WHERE person_pseudonym IN (")
                .append(String.join(", ", pseudonyms.stream().map(p -> "?").toList())).append(')');
        List<Object> args = new ArrayList<>(pseudonyms);
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND occurred_at < ?");
            args.add(Timestamp.from(to));
        }
        sql.append(" ORDER BY occurred_at, id FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), (rs, row) -> entry(rs), args.toArray());
    }

    static String identifierOf(Person person) {
        return person.vNumber() != null ? person.vNumber() : person.bsn();
    }

    private void write(Access access, Collection<String> pseudonyms) {
        if (pseudonyms.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = pseudonyms.stream().map(pseudonym -> new Object[] {
                now, truncate(access.actor().id(), 200), access.actor().kind().code(),
                truncate(access.actor().onBehalfOf(), 200), access.action().name(), pseudonym,
                truncate(access.processingActivity(), 64), truncate(access.resource(), 200), access.outcome().code(),
                truncate(access.traceId(), 64)}).toList();
        jdbc.batchUpdate("""
                INSERT INTO hub_audit_log (occurred_at, actor, actor_kind, on_behalf_of, action, person_pseudonym,
                                           processing_activity, resource, outcome, trace_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
                rs.getString("actor_kind"), rs.getString("on_behalf_of"), rs.getString("action"),
                rs.getString("person_pseudonym"), rs.getString("processing_activity"), rs.getString("resource"),
                rs.getString("outcome"), rs.getString("trace_id"));
    }
}
