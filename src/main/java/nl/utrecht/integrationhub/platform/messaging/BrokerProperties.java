package nl.utrecht.integrationhub.platform.messaging;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * {@code hub.broker.*}: the embedded broker's TCP acceptor for outside clients (port -1 switches it off)
 * and the one broker user ({@code user}, {@code password}; from HUB_BROKER_USER / HUB_BROKER_PASSWORD or
 * secrets files). With a user configured, or an acceptor on anything but loopback, the broker requires a
 * login (see {@link EmbeddedBrokerConfiguration}).
 */
@ConfigurationProperties(prefix = "hub.broker")
public record BrokerProperties(String host, int port, String user, String password, Tls tls) {

    @ConstructorBinding
    public BrokerProperties {
    }

    /** An acceptor without a broker user and without TLS (the documents' and tests' view of a loopback broker). */
    public BrokerProperties(String host, int port) {
        this(host, port, null, null, null);
    }

    /**
     * {@code hub.broker.tls.*}: TLS on the acceptor from a PKCS12 keystore (HUB_BROKER_TLS_KEYSTORE,
     * HUB_BROKER_TLS_KEYSTORE_PASSWORD); off without a keystore.
     */
    public record Tls(String keystore, String keystorePassword) {
    }

    /** Whether the acceptor speaks TLS only. */
    public boolean tlsEnabled() {
        return tls != null && tls.keystore() != null && !tls.keystore().isBlank();
    }

    /** Whether clients other than processes on this machine can reach the acceptor. */
    public boolean exposed() {
        if (port < 0) {
            return false;
        }
        try {
            return !InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            // An acceptor on a name that does not resolve fails to start anyway; treat it as exposed.
            return true;
        }
    }

    /** Whether a broker user with a password is configured. */
    public boolean hasCredentials() {
        return user != null && !user.isBlank() && password != null && !password.isBlank();
    }

    /** Whether the broker requires a login: a user is configured, or the acceptor is exposed (then one must be). */
    public boolean securityEnabled() {
        return hasCredentials() || exposed();
    }

    @Override
    public String toString() {
        return "BrokerProperties[host=" + host + ", port=" + port + ", user=" + user + ", password="
                + (password == null ? null : "***") + ", tls=" + (tlsEnabled() ? tls.keystore() : "off") + "]";
    }
}
