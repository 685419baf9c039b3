package nl.utrecht.integrationhub.platform.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jms.connection.DelegatingConnectionFactory;
import org.springframework.jms.connection.SingleConnectionFactory;

/**
 * The embedded Artemis broker: persistent (journal under hub.data-dir, see application.yaml), a TCP
 * acceptor for outside clients, and for every address a dead-letter and an expiry address and redelivery
 * with backoff instead of Artemis' drop-after-10 default.
 *
 * <p>The acceptor listens on loopback by default, without login. On any other address (hub.broker.host
 * 0.0.0.0, a LAN address, a name) the broker must have a user (hub.broker.user / hub.broker.password):
 * Artemis security is switched on, that user is the only one and may do everything on every address
 * ({@code #}), and the hub's own in-VM connections log in as that user too. An exposed acceptor without a
 * user stops the start ({@link BrokerExposedException}). A configured user switches security on on
 * loopback as well. With a keystore (hub.broker.tls.*) the acceptor speaks TLS 1.3/1.2 only.
 */
@Configuration
@ConditionalOnProperty(prefix = "spring.artemis.embedded", name = "enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedBrokerConfiguration {

    static final String DEAD_LETTER_ADDRESS = "DLQ";
    static final String EXPIRY_ADDRESS = "ExpiryQueue";
    /** The role of the broker user: every permission on every address. */
    static final String ROLE = "hub";

    @Bean
    ArtemisConfigurationCustomizer hubBrokerCustomizer(BrokerProperties broker) {
        return configuration -> {
            if (broker.port() >= 0) {
                configuration.addAcceptorConfiguration(acceptor(broker));
            }
            if (broker.securityEnabled()) {
                configuration.setSecurityEnabled(true);
                configuration.putSecurityRoles("#", Set.of(
                        new Role(ROLE, true, true, true, true, true, true, true, true, true, true)));
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

    /** The CORE acceptor; with a keystore TLS only (1.3 and 1.2). Parameters as a map, so no password is parsed as a URL. */
    static TransportConfiguration acceptor(BrokerProperties broker) {
        Map<String, Object> params = new HashMap<>();
        params.put(TransportConstants.HOST_PROP_NAME, broker.host());
        params.put(TransportConstants.PORT_PROP_NAME, broker.port());
        params.put(TransportConstants.PROTOCOLS_PROP_NAME, "CORE");
        if (broker.tlsEnabled()) {
            params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
            params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, broker.tls().keystore());
            params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, broker.tls().keystorePassword());
            params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12");
            params.put(TransportConstants.ENABLED_PROTOCOLS_PROP_NAME, "TLSv1.3,TLSv1.2");
        }
        return new TransportConfiguration(NettyAcceptorFactory.class.getName(), params, "tcp");
    }

    /**
     * Refuses an exposed acceptor without a broker user; with security on, gives the broker a security manager
     * (before the broker starts) that knows the one broker user, and lets the hub's own connection factory log
     * in as that user.
     */
    @Bean
    static BeanPostProcessor hubBrokerLogin() {
        return new BrokerLogin();
    }

    static final class BrokerLogin implements BeanPostProcessor, EnvironmentAware {

        private BrokerProperties broker;

        @Override
        public void setEnvironment(Environment environment) {
            broker = Binder.get(environment).bind("hub.broker", BrokerProperties.class)
                    .orElse(new BrokerProperties("127.0.0.1", -1));
            // Checked here, while the context is still being set up, so a wrong start fails in seconds.
            if (broker.exposed() && !broker.hasCredentials()) {
                throw new BrokerExposedException(broker.host());
            }
        }

        @Override
        public Object postProcessBeforeInitialization(Object bean, String beanName) {
            if (bean instanceof EmbeddedActiveMQ server && broker.securityEnabled() && broker.hasCredentials()) {
                SecurityConfiguration users = new SecurityConfiguration();
                users.addUser(broker.user(), broker.password());
                users.addRole(broker.user(), ROLE);
                server.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
            }
            return bean;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof ConnectionFactory factory && broker.securityEnabled() && broker.hasCredentials()) {
                ActiveMQConnectionFactory artemis = artemis(factory);
                if (artemis != null) {
                    artemis.setUser(broker.user());
                    artemis.setPassword(broker.password());
                }
            }
            return bean;
        }

        private static ActiveMQConnectionFactory artemis(ConnectionFactory factory) {
            ConnectionFactory current = factory;
            for (int depth = 0; depth < 5 && current != null; depth++) {
                if (current instanceof ActiveMQConnectionFactory artemis) {
                    return artemis;
                } else if (current instanceof SingleConnectionFactory single) {
                    current = single.getTargetConnectionFactory();
                } else if (current instanceof DelegatingConnectionFactory delegating) {
                    current = delegating.getTargetConnectionFactory();
                } else {
                    return null;
                }
            }
            return null;
        }
    }
}
