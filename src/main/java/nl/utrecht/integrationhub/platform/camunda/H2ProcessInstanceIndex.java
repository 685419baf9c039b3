package nl.utrecht.integrationhub.platform.camunda;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets H2 find a case's process instances by business key without reading every process instance. The
 * engine's process instance query always has {@code RES.PARENT_ID_ is null}; H2 does not weigh how many
 * rows are null and chose the foreign-key index on PARENT_ID_ over Camunda's index on BUSINESS_KEY_, so
 * each lookup read every process instance (20,001 rows at 10,000 open households, about 0.3 s per
 * lookup; docs/benchmarks.md). The hub asks this for every correlated event (is the case still open?),
 * so a parked or correlated event cost that too. With an index on both columns H2 matches both
 * conditions and reads the case's own rows (3).
 *
 * <p>Created once (IF NOT EXISTS) at start after the engine made its tables; H2 only. PostgreSQL keeps
 * the fraction of nulls in its statistics and uses the business key index already.
 */
@Component
class H2ProcessInstanceIndex implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(H2ProcessInstanceIndex.class);

    static final String INDEX = "HUB_IX_EXEC_BUSKEY_ROOT";
    static final String STATEMENT = "CREATE INDEX IF NOT EXISTS " + INDEX
            + " ON ACT_RU_EXECUTION (BUSINESS_KEY_, PARENT_ID_)";

    private final JdbcTemplate jdbc;

    /** The engine is a parameter so that its tables exist before this runs. */
    H2ProcessInstanceIndex(DataSource dataSource, ProcessEngine engine) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void afterSingletonsInstantiated() {
        Boolean h2 = jdbc.execute((java.sql.Connection connection) ->
                "H2".equals(connection.getMetaData().getDatabaseProductName()));
        if (!Boolean.TRUE.equals(h2)) {
            return;
        }
        try {
            jdbc.execute(STATEMENT);
            log.info("Index {} on the engine's executions is in place", INDEX);
        } catch (RuntimeException e) {
            // Queries still work without it, slower.
            log.warn("Could not create index {}: {}", INDEX, e.getMessage());
        }
    }
}
