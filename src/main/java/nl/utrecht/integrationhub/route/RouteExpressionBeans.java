package nl.utrecht.integrationhub.route;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans BPMN and DMN may use ({@code hub.camunda.expression-beans}): {@code deadlines} from
 * {@code hub.deadlines.*} and {@code ages}.
 */
@Configuration
class RouteExpressionBeans {

    @Bean
    @ConfigurationProperties(prefix = "hub")
    DeadlineSettings deadlineSettings() {
        return new DeadlineSettings();
    }

    @Bean
    Deadlines deadlines(DeadlineSettings settings) {
        return new Deadlines(settings.getDeadlines());
    }

    @Bean
    Ages ages() {
        return new Ages();
    }

    /** Binds {@code hub.deadlines.<name>: <ISO-8601>}. */
    static class DeadlineSettings {
        private Map<String, String> deadlines = Map.of();

        public Map<String, String> getDeadlines() {
            return deadlines;
        }

        public void setDeadlines(Map<String, String> deadlines) {
            this.deadlines = deadlines;
        }
    }
}
