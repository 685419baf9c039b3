package nl.utrecht.integrationhub.inbound;

/** The authenticated partner may not send events on behalf of the event's source. */
public class SourceNotAllowedException extends RuntimeException {

    public SourceNotAllowedException() {
        super("your credentials may not send events for this source");
    }
}
