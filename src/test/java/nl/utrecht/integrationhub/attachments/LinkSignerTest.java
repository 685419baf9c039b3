package nl.utrecht.integrationhub.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import nl.utrecht.integrationhub.attachments.LinkSigner.Verdict;

class LinkSignerTest {

    private static final String ID = "3f1c1a52-0000-4000-8000-000000000001";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final long IN_AN_HOUR = NOW.plusSeconds(3600).getEpochSecond();

    private final LinkSigner signer = new LinkSigner(key());

    @Test
    void aSignedLinkIsValidUntilItExpires() {
        String signature = signer.sign(ID, IN_AN_HOUR);

        assertThat(signer.verify(ID, IN_AN_HOUR, signature, NOW)).isEqualTo(Verdict.VALID);
        assertThat(signer.verify(ID, IN_AN_HOUR, signature, NOW.plusSeconds(3599))).isEqualTo(Verdict.VALID);
        assertThat(signer.verify(ID, IN_AN_HOUR, signature, NOW.plusSeconds(3600))).isEqualTo(Verdict.EXPIRED);
        assertThat(signer.verify(ID, IN_AN_HOUR, signature, NOW.plusSeconds(86_400))).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void aLinkForAnotherIdOrALaterExpiryDoesNotVerify() {
        String signature = signer.sign(ID, IN_AN_HOUR);

        assertThat(signer.verify("3f1c1a52-0000-4000-8000-000000000002", IN_AN_HOUR, signature, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signer.verify(ID, IN_AN_HOUR + 86_400, signature, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void aTamperedOrForeignSignatureDoesNotVerify() {
        String signature = signer.sign(ID, IN_AN_HOUR);
        char first = signature.charAt(0);
        String tampered = (first == 'A' ? 'B' : 'A') + signature.substring(1);

        assertThat(signer.verify(ID, IN_AN_HOUR, tampered, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signer.verify(ID, IN_AN_HOUR, signature.substring(1), NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signer.verify(ID, IN_AN_HOUR, "", NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signer.verify(ID, IN_AN_HOUR, "not base64!", NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signer.verify(ID, IN_AN_HOUR, new LinkSigner(key()).sign(ID, IN_AN_HOUR), NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void anExpiredLinkWithABadSignatureIsABadSignature() {
        long past = NOW.minusSeconds(60).getEpochSecond();

        assertThat(signer.verify(ID, past, signer.sign(ID, past), NOW)).isEqualTo(Verdict.EXPIRED);
        assertThat(signer.verify(ID, past, new LinkSigner(key()).sign(ID, past), NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
