package nl.utrecht.integrationhub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.utrecht.integrationhub.support.TestAttachmentKey;

/** The audit log's pseudonyms: keyed, stable per key, different under another key; the key from configuration. */
class PseudonymiserTest {

    private static final String V_NUMBER = "0000000001";
    private static final String OTHER_V_NUMBER = "0000000002";
    private static final String BSN = "111222333";

    @TempDir
    Path dir;

    @Test
    void theSameIdentifierGivesTheSamePseudonymAndAnotherIdentifierAnother() {
        Pseudonymiser pseudonymiser = Pseudonymiser.fromBase64(TestAttachmentKey.newKey());

        String pseudonym = pseudonymiser.pseudonym(V_NUMBER);

        assertThat(pseudonym).matches("[0-9a-f]{64}").doesNotContain(V_NUMBER)
                .isEqualTo(pseudonymiser.pseudonym(V_NUMBER)).isEqualTo(pseudonymiser.pseudonym(" " + V_NUMBER + "\n"))
                .isNotEqualTo(pseudonymiser.pseudonym(OTHER_V_NUMBER)).isNotEqualTo(pseudonymiser.pseudonym(BSN));
    }

    @Test
    void anotherKeyGivesAnotherPseudonymAndTheSameKeyTheSame() {
        String key = TestAttachmentKey.newKey();

        String underKey = Pseudonymiser.fromBase64(key).pseudonym(V_NUMBER);

        assertThat(Pseudonymiser.fromBase64(key).pseudonym(V_NUMBER)).isEqualTo(underKey);
        assertThat(Pseudonymiser.fromBase64(TestAttachmentKey.newKey()).pseudonym(V_NUMBER)).isNotEqualTo(underKey);
    }

    @Test
    void thePseudonymIsNotAnUnkeyedHashOfTheIdentifier() throws Exception {
        String unkeyed = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(V_NUMBER.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

        assertThat(Pseudonymiser.fromBase64(TestAttachmentKey.newKey()).pseudonym(V_NUMBER)).isNotEqualTo(unkeyed);
    }

    @Test
    void withoutAKeyOutsideTheDemoProfileTheHubDoesNotStart() {
        assertThatThrownBy(() -> Pseudonymiser.resolve("", false, dir))
                .isInstanceOf(Pseudonymiser.KeyException.class)
                .hasMessageContaining("HUB_AUDIT_KEY")
                .hasMessageContaining("hub.audit.pseudonym-key");
        assertThatThrownBy(() -> Pseudonymiser.resolve(null, false, dir)).isInstanceOf(Pseudonymiser.KeyException.class);
        assertThat(dir.resolve(Pseudonymiser.DEMO_KEY_FILE)).doesNotExist();
    }

    @Test
    void aKeyThatIsNotBase64Of32BytesIsRefused() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> Pseudonymiser.resolve(sixteenBytes, false, dir))
                .isInstanceOf(Pseudonymiser.KeyException.class).hasMessageContaining("16 bytes, not 32");
        assertThatThrownBy(() -> Pseudonymiser.resolve("not base64 at all!", true, dir))
                .isInstanceOf(Pseudonymiser.KeyException.class).hasMessageContaining("not base64");
    }

    @Test
    void theDemoProfileGeneratesAKeyOnceAndKeepsIt() throws Exception {
        Path auditDir = dir.resolve("audit");
        String first = Pseudonymiser.resolve("", true, auditDir).pseudonym(V_NUMBER);
        Path file = auditDir.resolve(Pseudonymiser.DEMO_KEY_FILE);
        String written = Files.readString(file);

        String second = Pseudonymiser.resolve(" ", true, auditDir).pseudonym(V_NUMBER);

        assertThat(Base64.getDecoder().decode(written)).hasSize(32);
        assertThat(Files.readString(file)).isEqualTo(written);
        assertThat(second).isEqualTo(first);
        assertThat(Pseudonymiser.fromBase64(written).pseudonym(V_NUMBER)).isEqualTo(first);
    }

    @Test
    void theAuditKeyAndTheAttachmentsKeyDeriveDifferentKeysFromOneMaster() {
        String master = TestAttachmentKey.newKey();
        byte[] raw = Base64.getDecoder().decode(master);

        String pseudonym = Pseudonymiser.fromBase64(master).pseudonym(V_NUMBER);

        assertThat(pseudonym).isNotEqualTo(java.util.HexFormat.of().formatHex(hmac(raw, V_NUMBER)));
    }

    private static byte[] hmac(byte[] key, String value) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
