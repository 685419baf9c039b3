package nl.utrecht.integrationhub.inbound;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.utrecht.integrationhub.platform.security.HubPrincipal;
import nl.utrecht.integrationhub.platform.web.ApiProblems;

/**
 * For administrators: inbound events that failed (for example a BSN that belongs to someone else) or
 * wait (parked: the process does not wait for them yet, or the person is not known yet), and the replay
 * of a failed one once its cause is fixed. No payloads: they hold personal data.
 */
@RestController
@RequestMapping("/api/admin/inbox")
class InboxAdminController {

    private static final Logger log = LoggerFactory.getLogger(InboxAdminController.class);
    private static final int MAX_LIMIT = 1000;
    private static final String INSTANCE = "/api/admin/inbox";
    private static final String REPLAY_INSTANCE = "/api/admin/inbox/replay";

    private final Inbox inbox;
    private final EventApplier applier;

    InboxAdminController(Inbox inbox, EventApplier applier) {
        this.inbox = inbox;
        this.applier = applier;
    }

    @GetMapping
    ResponseEntity<?> held(@RequestParam(name = "status", defaultValue = "FAILED") String status,
                           @RequestParam(name = "limit", defaultValue = "100") int limit) {
        InboxStatus wanted;
        try {
            wanted = InboxStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ApiProblems.invalidQuery(INSTANCE, "status", "one-of",
                    "status is one of " + List.of(InboxStatus.values()));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return ApiProblems.invalidQuery(INSTANCE, "limit", "range", "limit is between 1 and " + MAX_LIMIT);
        }
        return ResponseEntity.ok(inbox.held(wanted, limit));
    }

    /** Applies a failed event again, with a fresh budget. 409 when the event did not fail. */
    @PostMapping("/replay")
    ResponseEntity<?> replay(@RequestParam(name = "source", required = false) String source,
                             @RequestParam(name = "id", required = false) String id, HttpServletRequest request) {
        if (source == null || source.isBlank()) {
            return ApiProblems.invalidQuery(REPLAY_INSTANCE, "source", "required", "give the event's source (e.g. urn:nl:utrecht:brp)");
        }
        if (id == null || id.isBlank()) {
            return ApiProblems.invalidQuery(REPLAY_INSTANCE, "id", "required", "give the event's id");
        }
        Inbox.Key key = new Inbox.Key(source, id);
        if (inbox.find(key).isEmpty()) {
            return ApiProblems.of(HttpStatus.NOT_FOUND, "Unknown event", "No event with this source and id was received.",
                    REPLAY_INSTANCE);
        }
        if (!inbox.reopen(key)) {
            return ApiProblems.of(HttpStatus.CONFLICT, "Not a failed event",
                    "Only a failed event can be replayed; this one is applied, parked or waiting to be applied.",
                    REPLAY_INSTANCE);
        }
        log.info("Administrator {} replays event {} from {}", HubPrincipal.of(request).userId(), id, source);
        applier.applySoon(key);
        return ResponseEntity.accepted().body(Map.of("source", source, "id", id, "status", InboxStatus.RECEIVED));
    }
}
