package nl.utrecht.integrationhub.attachments;

import java.nio.file.Path;
import java.util.Arrays;

import javax.crypto.spec.SecretKeySpec;

import nl.utrecht.integrationhub.platform.secrets.MasterKey;

/**
 * The keys of the attachments, derived from one master key ({@code hub.attachments.encryption-key},
 * base64 of 32 random bytes, loaded by {@link MasterKey}): one to encrypt content (AES-256-GCM), one to
 * sign links (HMAC-SHA256), each {@link MasterKey#derive(byte[], String) derived} with its own label.
 */
final class AttachmentKeys {

    static final String ACTION = "Set the environment variable HUB_ATTACHMENTS_KEY, or the secrets file "
            + "hub.attachments.encryption-key in $HUB_SECRETS_DIR, to the base64 of 32 random bytes "
            + "(e.g. `openssl rand -base64 32`). Keep it safe: documents stored under a lost key cannot be read. "
            + "See docs/attachments.md.";

    /** The hub cannot encrypt documents: no usable key. Reported at start by the key failure analyzer. */
    static final class KeyException extends MasterKey.KeyException {
        KeyException(String problem) {
            super(problem, ACTION);
        }
    }

    static final String DEMO_KEY_FILE = ".demo-key";
    private static final MasterKey.Spec SPEC = new MasterKey.Spec(
            "The encryption key for attachments (hub.attachments.encryption-key)",
            "No encryption key for attachments (documents sent by claim-check): "
                    + "hub.attachments.encryption-key is not set.",
            "a key for attachments", KeyException::new);

    private final SecretKeySpec contentKey;
    private final byte[] linkKey;

    private AttachmentKeys(byte[] master) {
        this.contentKey = new SecretKeySpec(MasterKey.derive(master, "utrecht-hub attachments content v1"), "AES");
        this.linkKey = MasterKey.derive(master, "utrecht-hub attachments link v1");
    }

    /** From the master key in base64; refuses a key that is not exactly 32 bytes. */
    static AttachmentKeys fromBase64(String encoded) {
        return of(MasterKey.fromBase64(encoded, SPEC));
    }

    /**
     * The configured key; without one, in the demo profile only, a key generated once into
     * {@code <attachments dir>/.demo-key}; otherwise the hub does not start.
     */
    static AttachmentKeys resolve(String configured, boolean demo, Path attachmentsDir) {
        return of(MasterKey.resolve(configured, demo, attachmentsDir, DEMO_KEY_FILE, SPEC));
    }

    private static AttachmentKeys of(byte[] master) {
        try {
            return new AttachmentKeys(master);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    SecretKeySpec contentKey() {
        return contentKey;
    }

    byte[] linkKey() {
        return linkKey.clone();
    }
}
