package nl.utrecht.integrationhub.audit;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The processing activity (the purpose, as in the register of processing activities) an audit entry is
 * filed under: a short Dutch code per purpose of the integration route. The purpose of reading a
 * process's variables is that of the process; of a caseworker's dossier lookup, that of the
 * caseworker's organisation; of a message sent, that of the receiving party; of an event applied, that
 * of its type. Configurable per key ({@link AuditProperties}); unknown keys fall back to
 * {@value #FALLBACK}.
 */
@Component
public class ProcessingActivities {

    public static final String FALLBACK = "integratieroute";
    /** An administrator answering a person's access request (AVG art. 15) with the export. */
    public static final String ACCESS_REQUEST = "inzageverzoek";
    /** An administrator erasing a person's data on request (AVG art. 17; privacy/PersonErasure). */
    public static final String ERASURE_REQUEST = "verwijderverzoek";
    /** The hub erasing a case's data once its history time-to-live has passed (privacy/CaseRetention). */
    public static final String RETENTION = "bewaartermijn";
    /** An administrator searching the audit log. */
    public static final String AUDIT = "toezicht";

    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("process.household-route", "intake"),
            Map.entry("process.reception", "intake"),
            Map.entry("process.housing", "huisvesting"),
            Map.entry("process.settlement", "vestiging"),
            Map.entry("process.guidance", "begeleiding"),
            Map.entry("process.participation-declaration", "inburgering"),
            Map.entry("process.civic-integration", "inburgering"),
            Map.entry("process.school-placement", "onderwijs"),
            Map.entry("process.neighbourhood-handover", "overdracht-buurtteam"),
            Map.entry("group.vluchtelingenwerk-mn", "begeleiding"),
            Map.entry("group.vluchtelingenwerk-utrecht", "begeleiding"),
            Map.entry("group.work-and-income", "werk-en-inkomen"),
            Map.entry("group.housing", "huisvesting"),
            Map.entry("group.education", "onderwijs"),
            Map.entry("group.civic-integration", "inburgering"),
            Map.entry("group.neighbourhood-team", "overdracht-buurtteam"),
            Map.entry("group.partner-vluchtelingenwerk", "dossieroverdracht"),
            Map.entry("group.partner-vluchtelingenwerk-utrecht", "dossieroverdracht"),
            Map.entry("party.housing", "huisvesting"),
            Map.entry("party.coa", "huisvesting"),
            Map.entry("party.werk-en-inkomen", "werk-en-inkomen"),
            Map.entry("party.vluchtelingenwerk-utrecht", "dossieroverdracht"),
            Map.entry("party.gca", "vestiging"),
            Map.entry("party.onderwijs", "onderwijs"),
            Map.entry("party.buurtteam", "overdracht-buurtteam"),
            Map.entry("event.nl.coa.azc-intake-registered", "intake"),
            Map.entry("event.nl.vluchtelingenwerk.dossier-opened", "intake"),
            Map.entry("event.nl.ind.residence-permit-granted", "intake"),
            Map.entry("event.nl.coa.departed-without-status", "intake"),
            Map.entry("event.nl.coa.status-holder-linked", "huisvesting"),
            Map.entry("event.nl.utrecht.housing-offer-accepted", "huisvesting"),
            Map.entry("event.nl.utrecht.family-reunited", "huisvesting"),
            Map.entry("event.nl.utrecht.brp-registered", "vestiging"),
            Map.entry("event.nl.utrecht.benefit-granted", "werk-en-inkomen"),
            Map.entry("event.nl.vluchtelingenwerk.dossier-transfer-received", "dossieroverdracht"),
            Map.entry("event.nl.gca.medical-record-handover-confirmed", "vestiging"),
            Map.entry("event.nl.utrecht.ppsv-assessment-completed", "werk-en-inkomen"),
            Map.entry("event.nl.utrecht.school-placement-done", "onderwijs"),
            Map.entry("event.nl.vluchtelingenwerk.participation-declaration-signed", "inburgering"),
            Map.entry("event.nl.duo.civic-integration-obligation-started", "inburgering"),
            Map.entry("event.nl.duo.loan-granted", "inburgering"),
            Map.entry("event.nl.duo.exam-part-passed", "inburgering"),
            Map.entry("event.nl.duo.exam-passed", "inburgering"),
            Map.entry("event.nl.duo.civic-integration-term-ended", "inburgering"),
            Map.entry("event.nl.buurtteam.handover-accepted", "overdracht-buurtteam"),
            Map.entry("event.nl.utrecht.trajectory-placement-made", "werk-en-inkomen"),
            Map.entry("event.nl.utrecht.participation-outflow-reported", "werk-en-inkomen"));

    private final Map<String, String> activities;

    ProcessingActivities(AuditProperties properties) {
        Map<String, String> all = new HashMap<>(DEFAULTS);
        all.putAll(properties.processingActivities());
        this.activities = Map.copyOf(all);
    }

    /** Reading or changing a process's data: the process's purpose. */
    public String ofProcess(String processDefinitionKey) {
        return find("process." + processDefinitionKey).orElse(FALLBACK);
    }

    /** A user's or partner's access through the hub's API: the purpose of its organisation. */
    public String ofGroups(Collection<String> groups) {
        return groups.stream().sorted().map(group -> find("group." + group)).flatMap(Optional::stream)
                .findFirst().orElse(FALLBACK);
    }

    /** A message sent to a party. */
    public String ofParty(String party) {
        return find("party." + party).orElse(FALLBACK);
    }

    /** An inbound event applied. */
    public String ofEvent(String eventType) {
        return find("event." + eventType).orElse(FALLBACK);
    }

    private Optional<String> find(String key) {
        return Optional.ofNullable(activities.get(key));
    }
}
