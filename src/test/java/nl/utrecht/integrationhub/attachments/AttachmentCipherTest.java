package nl.utrecht.integrationhub.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AttachmentCipherTest {

    private static final int SEGMENT = AttachmentCipher.SEGMENT_BYTES;
    private static final int HEADER = 4 + 1 + AttachmentCipher.IV_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] AAD = AttachmentCipher.associatedData("3f1c1a52-0000-4000-8000-000000000001",
            "HH-2026-000001");

    private final AttachmentCipher cipher = new AttachmentCipher(key(), RANDOM);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 17})
    void decryptsWhatItEncryptedAtEverySegmentBoundary(int size) throws IOException {
        byte[] plaintext = random(size);

        byte[] ciphertext = encrypt(plaintext, AAD);

        assertThat(ciphertext).hasSize((int) AttachmentCipher.encryptedSize(size));
        assertThat(decrypt(ciphertext, AAD)).isEqualTo(plaintext);
    }

    @Test
    void ciphertextHoldsNoneOfThePlaintextAndDiffersEachTime() throws IOException {
        byte[] plaintext = "%PDF-1.7 Testpersoon dossier ".repeat(10_000).getBytes(StandardCharsets.US_ASCII);

        byte[] first = encrypt(plaintext, AAD);
        byte[] second = encrypt(plaintext, AAD);

        assertThat(indexOf(first, "Testpersoon".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
        assertThat(indexOf(first, "%PDF".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
        assertThat(Arrays.copyOfRange(first, 5, HEADER)).as("random IV per file")
                .isNotEqualTo(Arrays.copyOfRange(second, 5, HEADER));
        assertThat(first).isNotEqualTo(second);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, HEADER, HEADER + 100, HEADER + SEGMENT + 16 + 5, -1})
    void aFlippedBitAnywhereFailsAuthentication(int position) throws IOException {
        byte[] ciphertext = encrypt(random(2 * SEGMENT + 100), AAD);
        int at = position < 0 ? ciphertext.length - 1 : position;
        ciphertext[at] ^= 0x01;

        assertThatThrownBy(() -> decrypt(ciphertext, AAD)).isInstanceOf(AttachmentCipher.TamperedException.class);
    }

    @Test
    void anotherIdOrCaseFailsAuthentication() throws IOException {
        byte[] ciphertext = encrypt(random(1000), AAD);

        assertThatThrownBy(() -> decrypt(ciphertext, AttachmentCipher.associatedData(
                "3f1c1a52-0000-4000-8000-000000000002", "HH-2026-000001")))
                .isInstanceOf(AttachmentCipher.TamperedException.class);
        assertThatThrownBy(() -> decrypt(ciphertext, AttachmentCipher.associatedData(
                "3f1c1a52-0000-4000-8000-000000000001", "HH-2026-000002")))
                .isInstanceOf(AttachmentCipher.TamperedException.class);
    }

    @Test
    void anotherKeyFailsAuthentication() throws IOException {
        byte[] ciphertext = encrypt(random(1000), AAD);

        AttachmentCipher other = new AttachmentCipher(key(), RANDOM);
        assertThatThrownBy(() -> other.decrypt(new ByteArrayInputStream(ciphertext), new ByteArrayOutputStream(), AAD))
                .isInstanceOf(AttachmentCipher.TamperedException.class);
    }

    @Test
    void droppedSwappedOrAppendedSegmentsFailAuthentication() throws IOException {
        byte[] ciphertext = encrypt(random(3 * SEGMENT), AAD);
        int segment = SEGMENT + AttachmentCipher.TAG_BYTES;

        byte[] withoutLast = Arrays.copyOf(ciphertext, HEADER + 2 * segment);
        byte[] swapped = ciphertext.clone();
        System.arraycopy(ciphertext, HEADER, swapped, HEADER + segment, segment);
        System.arraycopy(ciphertext, HEADER + segment, swapped, HEADER, segment);
        byte[] appended = Arrays.copyOf(ciphertext, ciphertext.length + 1);

        assertThatThrownBy(() -> decrypt(withoutLast, AAD)).isInstanceOf(AttachmentCipher.TamperedException.class);
        assertThatThrownBy(() -> decrypt(swapped, AAD)).isInstanceOf(AttachmentCipher.TamperedException.class);
        assertThatThrownBy(() -> decrypt(appended, AAD)).isInstanceOf(AttachmentCipher.TamperedException.class);
    }

    @Test
    void nothingOfASegmentIsReleasedBeforeItAuthenticated() throws IOException {
        byte[] plaintext = random(2 * SEGMENT + 10);
        byte[] ciphertext = encrypt(plaintext, AAD);
        ciphertext[HEADER + SEGMENT + 16 + 3] ^= 0x01; // second segment
        ByteArrayOutputStream released = new ByteArrayOutputStream();

        assertThatThrownBy(() -> cipher.decrypt(new ByteArrayInputStream(ciphertext), released, AAD))
                .isInstanceOf(AttachmentCipher.TamperedException.class);
        assertThat(released.toByteArray()).isEqualTo(Arrays.copyOf(plaintext, SEGMENT));
    }

    private byte[] encrypt(byte[] plaintext, byte[] aad) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long size = cipher.encrypt(new ByteArrayInputStream(plaintext), out, aad);
        assertThat(size).isEqualTo(plaintext.length);
        return out.toByteArray();
    }

    private byte[] decrypt(byte[] ciphertext, byte[] aad) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cipher.decrypt(new ByteArrayInputStream(ciphertext), out, aad);
        return out.toByteArray();
    }

    private static SecretKeySpec key() {
        return new SecretKeySpec(random(32), "AES");
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
