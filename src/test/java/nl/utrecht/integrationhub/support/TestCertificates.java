package nl.utrecht.integrationhub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Throwaway self-signed certificates for TLS tests, made at test time with the JDK's keytool under
 * {@code target/tls-it/} (never a key in the repository): CN and SAN localhost and 127.0.0.1, RSA 2048,
 * valid two days.
 */
public final class TestCertificates {

    /**
     * A server keystore (PKCS12: key and certificate, alias {@code hub}), the certificate (PEM) and a
     * truststore (PKCS12) holding only the certificate, all protected by {@code password}.
     */
    public record SelfSigned(Path dir, Path keystore, Path certificate, Path truststore, String password) {

        /** An SSL context that trusts this certificate and nothing else. */
        public SSLContext trustingContext() {
            try (InputStream in = Files.newInputStream(truststore)) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(in, password.toCharArray());
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trust);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, factory.getTrustManagers(), new SecureRandom());
                return context;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestCertificates() {
    }

    /** A new self-signed certificate in a fresh directory under target/tls-it/. */
    public static SelfSigned selfSigned() {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tls-it")), "cert-").toAbsolutePath();
            String password = HubTestEnvironment.randomSecret();
            Path keystore = dir.resolve("hub.p12");
            Path certificate = dir.resolve("hub.crt");
            Path truststore = dir.resolve("trust.p12");
            keytool("-genkeypair", "-alias", "hub", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost, O=Integration hub test", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
            keytool("-exportcert", "-rfc", "-alias", "hub", "-keystore", keystore.toString(), "-storepass", password,
                    "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "hub", "-file", certificate.toString(),
                    "-storetype", "PKCS12", "-keystore", truststore.toString(), "-storepass", password);
            return new SelfSigned(dir, keystore, certificate, truststore, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a test certificate", e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for keytool", e);
        }
    }
}
