package nl.utrecht.integrationhub.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.utrecht.integrationhub.HubApplication;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubState;
import nl.utrecht.integrationhub.support.HubTestEnvironment;
import nl.utrecht.integrationhub.support.TestCertificates;

/**
 * The embedded broker's CORE acceptor on a non-loopback address (0.0.0.0): with a broker user the broker
 * refuses anonymous and wrong logins, accepts the user's, and the hub itself (logged in as that user over
 * in-VM) still consumes hub.inbound; without a user the hub refuses to start, saying why. With a keystore
 * the acceptor speaks TLS only: the user gets in over TLS trusting the broker's certificate, not over plain
 * TCP and not without trusting it.
 */
@DisabledIfSystemProperty(named = "spring.profiles.active", matches = ".*postgres.*", disabledReason =
        "This test starts a second hub next to the suite's shared one; on the suite's one PostgreSQL database "
        + "the two would share their inbox and engine.")
class BrokerExposureIT {

    private static final String USER = "hub-broker-it";
    private static final String PASSWORD = HubTestEnvironment.randomSecret();
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);

    private static ConfigurableApplicationContext hub;
    private static int brokerPort;

    @BeforeAll
    static void startHub() throws IOException {
        brokerPort = freePort();
        hub = new SpringApplicationBuilder(HubApplication.class).run(arguments(brokerPort,
                "--HUB_BROKER_USER=" + USER, "--HUB_BROKER_PASSWORD=" + PASSWORD));
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void anonymousAndWrongLoginsAreRefused() {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl())) {
            Throwable anonymous = catchThrowable(() -> factory.createConnection().close());
            assertThat(anonymous).as("anonymous CORE connection").isInstanceOf(JMSSecurityException.class);

            Throwable wrong = catchThrowable(() -> factory.createConnection(USER, PASSWORD + "x").close());
            assertThat(wrong).as("wrong password").isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void theBrokerUserSendsAnIntakeAndTheHubAppliesIt() throws Exception {
        String vNumber = Events.newVNumber();
        ObjectNode intake = Events.intake(vNumber);

        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl());
             Connection connection = factory.createConnection(USER, PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("hub.inbound"));
            producer.send(session.createTextMessage(intake.toString()));
        }

        HubState state = new HubState(hub.getBean(JdbcTemplate.class), hub.getBean(RuntimeService.class),
                hub.getBean(TaskService.class));
        await("intake sent over the exposed acceptor applied by the hub").atMost(APPLIED_WITHIN)
                .until(() -> state.inboxRow(Events.SOURCE_COA, intake.get("id").asText())
                        .map(row -> "APPLIED".equals(row.get("status"))).orElse(false));
        assertThat(state.casesOfPerson(vNumber)).isEqualTo(1);
    }

    @Test
    void withoutABrokerUserTheHubRefusesToStart() throws IOException {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(HubApplication.class)
                .run(arguments(freePort())).close());

        assertThat(failure).as("start with an exposed acceptor and no broker user").isNotNull();
        BrokerExposedException cause = cause(failure);
        assertThat(cause).as("cause of " + failure).isNotNull();
        assertThat(cause.getMessage()).contains("0.0.0.0", "not a loopback address", "hub.broker.user", "HUB_BROKER_USER");

        FailureAnalysis analysis = new BrokerExposedFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("0.0.0.0", "hub.broker.host");
        assertThat(analysis.getAction()).contains("HUB_BROKER_USER", "HUB_BROKER_PASSWORD", "127.0.0.1");
    }

    @Test
    void withAKeystoreTheAcceptorSpeaksTlsOnly() throws Exception {
        TestCertificates.SelfSigned certificate = TestCertificates.selfSigned();
        int port = freePort();
        try (ConfigurableApplicationContext tlsHub = new SpringApplicationBuilder(HubApplication.class).run(arguments(port,
                "--HUB_BROKER_USER=" + USER, "--HUB_BROKER_PASSWORD=" + PASSWORD,
                "--HUB_BROKER_TLS_KEYSTORE=" + certificate.keystore(),
                "--HUB_BROKER_TLS_KEYSTORE_PASSWORD=" + certificate.password()))) {
            String tls = "tcp://127.0.0.1:" + port + "?reconnectAttempts=0&initialConnectAttempts=1&callTimeout=5000"
                    + "&sslEnabled=true&trustStoreType=PKCS12&trustStorePath=" + certificate.truststore()
                    + "&trustStorePassword=" + certificate.password();
            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(tls);
                 Connection connection = factory.createConnection(USER, PASSWORD)) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                QueueBrowser browser = session.createBrowser(session.createQueue("hub.inbound.dlq"));
                assertThat(browser.getEnumeration()).as("the broker user browses a queue over TLS").isNotNull();
            }
            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(tls)) {
                assertThat(catchThrowable(() -> factory.createConnection().close()))
                        .as("anonymous over TLS").isInstanceOf(JMSSecurityException.class);
            }
            String plain = "tcp://127.0.0.1:" + port + "?reconnectAttempts=0&initialConnectAttempts=1&callTimeout=5000";
            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(plain)) {
                Throwable failure = catchThrowable(() -> factory.createConnection(USER, PASSWORD).close());
                assertThat(failure).as("plain TCP to the TLS acceptor, even with the right login").isNotNull();
            }
            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                    "tcp://127.0.0.1:" + port + "?reconnectAttempts=0&initialConnectAttempts=1&callTimeout=5000&sslEnabled=true")) {
                Throwable failure = catchThrowable(() -> factory.createConnection(USER, PASSWORD).close());
                assertThat(failure).as("TLS without trusting the broker's certificate").isNotNull();
            }
        }
    }

    private static String[] arguments(int port, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--hub.data-dir=" + HubTestEnvironment.newDataDir(),
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--hub.broker.host=0.0.0.0",
                "--hub.broker.port=" + port,
                "--camunda.bpm.generate-unique-process-engine-name=true",
                // No webapps: they keep state in static fields that closing this hub would clear for the
                // suite's shared hub too.
                "--camunda.bpm.webapp.enabled=false",
                "--hub.admin.user-id=" + HubTestEnvironment.ADMIN_USER_ID,
                "--hub.admin.password=" + HubTestEnvironment.randomSecret()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort + "?reconnectAttempts=0&initialConnectAttempts=1";
    }

    private static BrokerExposedException cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BrokerExposedException exposed) {
                return exposed;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
