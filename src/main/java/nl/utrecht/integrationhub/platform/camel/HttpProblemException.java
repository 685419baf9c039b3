package nl.utrecht.integrationhub.platform.camel;

/** A request refused at the HTTP edge before its content is looked at (wrong media type, too large). */
public class HttpProblemException extends RuntimeException {

    private final int status;
    private final String title;

    public HttpProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
