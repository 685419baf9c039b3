package nl.utrecht.integrationhub.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.admin.*}: the first administrator, from the environment or a secrets file. Never in
 * the repository; without it no user with a known password exists outside the demo profile.
 */
@ConfigurationProperties(prefix = "hub.admin")
public record AdminProperties(String userId, String password) {

    public boolean configured() {
        return userId != null && !userId.isBlank() && password != null && !password.isBlank();
    }
}
