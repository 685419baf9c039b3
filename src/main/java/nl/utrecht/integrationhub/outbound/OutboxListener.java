package nl.utrecht.integrationhub.outbound;

/** Told after a transaction that wrote (or replayed) an outbox message has committed. */
public interface OutboxListener {

    void messageWritten();
}
