package nl.utrecht.integrationhub.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The hub API's problem answers (RFC 9457, {@code application/problem+json}), one shape everywhere: a
 * bad query parameter names the parameter and the rule it broke, never the value given.
 */
public final class ApiProblems {

    private ApiProblems() {
    }

    /** 400 "Invalid query" with {@code errors: [{parameter, rule}]}. */
    public static ResponseEntity<ProblemDetail> invalidQuery(String instance, String parameter, String rule,
                                                             String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid query");
        problem.setInstance(URI.create(instance));
        problem.setProperty("errors", List.of(Map.of("parameter", parameter, "rule", rule)));
        return ResponseEntity.badRequest().body(problem);
    }

    public static ResponseEntity<ProblemDetail> of(HttpStatus status, String title, String detail, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(instance));
        return ResponseEntity.status(status).body(problem);
    }
}
