package nl.utrecht.integrationhub.platform.messaging;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * An exposed broker acceptor without a broker user: Spring Boot's short "APPLICATION FAILED TO START"
 * report instead of a stack trace. Registered in {@code META-INF/spring.factories}.
 */
class BrokerExposedFailureAnalyzer extends AbstractFailureAnalyzer<BrokerExposedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BrokerExposedException cause) {
        return new FailureAnalysis(
                "The embedded broker's CORE acceptor is configured on " + cause.host()
                        + " (hub.broker.host), not a loopback address, and no broker user is configured. "
                        + "Anyone who reaches that address could read and write the hub's queues.",
                "Set HUB_BROKER_USER and HUB_BROKER_PASSWORD (or the secrets files of the same names), or keep "
                        + "hub.broker.host on 127.0.0.1 (the default), or switch the acceptor off with hub.broker.port=-1.",
                cause);
    }
}
