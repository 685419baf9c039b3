package nl.utrecht.integrationhub.inbound;

import java.util.List;
import java.util.stream.Collectors;

/** An inbound event that breaks one or more rules; nothing of it has been recorded or applied. */
public class InvalidEventException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidEventException(List<Violation> violations) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String summary(List<Violation> violations) {
        return violations.stream().map(v -> v.pointer() + " " + v.rule()).collect(Collectors.joining("; "));
    }
}
