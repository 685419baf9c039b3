package nl.utrecht.integrationhub.platform.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master key from configuration (base64 of 32 random bytes), shared by everything that keeps a secret
 * key: the attachments (docs/attachments.md) and the audit log (docs/security.md). The key comes from a
 * property (a secrets file of that name in {@code $HUB_SECRETS_DIR}, or any property source) or an
 * environment variable, never from the repository; without one the hub does not start, except in the
 * demo profile, which generates one into the data directory. Keys for a purpose are derived from the
 * master key with {@link #derive(byte[], String)}.
 */
public final class MasterKey {

    /** The hub cannot use a key: none, or not base64 of 32 bytes. Reported at start by {@link KeyFailureAnalyzer}. */
    public static class KeyException extends IllegalStateException {
        private final String problem;
        private final String action;

        public KeyException(String problem, String action) {
            super(problem + " " + action);
            this.problem = problem;
            this.action = action;
        }

        public String problem() {
            return problem;
        }

        public String action() {
            return action;
        }
    }

    /**
     * What a key is for, as the messages name it.
     *
     * @param name    e.g. "The encryption key for attachments (hub.attachments.encryption-key)"
     * @param missing the problem when no key is configured
     * @param purpose e.g. "a key for attachments", for the demo profile's warning
     * @param failure builds the exception from a problem (so each user keeps its own exception type)
     */
    public record Spec(String name, String missing, String purpose, Function<String, ? extends KeyException> failure) {
    }

    public static final int KEY_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private MasterKey() {
    }

    /** The master key's bytes from base64; refuses a key that is not exactly 32 bytes. */
    public static byte[] fromBase64(String encoded, Spec spec) {
        byte[] master;
        try {
            master = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw spec.failure().apply(spec.name() + " is not base64.");
        }
        if (master.length != KEY_BYTES) {
            throw spec.failure().apply(spec.name() + " has " + master.length + " bytes, not 32.");
        }
        return master;
    }

    /**
     * The configured key; without one, in the demo profile only, a key generated once into
     * {@code <demoDir>/<demoFile>}; otherwise an exception (the hub does not start).
     */
    public static byte[] resolve(String configured, boolean demo, Path demoDir, String demoFile, Spec spec) {
        if (configured != null && !configured.isBlank()) {
            return fromBase64(configured, spec);
        }
        if (!demo) {
            throw spec.failure().apply(spec.missing());
        }
        Path file = demoDir.resolve(demoFile);
        try {
            Files.createDirectories(demoDir);
            if (!Files.exists(file)) {
                byte[] master = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(master);
                writeOwnerOnly(file, Base64.getEncoder().encodeToString(master));
                log.warn("Demo profile: generated {} in {}; for a demo only, never for real data", spec.purpose(), file);
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII), spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the demo key " + file, e);
        }
    }

    /**
     * A key for one purpose: HKDF-Expand (RFC 5869) with SHA-256 of the master key with its own label,
     * one block of output (32 bytes): HMAC(master, label || 0x01). The master key is uniformly random,
     * so it serves as the pseudorandom key and the extract step is skipped (RFC 5869, 3.3).
     */
    public static byte[] derive(byte[] master, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            mac.update(label.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
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
}
