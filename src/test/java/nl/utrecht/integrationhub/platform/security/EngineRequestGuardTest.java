package nl.utrecht.integrationhub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import nl.utrecht.integrationhub.platform.security.EngineRequestGuard.Guard;
import nl.utrecht.integrationhub.platform.security.EngineRequestGuard.Violation;

/** Which calls the engine guard treats as task queries, and what counts as an expression in a query string. */
class EngineRequestGuardTest {

    @Test
    void taskQueriesAndFiltersOnEveryPathTheEngineServesThem() {
        assertThat(Guard.isTaskQuery("/engine-rest/task")).isTrue();
        assertThat(Guard.isTaskQuery("/engine-rest/task/count")).isTrue();
        assertThat(Guard.isTaskQuery("/engine-rest/engine/default/task")).isTrue();
        assertThat(Guard.isTaskQuery("/engine-rest/filter/create")).isTrue();
        assertThat(Guard.isTaskQuery("/engine-rest/filter/abc/list")).isTrue();
        assertThat(Guard.isTaskQuery("/camunda/api/engine/engine/default/task")).isTrue();
        assertThat(Guard.isTaskQuery("/camunda/api/engine/engine/default/filter/abc/count")).isTrue();
    }

    @Test
    void otherCallsAreNoTaskQueries() {
        assertThat(Guard.isTaskQuery("/engine-rest/task/abc/submit-form")).isFalse();
        assertThat(Guard.isTaskQuery("/engine-rest/process-instance")).isFalse();
        assertThat(Guard.isTaskQuery("/engine-rest/deployment/create")).isFalse();
        assertThat(Guard.isTaskQuery("/camunda/api/admin/auth/user/default")).isFalse();
        assertThat(Guard.isTaskQuery("/api/events")).isFalse();
    }

    @Test
    void expressionsAreFoundInNamesAndValuesAlsoWhenEncoded() {
        assertThat(Guard.queryStringViolations("assigneeExpression=${currentUser()}"))
                .containsExactly(new Violation("assigneeExpression", "no-expression"));
        assertThat(Guard.queryStringViolations("assigneeExpression=%24%7BcurrentUser()%7D")).hasSize(1);
        assertThat(Guard.queryStringViolations("a=1&candidateGroupExpression=%23%7B'x'%7D")).hasSize(1);
        assertThat(Guard.queryStringViolations("%24%7Bx%7D=1")).extracting(Violation::where).containsExactly("(parameter)");
    }

    @Test
    void ordinaryQueriesPass() {
        assertThat(Guard.queryStringViolations(null)).isEmpty();
        assertThat(Guard.queryStringViolations("processInstanceBusinessKey=HH-2026-000123&maxResults=15")).isEmpty();
        assertThat(Guard.queryStringViolations("nameLike=%25dossier%25&sortBy=created&sortOrder=desc")).isEmpty();
        assertThat(Guard.queryStringViolations("broken=%E0%A4%A")).isEmpty();
    }
}
