package nl.utrecht.integrationhub.audit;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The trace id of a request for the audit log, if the caller sent one: the trace-id of a W3C
 * {@code traceparent} header, else an {@code X-Request-ID} of safe characters. Never generated: an
 * entry without a trace id had none.
 */
public final class TraceIds {

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private TraceIds() {
    }

    public static String of(HttpServletRequest request) {
        String traceparent = request.getHeader("traceparent");
        if (traceparent != null) {
            var matcher = TRACEPARENT.matcher(traceparent.strip());
            if (matcher.matches() && !matcher.group(1).chars().allMatch(c -> c == '0')) {
                return matcher.group(1);
            }
        }
        String requestId = request.getHeader("X-Request-ID");
        return requestId != null && REQUEST_ID.matcher(requestId.strip()).matches() ? requestId.strip() : null;
    }
}
