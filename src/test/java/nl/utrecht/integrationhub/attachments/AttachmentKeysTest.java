package nl.utrecht.integrationhub.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.utrecht.integrationhub.support.TestAttachmentKey;

class AttachmentKeysTest {

    @TempDir
    Path dir;

    @Test
    void withoutAKeyOutsideTheDemoProfileTheHubDoesNotStart() {
        assertThatThrownBy(() -> AttachmentKeys.resolve("", false, dir))
                .isInstanceOf(AttachmentKeys.KeyException.class)
                .hasMessageContaining("HUB_ATTACHMENTS_KEY")
                .hasMessageContaining("hub.attachments.encryption-key");
        assertThatThrownBy(() -> AttachmentKeys.resolve(null, false, dir)).isInstanceOf(AttachmentKeys.KeyException.class);
        assertThat(dir.resolve(AttachmentKeys.DEMO_KEY_FILE)).doesNotExist();
    }

    @Test
    void aKeyThatIsNotBase64Of32BytesIsRefused() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> AttachmentKeys.resolve(sixteenBytes, false, dir))
                .isInstanceOf(AttachmentKeys.KeyException.class).hasMessageContaining("16 bytes, not 32");
        assertThatThrownBy(() -> AttachmentKeys.resolve("not base64 at all!", true, dir))
                .isInstanceOf(AttachmentKeys.KeyException.class).hasMessageContaining("not base64");
    }

    @Test
    void theDemoProfileGeneratesAKeyOnceAndKeepsIt() throws Exception {
        AttachmentKeys first = AttachmentKeys.resolve("", true, dir.resolve("attachments"));
        Path file = dir.resolve("attachments").resolve(AttachmentKeys.DEMO_KEY_FILE);
        String written = Files.readString(file);
        AttachmentKeys second = AttachmentKeys.resolve(" ", true, dir.resolve("attachments"));

        assertThat(Base64.getDecoder().decode(written)).hasSize(32);
        assertThat(Files.readString(file)).isEqualTo(written);
        assertThat(second.contentKey().getEncoded()).isEqualTo(first.contentKey().getEncoded());
        assertThat(second.linkKey()).isEqualTo(first.linkKey());
    }

    @Test
    void aConfiguredKeyWinsOverTheDemoKeyAndItsDerivedKeysDiffer() {
        String configured = TestAttachmentKey.newKey();

        AttachmentKeys keys = AttachmentKeys.resolve(configured, true, dir);
        AttachmentKeys again = AttachmentKeys.resolve(configured + "\n", false, dir);

        assertThat(dir.resolve(AttachmentKeys.DEMO_KEY_FILE)).doesNotExist();
        assertThat(keys.contentKey().getEncoded()).hasSize(32).isEqualTo(again.contentKey().getEncoded());
        assertThat(keys.contentKey().getEncoded()).isNotEqualTo(keys.linkKey())
                .isNotEqualTo(Base64.getDecoder().decode(configured));
    }
}
