package nl.utrecht.integrationhub.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An engine user's id and password, as HTTP Basic sends them. */
public record Credentials(String userId, String password) {

    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((userId + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Credentials withPassword(String otherPassword) {
        return new Credentials(userId, otherPassword);
    }

    @Override
    public String toString() {
        return "Credentials[" + userId + "]";
    }
}
