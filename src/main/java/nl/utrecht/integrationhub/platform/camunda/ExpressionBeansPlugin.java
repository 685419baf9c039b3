package nl.utrecht.integrationhub.platform.camunda;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * BPMN expressions see only the beans listed in {@code hub.camunda.expression-beans}, never the whole
 * application context (a model that a process owner deploys must not reach arbitrary beans).
 */
@Component
class ExpressionBeansPlugin extends AbstractProcessEnginePlugin {

    private final ApplicationContext context;
    private final List<String> allowedBeans;

    ExpressionBeansPlugin(ApplicationContext context,
                          @Value("${hub.camunda.expression-beans:}") List<String> allowedBeans) {
        this.context = context;
        this.allowedBeans = allowedBeans;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Map<Object, Object> beans = new HashMap<>();
        for (String name : allowedBeans) {
            if (!name.isBlank()) {
                beans.put(name, context.getBean(name));
            }
        }
        if (configuration instanceof SpringProcessEngineConfiguration springConfiguration) {
            springConfiguration.setBeans(beans);
        } else {
            configuration.setBeans(beans);
        }
        // The beans alone are not enough: Spring's ProcessEngineFactoryBean has already created a
        // SpringExpressionManager before any plugin runs, with no beans, which resolves every bean of the
        // application context. Replace it with one that knows only the listed beans.
        configuration.setExpressionManager(new JuelExpressionManager(beans));
    }
}
