package nl.utrecht.integrationhub.platform.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import nl.utrecht.integrationhub.audit.AuditLog.Action;
import nl.utrecht.integrationhub.platform.camunda.EngineAccessAudit.Call;
import nl.utrecht.integrationhub.platform.camunda.EngineAccessAudit.Kind;

/** Which engine REST calls read or change process data, through /engine-rest and the webapps' API alike. */
class EngineAccessAuditTest {

    private static final String WEBAPP = "/camunda/api/engine/engine/default/";

    @Test
    void taskVariablesAndFormVariablesAreReadsOfTheTask() {
        for (String root : new String[] {"/engine-rest/", WEBAPP}) {
            assertThat(EngineAccessAudit.classify("GET", root + "task/t1/variables"))
                    .isEqualTo(new Call(Kind.TASK, "t1", Action.READ));
            assertThat(EngineAccessAudit.classify("GET", root + "task/t1/variables/vNumber/data"))
                    .isEqualTo(new Call(Kind.TASK, "t1", Action.READ));
            assertThat(EngineAccessAudit.classify("GET", root + "task/t1/localVariables"))
                    .isEqualTo(new Call(Kind.TASK, "t1", Action.READ));
            assertThat(EngineAccessAudit.classify("GET", root + "task/t1/form-variables"))
                    .isEqualTo(new Call(Kind.TASK, "t1", Action.READ));
        }
    }

    @Test
    void changingVariablesCompletingOrSubmittingATaskIsAnUpdate() {
        assertThat(EngineAccessAudit.classify("PUT", "/engine-rest/task/t1/variables/x"))
                .isEqualTo(new Call(Kind.TASK, "t1", Action.UPDATE));
        assertThat(EngineAccessAudit.classify("POST", "/engine-rest/task/t1/submit-form"))
                .isEqualTo(new Call(Kind.TASK, "t1", Action.UPDATE));
        assertThat(EngineAccessAudit.classify("POST", WEBAPP + "task/t1/complete"))
                .isEqualTo(new Call(Kind.TASK, "t1", Action.UPDATE));
        assertThat(EngineAccessAudit.classify("POST", "/engine-rest/process-instance/p1/variables"))
                .isEqualTo(new Call(Kind.PROCESS_INSTANCE, "p1", Action.UPDATE));
    }

    @Test
    void processAndExecutionVariablesAndVariableQueriesAreReads() {
        assertThat(EngineAccessAudit.classify("GET", "/engine-rest/process-instance/p1/variables"))
                .isEqualTo(new Call(Kind.PROCESS_INSTANCE, "p1", Action.READ));
        assertThat(EngineAccessAudit.classify("GET", WEBAPP + "execution/e1/localVariables"))
                .isEqualTo(new Call(Kind.EXECUTION, "e1", Action.READ));
        for (String query : new String[] {"variable-instance", "history/variable-instance", "history/detail",
                "history/variable-instance/v1", "variable-instance/v1/data"}) {
            assertThat(EngineAccessAudit.classify("GET", "/engine-rest/" + query)).as(query)
                    .isEqualTo(new Call(Kind.QUERY, null, Action.READ));
            assertThat(EngineAccessAudit.classify("POST", WEBAPP + query)).as(query)
                    .isEqualTo(new Call(Kind.QUERY, null, Action.READ));
        }
        assertThat(EngineAccessAudit.classify("POST", WEBAPP + "filter/f1/list"))
                .isEqualTo(new Call(Kind.FILTER, "f1", Action.READ));
    }

    @Test
    void callsThatCarryNoProcessDataAreNotAudited() {
        for (String path : new String[] {"/engine-rest/task", "/engine-rest/task/t1", "/engine-rest/task/t1/deployed-form",
                "/engine-rest/history/variable-instance/count", "/engine-rest/variable-instance/count",
                "/engine-rest/process-definition", WEBAPP + "task/count", "/api/cases", "/camunda/app/tasklist/"}) {
            assertThat(EngineAccessAudit.classify("GET", path)).as(path).isNull();
        }
        assertThat(EngineAccessAudit.classify("GET", "/engine-rest/task/t1/complete")).isNull();
    }
}
