package nl.utrecht.integrationhub.attachments;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing or unusable attachments key into Spring Boot's short "APPLICATION FAILED TO START"
 * report instead of a page of stack trace. Registered in {@code META-INF/spring.factories}.
 */
class AttachmentKeyFailureAnalyzer extends AbstractFailureAnalyzer<AttachmentKeys.KeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AttachmentKeys.KeyException cause) {
        return new FailureAnalysis(cause.problem(), AttachmentKeys.ACTION, cause);
    }
}
