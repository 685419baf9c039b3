package nl.utrecht.integrationhub.platform.health;

import java.sql.SQLException;
import java.util.Set;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * For ReadinessIT's H2 server, which plays a database server that stops and starts: H2 reports a lost
 * server with its own error codes (the database closed at the server's shutdown, a broken connection),
 * not with an SQLState of class 08 as PostgreSQL does, so Hikari would hand out the dead connection again
 * as long as it is borrowed more often than every 500 ms (it checks a connection only after that). This
 * makes the pool drop such a connection, as it drops a PostgreSQL one.
 */
public class H2ServerConnectionLoss implements SQLExceptionOverride {

    /** DATABASE_CALLED_AT_SHUTDOWN, CONNECTION_BROKEN_1, DATABASE_IS_CLOSED. */
    private static final Set<Integer> LOST = Set.of(90121, 90067, 90098);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return LOST.contains(e.getErrorCode()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
