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
        properties.putAll(partnerEndpoints());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("hub-test-environment", properties));
    }

    /** The parties the hub sends to over HTTP, and the test token each expects. */
    public static final Map<String, String> HTTP_PARTIES = Map.of(
            "gca", "HUB_GCA_TOKEN",
            "vluchtelingenwerk-utrecht", "HUB_VLUCHTELINGENWERK_UTRECHT_TOKEN",
            "onderwijs", "HUB_ONDERWIJS_TOKEN",
            "buurtteam", "HUB_BUURTTEAM_TOKEN");

    /** The same random bearer token per party for the whole test run, as a secret the hub reads by name. */
    public static final Map<String, String> PARTNER_TOKENS = Map.copyOf(new java.util.HashMap<>(
            HTTP_PARTIES.keySet().stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> randomSecret()))));

    /**
     * Every HTTP party's endpoint on {@link TestPartners}, with its token, and a short retry budget
     * (4 attempts, 0.2 s growing to 0.5 s) so tests see retries and dead letters in seconds.
     */
    static Map<String, Object> partnerEndpoints() {
        Map<String, Object> properties = new LinkedHashMap<>();
        HTTP_PARTIES.forEach((party, tokenName) -> {
            String prefix = "hub.connectors." + party;
            properties.put(prefix + ".outbound.endpoint", TestPartners.instance().endpoint(party));
            properties.put(tokenName, PARTNER_TOKENS.get(party));
            properties.put(prefix + ".retry.max-attempts", "4");
            properties.put(prefix + ".retry.initial-backoff", "PT0.2S");
            properties.put(prefix + ".retry.max-backoff", "PT0.5S");
        });
        return properties;
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
