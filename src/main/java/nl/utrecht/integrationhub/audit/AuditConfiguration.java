package nl.utrecht.integrationhub.audit;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.utrecht.integrationhub.cases.CaseRegister;

/** The audit log's pseudonym key; the hub does not start without one (outside the demo profile). */
@Configuration
class AuditConfiguration {

    /**
     * The master key: property {@code hub.audit.pseudonym-key} (a secrets file of that name in the
     * config tree, or any property source), else the environment variable HUB_AUDIT_KEY. The demo
     * profile generates one into {@code <data dir>/audit/.demo-key}.
     */
    @Bean
    Pseudonymiser auditPseudonymiser(Environment environment, @Value("${hub.data-dir}") Path dataDir,
                                     @Value("${hub.audit.pseudonym-key:${HUB_AUDIT_KEY:}}") String key) {
        return Pseudonymiser.resolve(key, environment.acceptsProfiles(Profiles.of("demo")),
                dataDir.resolve("audit").toAbsolutePath());
    }

    /** Dossier access through the API, after the API's authentication filter (order 1). */
    @Bean
    FilterRegistrationBean<ApiAccessAudit> apiAccessAudit(AuditLog audit, CaseRegister register,
                                                          ProcessingActivities activities, JdbcTemplate jdbc) {
        FilterRegistrationBean<ApiAccessAudit> registration =
                new FilterRegistrationBean<>(new ApiAccessAudit(audit, register, activities, jdbc));
        registration.setName("api-access-audit");
        registration.addUrlPatterns("/api/cases", "/api/cases/*", "/api/attachments", "/api/attachments/*");
        registration.setOrder(2);
        return registration;
    }
}
