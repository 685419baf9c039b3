package nl.utrecht.integrationhub.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import nl.utrecht.integrationhub.platform.secrets.MasterKey;

/**
 * Turns a V-number or BSN into the audit log's pseudonym: HMAC-SHA256 under a key derived from the
 * master key {@code hub.audit.pseudonym-key} (loaded by {@link MasterKey}), as 64 hex digits. Without
 * the key nobody can tell whose entry it is, and nobody can compute the pseudonym of a V-number to look
 * for it; with it the same identifier always gives the same pseudonym.
 */
public final class Pseudonymiser {

    static final String ACTION = "Set the environment variable HUB_AUDIT_KEY, or the secrets file "
            + "hub.audit.pseudonym-key in $HUB_SECRETS_DIR, to the base64 of 32 random bytes "
            + "(e.g. `openssl rand -base64 32`). Keep it: under another key a person gets other pseudonyms, "
            + "and the audit log can no longer be searched for the entries written before. See docs/security.md.";

    /** The hub cannot pseudonymise: no usable key. */
    static final class KeyException extends MasterKey.KeyException {
        KeyException(String problem) {
            super(problem, ACTION);
        }
    }

    static final String DEMO_KEY_FILE = ".demo-key";
    private static final MasterKey.Spec SPEC = new MasterKey.Spec(
            "The pseudonym key of the audit log (hub.audit.pseudonym-key)",
            "No pseudonym key for the audit log (V-numbers and BSNs are logged only pseudonymised): "
                    + "hub.audit.pseudonym-key is not set.",
            "a pseudonym key for the audit log", KeyException::new);

    private final SecretKeySpec key;

    private Pseudonymiser(byte[] master) {
        this.key = new SecretKeySpec(MasterKey.derive(master, "utrecht-hub audit pseudonym v1"), "HmacSHA256");
    }

    /** From the master key in base64; refuses a key that is not exactly 32 bytes. */
    public static Pseudonymiser fromBase64(String encoded) {
        return of(MasterKey.fromBase64(encoded, SPEC));
    }

    /**
     * The configured key; without one, in the demo profile only, a key generated once into
     * {@code <audit dir>/.demo-key}; otherwise the hub does not start.
     */
    static Pseudonymiser resolve(String configured, boolean demo, Path auditDir) {
        return of(MasterKey.resolve(configured, demo, auditDir, DEMO_KEY_FILE, SPEC));
    }

    private static Pseudonymiser of(byte[] master) {
        try {
            return new Pseudonymiser(master);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    /** The pseudonym of a V-number or BSN (surrounding white space ignored). */
    public String pseudonym(String identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(identifier.strip().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
