package nl.utrecht.integrationhub.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encryption at rest of a document: AES-256-GCM with a random 96-bit IV per file and the attachment's
 * id and case bound as additional authenticated data.
 *
 * <p>A file is encrypted in segments of {@value #SEGMENT_BYTES} bytes, so that neither writing nor
 * reading ever holds a whole document in memory (the JDK's GCM buffers all of a decryption until its
 * tag is checked) and nothing is released before it is authenticated. Layout:
 * {@code "HUBA" version(1) iv(12)}, then per segment its ciphertext and 16-byte tag. Segment {@code i}
 * uses the file's IV with its last four bytes XOR {@code i}, and authenticates the id and case, {@code i}
 * and whether it is the last segment: reordering, dropping or truncating segments fails like tampering
 * (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár).
 */
final class AttachmentCipher {

    static final int SEGMENT_BYTES = 64 * 1024;
    static final int IV_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final byte[] MAGIC = {'H', 'U', 'B', 'A'};
    private static final byte VERSION = 1;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    /** The content is not what was encrypted under this key, id and case. */
    static final class TamperedException extends IOException {
        TamperedException(String message) {
            super(message);
        }
    }

    private final SecretKey key;
    private final SecureRandom random;

    AttachmentCipher(SecretKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    /** What binds a file to its attachment: the id and the case, as additional authenticated data. */
    static byte[] associatedData(String id, String caseId) {
        return ("hub-attachment\u0000" + id + "\u0000" + caseId).getBytes(StandardCharsets.UTF_8);
    }

    /** Encrypts all of {@code plaintext} into {@code ciphertext}; returns the number of plaintext bytes. */
    long encrypt(InputStream plaintext, OutputStream ciphertext, byte[] associatedData) throws IOException {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        ciphertext.write(MAGIC);
        ciphertext.write(VERSION);
        ciphertext.write(iv);
        Cipher cipher = cipher();
        byte[] current = new byte[SEGMENT_BYTES];
        byte[] next = new byte[SEGMENT_BYTES];
        byte[] out = new byte[SEGMENT_BYTES + TAG_BYTES];
        int currentLength = plaintext.readNBytes(current, 0, SEGMENT_BYTES);
        long total = 0;
        for (int index = 0; ; index++) {
            // Read ahead: a segment is the last one when nothing follows it.
            int nextLength = currentLength < SEGMENT_BYTES ? 0 : plaintext.readNBytes(next, 0, SEGMENT_BYTES);
            boolean last = nextLength == 0;
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, segmentIv(iv, index)));
                cipher.updateAAD(segmentAad(associatedData, index, last));
                int length = cipher.doFinal(current, 0, currentLength, out, 0);
                ciphertext.write(out, 0, length);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM encryption failed", e);
            }
            total += currentLength;
            if (last) {
                break;
            }
            byte[] swap = current;
            current = next;
            next = swap;
            currentLength = nextLength;
        }
        Arrays.fill(current, (byte) 0);
        Arrays.fill(next, (byte) 0);
        return total;
    }

    /**
     * Decrypts {@code ciphertext} into {@code plaintext}, segment by segment, each written only after
     * its tag was checked. Throws {@link TamperedException} at the first segment that fails; what was
     * written before it was authentic, but the document is incomplete.
     */
    void decrypt(InputStream ciphertext, OutputStream plaintext, byte[] associatedData) throws IOException {
        byte[] header = ciphertext.readNBytes(MAGIC.length + 1 + IV_BYTES);
        if (header.length < MAGIC.length + 1 + IV_BYTES || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || header[MAGIC.length] != VERSION) {
            throw new TamperedException("not an attachment file of version " + VERSION);
        }
        byte[] iv = Arrays.copyOfRange(header, MAGIC.length + 1, header.length);
        Cipher cipher = cipher();
        int segment = SEGMENT_BYTES + TAG_BYTES;
        byte[] current = new byte[segment];
        byte[] next = new byte[segment];
        byte[] out = new byte[SEGMENT_BYTES];
        int currentLength = ciphertext.readNBytes(current, 0, segment);
        for (int index = 0; ; index++) {
            int nextLength = currentLength < segment ? 0 : ciphertext.readNBytes(next, 0, segment);
            boolean last = nextLength == 0;
            if (currentLength < TAG_BYTES) {
                throw new TamperedException("segment " + index + " is truncated");
            }
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, segmentIv(iv, index)));
                cipher.updateAAD(segmentAad(associatedData, index, last));
                int length = cipher.doFinal(current, 0, currentLength, out, 0);
                plaintext.write(out, 0, length);
            } catch (AEADBadTagException e) {
                throw new TamperedException("segment " + index + " does not authenticate");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM decryption failed", e);
            }
            if (last) {
                break;
            }
            byte[] swap = current;
            current = next;
            next = swap;
            currentLength = nextLength;
        }
        Arrays.fill(out, (byte) 0);
        if (ciphertext.read() != -1) {
            throw new TamperedException("bytes after the last segment");
        }
    }

    /** The size of the file that holds {@code plaintextBytes} of content. */
    static long encryptedSize(long plaintextBytes) {
        long segments = Math.max(1, (plaintextBytes + SEGMENT_BYTES - 1) / SEGMENT_BYTES);
        return MAGIC.length + 1 + IV_BYTES + plaintextBytes + segments * TAG_BYTES;
    }

    private static Cipher cipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is not available", e);
        }
    }

    private static byte[] segmentIv(byte[] iv, int index) {
        byte[] segmentIv = iv.clone();
        for (int i = 0; i < 4; i++) {
            segmentIv[IV_BYTES - 1 - i] ^= (byte) (index >>> (8 * i));
        }
        return segmentIv;
    }

    private static byte[] segmentAad(byte[] associatedData, int index, boolean last) {
        return ByteBuffer.allocate(associatedData.length + 5).put(associatedData).putInt(index)
                .put((byte) (last ? 1 : 0)).array();
    }
}
