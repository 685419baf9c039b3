package nl.utrecht.integrationhub.platform.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code hub.broker.*}: the embedded broker's TCP acceptor for outside clients (-1 switches it off). */
@ConfigurationProperties(prefix = "hub.broker")
public record BrokerProperties(String host, int port) {
}
