package nl.utrecht.integrationhub.attachments;

import java.nio.file.Path;
import java.security.SecureRandom;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import nl.utrecht.integrationhub.attachments.AttachmentStore.AttachmentDirectory;

/** The attachments' directory and keys; the hub does not start without a key (outside the demo profile). */
@Configuration
class AttachmentConfiguration {

    @Bean
    AttachmentDirectory attachmentDirectory(@Value("${hub.data-dir}") Path dataDir) {
        return AttachmentDirectory.create(dataDir.resolve("attachments").toAbsolutePath());
    }

    /**
     * The master key: property {@code hub.attachments.encryption-key} (a secrets file of that name in
     * the config tree, or any property source), else the environment variable HUB_ATTACHMENTS_KEY.
     */
    @Bean
    AttachmentKeys attachmentKeys(Environment environment, AttachmentDirectory directory,
                                  @Value("${hub.attachments.encryption-key:${HUB_ATTACHMENTS_KEY:}}") String key) {
        return AttachmentKeys.resolve(key, environment.acceptsProfiles(Profiles.of("demo")), directory.path());
    }

    @Bean
    AttachmentCipher attachmentCipher(AttachmentKeys keys) {
        return new AttachmentCipher(keys.contentKey(), new SecureRandom());
    }

    @Bean
    LinkSigner attachmentLinkSigner(AttachmentKeys keys) {
        return new LinkSigner(keys.linkKey());
    }
}
