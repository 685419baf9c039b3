package nl.utrecht.integrationhub.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * H2's half of the audit log's append-only rule (see {@link V4__Audit_log}): refuses every UPDATE and
 * DELETE of a {@code hub_audit_log} row. H2 loads it by class name when the database opens, so the
 * class must stay where it is (or a migration must recreate the trigger).
 */
public class AuditLogAppendOnlyTrigger implements Trigger {

    @Override
    public void init(Connection connection, String schemaName, String triggerName, String tableName, boolean before,
                     int type) {
        // nothing to prepare: every row change is refused
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        String refused = newRow == null ? "DELETE" : "UPDATE";
        // SQLSTATE 23001 (restrict_violation), as PostgreSQL's trigger reports it: an integrity rule refuses.
        throw new SQLException("hub_audit_log is append-only: " + refused + " refused", "23001");
    }
}
