package nl.utrecht.integrationhub.inbound;

/**
 * One broken rule of an inbound event: a JSON Pointer (RFC 6901) into the event and the rule's name.
 * The detail never repeats the offending value, which may be personal data.
 */
public record Violation(String pointer, String rule, String detail) {

    public static Violation of(String pointer, String rule, String detail) {
        return new Violation(pointer, rule, detail);
    }
}
