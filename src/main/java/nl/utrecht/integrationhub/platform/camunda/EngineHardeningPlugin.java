package nl.utrecht.integrationhub.platform.camunda;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Engine settings that compensate for known weaknesses of Camunda 7.24 CE (docs/security.md). Set in
 * code, after every other configurator, so that no profile or generic property can switch them off:
 * <ul>
 *   <li>no expressions in task queries, neither ad hoc (REST, webapps) nor stored (filters): an expression
 *       is evaluated on the server with the full power of JUEL. The hub's Tasklist filters
 *       ({@code IdentitySetup}) select by candidate group and need none;</li>
 *   <li>variables are never Java-serialized objects, and the engine deserializes only the types of its
 *       default allow-list (java.lang, the common java.util collections): the hub stores primitives and
 *       JSON (Spin) only.</li>
 * </ul>
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class EngineHardeningPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnableExpressionsInAdhocQueries(false);
        configuration.setEnableExpressionsInStoredQueries(false);
        configuration.setJavaSerializationFormatEnabled(false);
        configuration.setDeserializationTypeValidationEnabled(true);
        // Nothing beyond Camunda's default allow-list: the hub has no Java object variables.
        configuration.setDeserializationAllowedPackages("");
        configuration.setDeserializationAllowedClasses("");
    }
}
