package nl.utrecht.integrationhub.platform.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.camunda.bpm.engine.IdentityService;

/** HTTP Basic credentials checked against the engine's users: one way for every entry point of the hub. */
public final class BasicCredentials {

    private BasicCredentials() {
    }

    /**
     * The user id of an {@code Authorization: Basic …} header whose password the engine accepts; null for
     * any other header, a malformed one or a wrong password.
     */
    public static String verifiedUser(String header, IdentityService identityService) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String userId = decoded.substring(0, colon);
        return identityService.checkPassword(userId, decoded.substring(colon + 1)) ? userId : null;
    }
}
