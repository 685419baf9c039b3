package nl.utrecht.integrationhub.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every hub a test starts (with {@link HubIntegrationTest}, by hand as in {@code RestartIT}, or as a
 * child JVM on the test class path as in {@code CrashRecoveryIT}) gets an encryption key for
 * attachments: random, one per test JVM, never written down. Without one the hub refuses to start.
 * Registered in {@code src/test/resources/META-INF/spring.factories}; the lowest-precedence source, so
 * a key a test sets itself wins.
 */
public final class TestAttachmentKey implements EnvironmentPostProcessor {

    public static final String PROPERTY = "hub.attachments.encryption-key";
    private static final String KEY = newKey();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("test-attachment-key", Map.of(PROPERTY, KEY)));
    }

    /** Base64 of 32 random bytes, as {@code hub.attachments.encryption-key} takes it. */
    public static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
