package nl.utrecht.integrationhub.attachments;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code hub.attachments.*}: documents sent by claim-check (see docs/attachments.md). The encryption key
 * is not a property of this record: it is a secret, read once by {@link AttachmentKeys}.
 *
 * @param maxBytes       largest document accepted (default 20 MB = 20 MiB = 20,971,520 bytes)
 * @param mediaTypes     the media types accepted on upload
 * @param uploaderGroups partner groups that may upload a dossier's documents
 * @param receiverGroups partner groups that may fetch them (the receiving party)
 * @param linkValidity   how long a signed link in an outbound message is valid
 * @param gracePeriod    how long a fetched document is kept before its content is deleted
 * @param maxRetention   how long a document never fetched is kept before its content is deleted
 * @param purgeInterval  how often the purge runs
 * @param baseUrl        the hub's address as the receiver reaches it ({@code https://hub.example.nl});
 *                       empty: links are relative references ({@code /api/attachments/...})
 */
@ConfigurationProperties(prefix = "hub.attachments")
record AttachmentProperties(DataSize maxBytes, List<String> mediaTypes, Set<String> uploaderGroups,
                            Set<String> receiverGroups, Duration linkValidity, Duration gracePeriod,
                            Duration maxRetention, Duration purgeInterval, String baseUrl) {

    /** PDF, JPEG and PNG scans, and text documents (Word, OpenDocument); no macro-enabled formats. */
    static final List<String> DEFAULT_MEDIA_TYPES = List.of(
            "application/pdf",
            "image/jpeg",
            "image/png",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text");

    AttachmentProperties {
        maxBytes = maxBytes == null ? DataSize.ofMegabytes(20) : maxBytes;
        mediaTypes = mediaTypes == null || mediaTypes.isEmpty() ? DEFAULT_MEDIA_TYPES
                : mediaTypes.stream().map(type -> type.trim().toLowerCase(Locale.ROOT)).toList();
        uploaderGroups = uploaderGroups == null || uploaderGroups.isEmpty() ? Set.of("partner-vluchtelingenwerk")
                : Set.copyOf(uploaderGroups);
        receiverGroups = receiverGroups == null || receiverGroups.isEmpty()
                ? Set.of("partner-vluchtelingenwerk-utrecht") : Set.copyOf(receiverGroups);
        linkValidity = positive(linkValidity, Duration.ofHours(1), "link-validity");
        gracePeriod = nonNegative(gracePeriod, Duration.ofDays(7), "grace-period");
        maxRetention = positive(maxRetention, Duration.ofDays(90), "max-retention");
        purgeInterval = positive(purgeInterval, Duration.ofHours(1), "purge-interval");
        baseUrl = baseUrl == null ? "" : baseUrl.strip().replaceAll("/+$", "");
        if (maxBytes.toBytes() < 1) {
            throw new IllegalArgumentException("hub.attachments.max-bytes must be positive");
        }
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        Duration duration = value == null ? fallback : value;
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("hub.attachments." + name + " must be positive");
        }
        return duration;
    }

    private static Duration nonNegative(Duration value, Duration fallback, String name) {
        Duration duration = value == null ? fallback : value;
        if (duration.isNegative()) {
            throw new IllegalArgumentException("hub.attachments." + name + " must not be negative");
        }
        return duration;
    }
}
