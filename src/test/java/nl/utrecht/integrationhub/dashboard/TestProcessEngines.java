package nl.utrecht.integrationhub.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.utrecht.integrationhub.route.Ages;
import nl.utrecht.integrationhub.route.Deadlines;
import nl.utrecht.integrationhub.support.RecordingOutboundMessages;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;

/**
 * TEST-ONLY. A process engine configured like the hub's (history full, JSON by default, the expression
 * beans deadlines, ages and a recording outboundMessage), with an in-memory database of its own, so the
 * dashboard's counts see only what the test made (the shared process-tests engine keeps other tests' rows).
 */
final class TestProcessEngines {

    private TestProcessEngines() {
    }

    static ProcessEngine hubLike() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("dashboard-tests-" + UUID.randomUUID());
        configuration.setJdbcUrl("jdbc:h2:mem:dashboard-engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setJobExecutorActivate(false);
        configuration.setHistory("full");
        configuration.setDefaultSerializationFormat("application/json");
        Map<Object, Object> beans = new LinkedHashMap<>();
        beans.put("deadlines", new Deadlines());
        beans.put("ages", new Ages());
        beans.put("outboundMessage", new RecordingOutboundMessages());
        configuration.setBeans(beans);
        configuration.setProcessEnginePlugins(new ArrayList<>(List.of(new SpinProcessEnginePlugin())));
        RecordingOutboundMessages.reset();
        return configuration.buildProcessEngine();
    }
}
