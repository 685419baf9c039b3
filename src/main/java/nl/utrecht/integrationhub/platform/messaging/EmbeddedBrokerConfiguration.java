package nl.utrecht.integrationhub.platform.messaging;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Artemis broker: persistent (journal under hub.data-dir, see application.yaml), a TCP
 * acceptor on loopback for outside clients, and for every address a dead-letter and an expiry
 * address and redelivery with backoff instead of Artemis' drop-after-10 default.
 */
@Configuration
@ConditionalOnProperty(prefix = "spring.artemis.embedded", name = "enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedBrokerConfiguration {

    static final String DEAD_LETTER_ADDRESS = "DLQ";
    static final String EXPIRY_ADDRESS = "ExpiryQueue";

    @Bean
    ArtemisConfigurationCustomizer hubBrokerCustomizer(BrokerProperties broker) {
        return configuration -> {
            if (broker.port() >= 0) {
                try {
                    configuration.addAcceptorConfiguration("tcp", "tcp://" + broker.host() + ":" + broker.port()
                            + "?protocols=CORE");
                } catch (Exception e) {
                    throw new IllegalStateException("invalid broker acceptor", e);
                }
            }
            configuration.setJMXManagementEnabled(false);
            configuration.addAddressSetting("#", new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_ADDRESS))
                    .setExpiryAddress(SimpleString.of(EXPIRY_ADDRESS))
                    .setAutoCreateDeadLetterResources(true)
                    .setAutoCreateExpiryResources(true)
                    .setMaxDeliveryAttempts(10)
                    .setRedeliveryDelay(1_000)
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(60_000));
        };
    }
}
