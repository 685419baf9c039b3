package nl.utrecht.integrationhub.attachments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of the attachments, derived from one master key ({@code hub.attachments.encryption-key},
 * base64 of 32 random bytes): one to encrypt content (AES-256-GCM), one to sign links (HMAC-SHA256).
 * Each is HKDF-Expand (RFC 5869) of the master key with its own label; the master key is uniformly
 * random, so it serves as the pseudorandom key and the extract step is skipped (RFC 5869, 3.3).
 */
final class AttachmentKeys {

    static final String ACTION = "Set the environment variable HUB_ATTACHMENTS_KEY, or the secrets file "
            + "hub.attachments.encryption-key in $HUB_SECRETS_DIR, to the base64 of 32 random bytes "
            + "(e.g. `openssl rand -base64 32`). Keep it safe: documents stored under a lost key cannot be read. "
            + "See docs/attachments.md.";

    /** The hub cannot encrypt documents: no usable key. Reported at start by {@link AttachmentKeyFailureAnalyzer}. */
    static final class KeyException extends IllegalStateException {
        private final String problem;

        KeyException(String problem) {
            super(problem + " " + ACTION);
            this.problem = problem;
        }

        String problem() {
            return problem;
        }
    }

    static final String DEMO_KEY_FILE = ".demo-key";
    private static final Logger log = LoggerFactory.getLogger(AttachmentKeys.class);
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec contentKey;
    private final byte[] linkKey;

    private AttachmentKeys(byte[] master) {
        this.contentKey = new SecretKeySpec(expand(master, "utrecht-hub attachments content v1"), "AES");
        this.linkKey = expand(master, "utrecht-hub attachments link v1");
    }

    /** From the master key in base64; refuses a key that is not exactly 32 bytes. */
    static AttachmentKeys fromBase64(String encoded) {
        byte[] master;
        try {
            master = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new KeyException("The encryption key for attachments (hub.attachments.encryption-key) is not base64.");
        }
        if (master.length != KEY_BYTES) {
            throw new KeyException("The encryption key for attachments (hub.attachments.encryption-key) has "
                    + master.length + " bytes, not 32.");
        }
        try {
            return new AttachmentKeys(master);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    /**
     * The configured key; without one, in the demo profile only, a key generated once into
     * {@code <attachments dir>/.demo-key}; otherwise the hub does not start.
     */
    static AttachmentKeys resolve(String configured, boolean demo, Path attachmentsDir) {
        if (configured != null && !configured.isBlank()) {
            return fromBase64(configured);
        }
        if (!demo) {
            throw new KeyException("No encryption key for attachments (documents sent by claim-check): "
                    + "hub.attachments.encryption-key is not set.");
        }
        Path file = attachmentsDir.resolve(DEMO_KEY_FILE);
        try {
            Files.createDirectories(attachmentsDir);
            if (!Files.exists(file)) {
                byte[] master = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(master);
                writeOwnerOnly(file, Base64.getEncoder().encodeToString(master));
                log.warn("Demo profile: generated a key for attachments in {}; for a demo only, never for real data",
                        file);
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the demo key " + file, e);
        }
    }

    SecretKeySpec contentKey() {
        return contentKey;
    }

    byte[] linkKey() {
        return linkKey.clone();
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return; // another hub on the same data directory was first
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    /** HKDF-Expand with SHA-256 for one block of output (32 bytes): HMAC(prk, info || 0x01). */
    private static byte[] expand(byte[] prk, String info) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(info.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
