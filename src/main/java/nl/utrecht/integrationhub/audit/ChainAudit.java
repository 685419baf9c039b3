package nl.utrecht.integrationhub.audit;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.audit.AuditLog.Access;
import nl.utrecht.integrationhub.audit.AuditLog.Action;
import nl.utrecht.integrationhub.audit.AuditLog.ActorKind;
import nl.utrecht.integrationhub.audit.AuditLog.Actor;
import nl.utrecht.integrationhub.audit.AuditLog.Outcome;
import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.inbound.AppliedEventListener;
import nl.utrecht.integrationhub.inbound.InboundEventHandler;
import nl.utrecht.integrationhub.inbound.InboxEntry;
import nl.utrecht.integrationhub.platform.security.PartnerGroups;

/**
 * What the chain does with a person's data without a user asking, in the audit log, each in the
 * transaction that does it: an inbound event applied to a case (CREATE when it opened the case, for
 * every person of the household; UPDATE otherwise, for the person the event is about) and a message
 * written to the outbox (SEND, for the person it is about).
 */
@Component
public class ChainAudit implements AppliedEventListener {

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    private final AuditLog audit;
    private final ProcessingActivities activities;
    private final CaseRegister register;
    private final PartnerGroups partnerGroups;

    ChainAudit(AuditLog audit, ProcessingActivities activities, CaseRegister register, PartnerGroups partnerGroups) {
        this.audit = audit;
        this.activities = activities;
        this.register = register;
        this.partnerGroups = partnerGroups;
    }

    /**
     * The sending partner (its CloudEvent source) is the actor, on behalf of its partner group; the trace
     * id is that of the event's {@code traceparent} extension, if it has one.
     */
    @Override
    public void applied(InboxEntry entry, JsonNode event, InboundEventHandler.Outcome outcome) {
        if (outcome.caseId() == null) {
            return;
        }
        String onBehalfOf = partnerGroups.all().stream().filter(p -> p.sources().contains(entry.source()))
                .map(PartnerGroups.Partner::id).sorted().findFirst().orElse(entry.source());
        Access access = new Access(new Actor(entry.source(), ActorKind.PARTNER, onBehalfOf),
                outcome.created() ? Action.CREATE : Action.UPDATE, activities.ofEvent(entry.type()),
                "case:" + outcome.caseId(), Outcome.SUCCESS, traceId(event));
        if (outcome.created()) {
            audit.recordForCase(access, outcome.caseId());
            return;
        }
        String subject = event.path("subject").asText("");
        var person = register.findBySubject(subject);
        if (person.isPresent()) {
            audit.recordPersons(access, List.of(person.get()));
        } else {
            audit.recordForCase(access, outcome.caseId());
        }
    }

    /** A message about {@code subject} (V-number or BSN) written to the outbox for {@code party}. */
    public void messageWritten(String messageId, String party, String subject, String caseId) {
        audit.record(new Access(AuditLog.hub(party), Action.SEND, activities.ofParty(party), "outbox:" + messageId,
                Outcome.SUCCESS, null), subject == null ? List.of() : List.of(subject));
    }

    private static String traceId(JsonNode event) {
        String traceparent = event.path("traceparent").asText("");
        var matcher = TRACEPARENT.matcher(traceparent);
        return matcher.matches() ? matcher.group(1) : null;
    }
}
