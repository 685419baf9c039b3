package nl.utrecht.integrationhub.attachments;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.attachments.AttachmentRepository.Attachment;
import nl.utrecht.integrationhub.outbound.OutboundEnricher;

/**
 * Adds {@code data.attachments} to a dossier transfer just before each send attempt: the case's
 * documents not fetched yet, each with a freshly signed link valid for {@code hub.attachments.link-validity}.
 * A resend after the links expired carries new ones.
 */
@Component
class AttachmentLinks implements OutboundEnricher {

    static final String DOSSIER_TRANSFER_REQUESTED = "nl.utrecht.hub.dossier-transfer-requested";
    static final String PATH = "/api/attachments/";

    private final AttachmentRepository repository;
    private final LinkSigner signer;
    private final AttachmentProperties properties;
    private final Clock clock;

    AttachmentLinks(AttachmentRepository repository, LinkSigner signer, AttachmentProperties properties, Clock clock) {
        this.repository = repository;
        this.signer = signer;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean appliesTo(String messageType) {
        return DOSSIER_TRANSFER_REQUESTED.equals(messageType);
    }

    @Override
    public void enrich(String messageType, String caseId, ObjectNode data) {
        ArrayNode attachments = data.putArray("attachments");
        if (caseId == null) {
            return;
        }
        Instant expires = clock.instant().plus(properties.linkValidity()).truncatedTo(ChronoUnit.SECONDS);
        for (Attachment attachment : repository.notFetchedOf(caseId)) {
            ObjectNode item = attachments.addObject();
            item.put("id", attachment.id());
            item.put("mediaType", attachment.mediaType());
            item.put("size", attachment.size());
            item.put("sha256", attachment.sha256());
            item.put("href", href(attachment.id(), expires));
            item.put("expiresAt", expires.toString());
        }
    }

    /** The signed link: absolute with {@code hub.attachments.base-url}, else a reference relative to the hub. */
    String href(String id, Instant expires) {
        long epochSecond = expires.getEpochSecond();
        return properties.baseUrl() + PATH + id + "?expires=" + epochSecond + "&signature="
                + signer.sign(id, epochSecond);
    }
}
