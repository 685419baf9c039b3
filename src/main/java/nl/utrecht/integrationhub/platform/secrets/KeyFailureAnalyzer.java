package nl.utrecht.integrationhub.platform.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing or unusable key (attachments, audit log) into Spring Boot's short "APPLICATION FAILED
 * TO START" report instead of a page of stack trace. Registered in {@code META-INF/spring.factories}.
 */
class KeyFailureAnalyzer extends AbstractFailureAnalyzer<MasterKey.KeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MasterKey.KeyException cause) {
        return new FailureAnalysis(cause.problem(), cause.action(), cause);
    }
}
