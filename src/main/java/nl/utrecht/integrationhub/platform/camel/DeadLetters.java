package nl.utrecht.integrationhub.platform.camel;

import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.inbound.DuplicateConflictException;
import nl.utrecht.integrationhub.inbound.InvalidEventException;
import nl.utrecht.integrationhub.inbound.SourceNotAllowedException;

/** Puts the reason a message was refused on it, before it goes to its dead-letter queue. */
@Component("deadLetters")
public class DeadLetters {

    public static final String REASON = "hubDeadLetterReason";
    public static final String ROUTE = "hubDeadLetterRoute";

    public void describe(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason;
        if (failure instanceof InvalidEventException invalid) {
            reason = "invalid event: " + invalid.violations().stream()
                    .map(v -> v.pointer() + " " + v.rule()).collect(Collectors.joining("; "));
        } else if (failure instanceof SourceNotAllowedException) {
            reason = "source not allowed: this queue only takes events of its own party's sources";
        } else if (failure instanceof DuplicateConflictException) {
            reason = "conflicting duplicate: " + failure.getMessage();
        } else {
            reason = failure == null ? "unknown" : failure.getClass().getSimpleName();
        }
        exchange.getMessage().setHeader(REASON, reason);
        exchange.getMessage().setHeader(ROUTE, exchange.getFromRouteId());
    }
}
