package nl.utrecht.integrationhub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every end-to-end test against the running hub ({@link HubIntegrationTest}) starts with: an HTTP
 * client on the hub's random port and a view of its state (inbox, register, engine).
 */
public abstract class EndToEndTest {

    @LocalServerPort
    protected int port;
    @Autowired
    protected IdentityService identityService;
    @Autowired
    protected RuntimeService runtimeService;
    @Autowired
    protected TaskService taskService;
    @Autowired
    protected JdbcTemplate jdbc;

    protected HubTestClient hub;
    protected HubState state;

    @BeforeEach
    void connectToHub() {
        hub = new HubTestClient(port);
        state = new HubState(jdbc, runtimeService, taskService);
    }

    /**
     * A new household through COA's real entry point, sent as {@code coa}; its case id once the intake is
     * applied and the case has the tasks of a new case (three: the reception's and the school placement's).
     */
    protected String newCaseWithTasks(Credentials coa) {
        ObjectNode intake = Events.intake(Events.newVNumber());
        HubTestClient.Response accepted = hub.postEvent(intake, coa);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        return await().atMost(Duration.ofSeconds(30)).until(() -> state.inboxRow(Events.SOURCE_COA, intake.get("id").asText())
                .filter(row -> "APPLIED".equals(row.get("status")))
                .map(row -> String.valueOf(row.get("case_id")))
                .filter(caseId -> state.tasks(caseId).size() == 3)
                .orElse(null), caseId -> caseId != null);
    }
}
