package nl.utrecht.integrationhub.attachments;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived links to an attachment: {@code signature} is HMAC-SHA256 over the id and the expiry
 * (epoch seconds), in base64url without padding, with a key derived for links only
 * ({@link AttachmentKeys}). Checked in constant time.
 */
final class LinkSigner {

    enum Verdict { VALID, EXPIRED, BAD_SIGNATURE }

    private final SecretKeySpec key;

    LinkSigner(byte[] linkKey) {
        this.key = new SecretKeySpec(linkKey, "HmacSHA256");
    }

    String sign(String id, long expiresEpochSecond) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(id, expiresEpochSecond));
    }

    /** The signature first (so an expiry is only reported for links the hub made), then the expiry. */
    Verdict verify(String id, long expiresEpochSecond, String signature, Instant now) {
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return Verdict.BAD_SIGNATURE;
        }
        if (!MessageDigest.isEqual(presented, mac(id, expiresEpochSecond))) {
            return Verdict.BAD_SIGNATURE;
        }
        return now.getEpochSecond() < expiresEpochSecond ? Verdict.VALID : Verdict.EXPIRED;
    }

    private byte[] mac(String id, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(("GET /api/attachments\n" + id + "\n" + expiresEpochSecond)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
