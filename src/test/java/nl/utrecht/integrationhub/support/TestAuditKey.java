package nl.utrecht.integrationhub.support;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every hub a test starts gets a pseudonym key for the audit log, as {@link TestAttachmentKey} gives
 * one for attachments: random, one per test JVM, never written down. Without one the hub refuses to
 * start. Registered in {@code src/test/resources/META-INF/spring.factories}; the lowest-precedence
 * source, so a key a test sets itself wins.
 */
public final class TestAuditKey implements EnvironmentPostProcessor {

    public static final String PROPERTY = "hub.audit.pseudonym-key";
    /** This JVM's key, for tests that compute a pseudonym the way the hub does. */
    public static final String KEY = TestAttachmentKey.newKey();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("test-audit-key", Map.of(PROPERTY, KEY)));
    }
}
