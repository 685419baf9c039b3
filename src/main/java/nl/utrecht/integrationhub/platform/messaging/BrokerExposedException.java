package nl.utrecht.integrationhub.platform.messaging;

/** The broker's acceptor is to listen on a non-loopback address, but no broker user is configured. */
class BrokerExposedException extends IllegalStateException {

    private final String host;

    BrokerExposedException(String host) {
        super("The embedded broker's acceptor would listen on " + host + ", which is not a loopback address, "
                + "without a broker user: set hub.broker.user and hub.broker.password (HUB_BROKER_USER / "
                + "HUB_BROKER_PASSWORD or secrets files), or keep hub.broker.host on 127.0.0.1.");
        this.host = host;
    }

    String host() {
        return host;
    }
}
