package nl.utrecht.integrationhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every hub started by a test its own fresh data directory (H2 database, Artemis journal) and
 * a random administrator password. Used by {@link HubIntegrationTest} as a context initializer, and
 * by tests that start the hub themselves through {@link #freshProperties()}.
 *
 * <p>The directories live under {@code target/it-data/}, so {@code mvn clean} removes them.
 */
public final class HubTestEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The first administrator's id; its password is random and never needed by the tests. */
    public static final String ADMIN_USER_ID = "it-admin";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("hub.data-dir", newDataDir().toString());
        properties.put("hub.admin.password", randomSecret());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("hub-test-environment", properties));
    }

    /** A new, empty data directory under target/it-data/. */
    public static Path newDataDir() {
        try {
            Path parent = Files.createDirectories(Path.of("target", "it-data"));
            return Files.createTempDirectory(parent, "hub-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the hub", e);
        }
    }

    /** A random password, different on every call. */
    public static String randomSecret() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
