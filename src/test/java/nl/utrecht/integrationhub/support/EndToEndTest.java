package nl.utrecht.integrationhub.support;

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
}
