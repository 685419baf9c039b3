package nl.utrecht.integrationhub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import nl.utrecht.integrationhub.HubApplication;
import nl.utrecht.integrationhub.support.HubTestEnvironment;
import nl.utrecht.integrationhub.support.TestCertificates;

/**
 * HTTPS as an operator switches it on: the profile {@code tls} (config/application-tls.yaml, a PKCS12
 * keystore from HUB_TLS_KEYSTORE / HUB_TLS_KEYSTORE_PASSWORD) and the profile {@code tls-pem} (PEM files).
 * A throwaway self-signed certificate (SAN localhost, 127.0.0.1) is made with the JDK's keytool under
 * target/tls-it/ at test time ({@link TestCertificates}); a hub of its own serves with it. A client trusting that certificate gets
 * readiness and an authenticated API call; a client that does not trust it fails the handshake; plain
 * HTTP on the port gets no successful answer; a TLS 1.1 ClientHello is refused while a TLS 1.2 one (same
 * bytes but the version) is answered with a ServerHello.
 */
@DisabledIfSystemProperty(named = "spring.profiles.active", matches = ".*postgres.*", disabledReason =
        "This test starts a second hub next to the suite's shared one; on the suite's one PostgreSQL database "
        + "the two would share their engine's jobs and the outbox.")
class TlsIT {

    private static final String ADMIN_PASSWORD = HubTestEnvironment.randomSecret();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static Path dir;
    private static Path keystore;
    private static String keystorePassword;
    private static SSLContext trusting;
    private static ConfigurableApplicationContext hub;
    private static int port;

    @BeforeAll
    static void startHub() throws Exception {
        TestCertificates.SelfSigned certificate = TestCertificates.selfSigned();
        dir = certificate.dir();
        keystore = certificate.keystore();
        keystorePassword = certificate.password();
        trusting = certificate.trustingContext();

        hub = start("tls", "--HUB_TLS_KEYSTORE=" + keystore, "--HUB_TLS_KEYSTORE_PASSWORD=" + keystorePassword);
        port = port(hub);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aClientTrustingTheCertificateGetsReadinessAndAnAuthenticatedApiCall() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting).connectTimeout(TIMEOUT).build();

        HttpResponse<String> readiness = client.send(get("/actuator/health/readiness").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("UP");
        assertThat(readiness.sslSession()).as("served over TLS").isPresent();
        assertThat(readiness.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.3", "TLSv1.2");

        HttpResponse<String> anonymous = client.send(get("/api/admin/inbox").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("the API still wants a login over HTTPS").isEqualTo(401);
        HttpResponse<String> inbox = client.send(get("/api/admin/inbox").header("Authorization", basic()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(inbox.statusCode()).as("GET /api/admin/inbox as administrator: " + inbox.body()).isEqualTo(200);
    }

    @Test
    void aClientNotTrustingTheCertificateFailsTheHandshake() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build(); // the JDK's default trust store

        Throwable failure = catchThrowable(() -> client.send(get("/actuator/health/readiness").build(),
                HttpResponse.BodyHandlers.ofString()));

        assertThat(failure).as("handshake with an untrusted certificate").isNotNull();
        assertThat(causes(failure)).as("causes of " + failure).anyMatch(SSLHandshakeException.class::isInstance);
    }

    @Test
    void plainHttpOnTheSamePortGetsNoSuccessfulAnswer() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(TIMEOUT).build();

        Throwable failure = catchThrowable(() -> {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            // Tomcat answers plain HTTP on a TLS port with 400 ("This combination of host and port requires TLS.").
            assertThat(response.statusCode()).as("plain HTTP answered with " + response.body()).isGreaterThanOrEqualTo(400);
            assertThat(response.body()).doesNotContain("UP");
        });

        assertThat(failure).as("plain HTTP: either refused/closed or a 4xx answer").satisfiesAnyOf(
                f -> assertThat(f).isNull(),
                f -> assertThat(f).isInstanceOf(IOException.class));
    }

    @Test
    void onlyTls12And13AreServedAndATls11HelloIsRefused() throws Exception {
        Connector connector = ((TomcatWebServer) ((ServletWebServerApplicationContext) hub).getWebServer())
                .getTomcat().getService().findConnectors()[0];
        SSLHostConfig[] configs = connector.findSslHostConfigs();
        assertThat(configs).isNotEmpty();
        assertThat(configs[0].getProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");

        // The JDK's own client no longer offers TLS 1.1 (jdk.tls.disabledAlgorithms), so the hello is written by hand.
        assertThat(answerTo(clientHello(0x0302))).as("answer to a TLS 1.1 ClientHello").isNotEqualTo(Answer.SERVER_HELLO);
        // The same hello as TLS 1.2 is answered: proves the hand-written hello is one the server understands.
        assertThat(answerTo(clientHello(0x0303))).as("answer to a TLS 1.2 ClientHello").isEqualTo(Answer.SERVER_HELLO);

        // And a JDK client limited to TLS 1.2 gets a TLS 1.2 session.
        SSLParameters tls12 = new SSLParameters();
        tls12.setProtocols(new String[] {"TLSv1.2"});
        HttpClient client = HttpClient.newBuilder().sslContext(trusting).sslParameters(tls12).connectTimeout(TIMEOUT).build();
        HttpResponse<String> readiness = client.send(get("/actuator/health/readiness").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.2");
    }

    @Test
    void theTlsPemProfileServesFromPemFiles() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, keystorePassword.toCharArray());
        }
        Key key = store.getKey("hub", keystorePassword.toCharArray());
        Certificate certificate = store.getCertificate("hub");
        Path keyFile = dir.resolve("hub.key.pem");
        Path certificateFile = dir.resolve("hub.crt.pem");
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));

        try (ConfigurableApplicationContext pemHub = start("tls-pem",
                "--HUB_TLS_CERTIFICATE=" + certificateFile, "--HUB_TLS_PRIVATE_KEY=" + keyFile)) {
            HttpClient client = HttpClient.newBuilder().sslContext(trusting).connectTimeout(TIMEOUT).build();
            HttpResponse<String> readiness = client.send(HttpRequest.newBuilder(
                            URI.create("https://127.0.0.1:" + port(pemHub) + "/actuator/health/readiness")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.sslSession()).isPresent();
        }
    }

    private static ConfigurableApplicationContext start(String profile, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=" + profile,
                "--hub.data-dir=" + HubTestEnvironment.newDataDir(),
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--hub.broker.port=-1",
                "--camunda.bpm.generate-unique-process-engine-name=true",
                // No webapps: they keep state in static fields that closing this hub would clear for the
                // suite's shared hub too.
                "--camunda.bpm.webapp.enabled=false",
                "--hub.admin.user-id=" + HubTestEnvironment.ADMIN_USER_ID,
                "--hub.admin.password=" + ADMIN_PASSWORD));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(HubApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).timeout(TIMEOUT);
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (HubTestEnvironment.ADMIN_USER_ID + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable t = failure; t != null && causes.size() < 10; t = t.getCause()) {
            causes.add(t);
        }
        return causes;
    }

    enum Answer { SERVER_HELLO, ALERT, CLOSED, OTHER }

    /** Sends a ClientHello and classifies the first record the server answers with. */
    private static Answer answerTo(byte[] hello) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(hello);
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int contentType;
            try {
                contentType = in.read();
            } catch (SocketTimeoutException | java.net.SocketException e) {
                return Answer.CLOSED;
            }
            if (contentType < 0) {
                return Answer.CLOSED;
            }
            if (contentType == 0x15) {
                return Answer.ALERT;
            }
            if (contentType == 0x16) {
                byte[] header = new byte[5]; // record version (2), length (2), handshake type (1)
                in.readFully(header);
                return header[4] == 0x02 ? Answer.SERVER_HELLO : Answer.OTHER;
            }
            return Answer.OTHER;
        }
    }

    /**
     * A minimal ClientHello for {@code version} (0x0302 TLS 1.1, 0x0303 TLS 1.2): ECDHE-RSA with AES-128 in
     * GCM (1.2 only) and CBC (1.1 and 1.2), the P-256 group, uncompressed points and RSA signature algorithms.
     */
    private static byte[] clientHello(int version) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version >> 8);
        body.write(version & 0xff);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        body.writeBytes(new byte[] {0x00, 0x04, (byte) 0xc0, 0x2f, (byte) 0xc0, 0x13}); // cipher suites
        body.writeBytes(new byte[] {0x01, 0x00}); // compression: null
        byte[] extensions = {
                0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17,                   // supported_groups: secp256r1
                0x00, 0x0b, 0x00, 0x02, 0x01, 0x00,                               // ec_point_formats: uncompressed
                0x00, 0x0d, 0x00, 0x06, 0x00, 0x04, 0x04, 0x01, 0x08, 0x04};      // signature_algorithms
        body.write(extensions.length >> 8);
        body.write(extensions.length & 0xff);
        body.writeBytes(extensions);

        byte[] hello = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {0x16, 0x03, 0x01}); // handshake record, version TLS 1.0 as hellos carry
        int handshakeLength = hello.length + 4;
        record.write(handshakeLength >> 8);
        record.write(handshakeLength & 0xff);
        record.write(0x01); // ClientHello
        record.write(0);
        record.write(hello.length >> 8);
        record.write(hello.length & 0xff);
        record.writeBytes(hello);
        return record.toByteArray();
    }
}
