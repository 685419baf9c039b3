package nl.utrecht.integrationhub.inbound;

/** A (source, id) the inbox knows already, sent again with a different payload. */
public class DuplicateConflictException extends RuntimeException {

    public DuplicateConflictException() {
        super("an event with this source and id was accepted before with a different payload");
    }
}
