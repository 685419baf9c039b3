package nl.utrecht.integrationhub.outbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import nl.utrecht.integrationhub.inbound.Inbox;
import nl.utrecht.integrationhub.outbound.Outbox.Message;
import nl.utrecht.integrationhub.outbound.Outbox.Status;
import nl.utrecht.integrationhub.platform.security.HubPrincipal;
import nl.utrecht.integrationhub.platform.web.ApiProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For administrators (the API filter admits only them under /api/admin): the outbox with its dead
 * letters and their replay, and the message log per message or per case. Payloads are never shown:
 * they hold personal data.
 */
@RestController
@RequestMapping("/api/admin")
class MessagesAdminController {

    private static final int MAX_LIMIT = 1000;

    record OutboxView(String id, String type, String party, String caseId, Status status, int attempts,
                      String lastError, Instant createdAt, Instant sentAt, Instant deadAt, String replayedBy) {
        static OutboxView of(Message m) {
            return new OutboxView(m.id(), m.messageType(), m.party(), m.caseId(), m.status(), m.attempts(),
                    m.lastError(), m.createdAt(), m.sentAt(), m.deadAt(), m.replayedBy());
        }
    }

    /** One hop of one message: received/applied for inbound events, written/sent/... for outbound ones. */
    record HopView(String messageId, String direction, String hop, String type, String party, String channel,
                   String caseId, String detail, Instant at) {
    }

    private final Outbox outbox;
    private final MessageLog messageLog;
    private final Inbox inbox;

    MessagesAdminController(Outbox outbox, MessageLog messageLog, Inbox inbox) {
        this.outbox = outbox;
        this.messageLog = messageLog;
        this.inbox = inbox;
    }

    @GetMapping("/outbox")
    ResponseEntity<?> outbox(@RequestParam(name = "status", required = false) String status,
                             @RequestParam(name = "caseId", required = false) String caseId,
                             @RequestParam(name = "limit", defaultValue = "100") int limit) {
        Status wanted = null;
        if (status != null) {
            try {
                wanted = Status.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return ApiProblems.invalidQuery("/api/admin/outbox", "status", "one-of", "status is one of PENDING, SENT, DEAD");
            }
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return ApiProblems.invalidQuery("/api/admin/outbox", "limit", "range", "limit is between 1 and " + MAX_LIMIT);
        }
        return ResponseEntity.ok(outbox.list(wanted, caseId, limit).stream().map(OutboxView::of).toList());
    }

    /** Sends a dead letter again with a fresh retry budget. 409 when the message is not dead. */
    @PostMapping("/outbox/{id}/replay")
    ResponseEntity<?> replay(@PathVariable("id") String id, HttpServletRequest request) {
        if (outbox.find(id).isEmpty()) {
            return ApiProblems.of(HttpStatus.NOT_FOUND, "Unknown message", "No outbound message has this id.",
                    request.getRequestURI());
        }
        if (!outbox.replay(id, HubPrincipal.of(request).userId())) {
            return ApiProblems.of(HttpStatus.CONFLICT, "Not a dead letter",
                    "Only a dead-lettered message can be replayed; this one is pending or was delivered.",
                    request.getRequestURI());
        }
        return ResponseEntity.accepted().body(OutboxView.of(outbox.find(id).orElseThrow()));
    }

    /** Every hop of one message, inbound (by CloudEvent id) or outbound (by outbox id). */
    @GetMapping("/messages/{id}")
    ResponseEntity<List<HopView>> message(@PathVariable("id") String id) {
        List<HopView> hops = new ArrayList<>();
        inbox.hopsOfEvent(id).forEach(hop -> hops.addAll(inboundHops(hop)));
        messageLog.ofMessage(id).forEach(entry -> hops.add(outboundHop(entry)));
        hops.sort(Comparator.comparing(HopView::at));
        return hops.isEmpty() ? ResponseEntity.notFound().build() : ResponseEntity.ok(hops);
    }

    /** Every message of a case, in and out, in time order. */
    @GetMapping("/messages")
    ResponseEntity<?> messagesOfCase(@RequestParam(name = "caseId", required = false) String caseId) {
        if (caseId == null || caseId.isBlank()) {
            return ApiProblems.invalidQuery("/api/admin/messages", "caseId", "required", "give the case id (e.g. HH-2026-000123)");
        }
        List<HopView> hops = new ArrayList<>();
        inbox.hopsOfCase(caseId).forEach(hop -> hops.addAll(inboundHops(hop)));
        messageLog.ofCase(caseId).forEach(entry -> hops.add(outboundHop(entry)));
        hops.sort(Comparator.comparing(HopView::at));
        return ResponseEntity.ok(hops);
    }

    private static List<HopView> inboundHops(Inbox.Hop hop) {
        List<HopView> hops = new ArrayList<>();
        hops.add(new HopView(hop.eventId(), "IN", "RECEIVED", hop.type(), hop.source(), hop.channel(), hop.caseId(),
                null, hop.receivedAt()));
        if (hop.appliedAt() != null) {
            hops.add(new HopView(hop.eventId(), "IN", hop.status().name(), hop.type(), hop.source(), hop.channel(),
                    hop.caseId(), "attempt " + hop.attempts(), hop.appliedAt()));
        }
        return hops;
    }

    private static HopView outboundHop(MessageLog.Entry entry) {
        return new HopView(entry.messageId(), entry.direction().name(), entry.hop(), entry.messageType(), entry.party(),
                entry.channel(), entry.caseId(), entry.detail(), entry.at());
    }
}
