package nl.utrecht.integrationhub.platform.camunda;

import java.sql.DatabaseMetaData;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Helps each database plan two of the engine's queries right, without touching the engine's SQL
 * (docs/benchmarks.md, "Growth: where the time goes"). Created once (IF NOT EXISTS) at start, after the
 * engine made its tables; a failure is logged and the queries still work, slower.
 *
 * <p><b>PostgreSQL 14 or later: the authorization checks.</b> With authorizations on, every task query
 * (Tasklist's filter page and its count) joins ACT_RU_AUTHORIZATION with conditions such as
 * {@code AUTH.PERMS_ & 2 = 2}; PostgreSQL cannot estimate such a bit test, assumes it matches almost
 * nothing and plans a nested loop over every permission row of the caseworker's groups for every task:
 * work that grows with the square of the open tasks (two minutes for Tasklist's count at 10,000 open
 * households). Extended statistics on the two bit tests the task query uses (READ = 2 on a task,
 * READ_TASK = 64 on a process definition) give the planner the real selectivity, and it looks each
 * task's grants up by Camunda's own index on RESOURCE_ID_ instead; autovacuum's ANALYZE keeps them
 * current. They help only a plan made with the statement's values: the postgres profile sets
 * {@code plan_cache_mode=force_custom_plan} on the hub's connections (config/application-postgres.yaml),
 * because in a generic plan the bits are parameters and PostgreSQL falls back to the loop.
 *
 * <p><b>H2: process instances by business key.</b> The engine's process instance query always has
 * {@code RES.PARENT_ID_ is null}; H2 does not weigh how many rows are null and chose the foreign-key
 * index on PARENT_ID_ over Camunda's index on BUSINESS_KEY_, so each lookup read every process instance
 * (20,001 rows, about 0.3 s, at 10,000 open households). The hub asks this for every correlated or
 * parked event (is the case still open?). With an index on both columns H2 matches both conditions and
 * reads the case's own rows (3). PostgreSQL keeps the share of nulls in its statistics and uses the
 * business key index already.
 */
@Component
class EngineQueryTuning implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(EngineQueryTuning.class);

    static final List<String> POSTGRES_STATEMENTS = List.of(
            "CREATE STATISTICS IF NOT EXISTS hub_auth_perms_read ON ((perms_ & 2)) FROM act_ru_authorization",
            "CREATE STATISTICS IF NOT EXISTS hub_auth_perms_read_task ON ((perms_ & 64)) FROM act_ru_authorization",
            "ANALYZE act_ru_authorization");

    static final String H2_INDEX = "HUB_IX_EXEC_BUSKEY_ROOT";
    static final List<String> H2_STATEMENTS = List.of(
            "CREATE INDEX IF NOT EXISTS " + H2_INDEX + " ON ACT_RU_EXECUTION (BUSINESS_KEY_, PARENT_ID_)");

    private final JdbcTemplate jdbc;

    /** The engine is a parameter so that its tables exist before this runs. */
    EngineQueryTuning(DataSource dataSource, ProcessEngine engine) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> statements = jdbc.execute((java.sql.Connection connection) -> {
            DatabaseMetaData meta = connection.getMetaData();
            return switch (meta.getDatabaseProductName()) {
                case "PostgreSQL" -> meta.getDatabaseMajorVersion() >= 14 ? POSTGRES_STATEMENTS : List.<String>of();
                case "H2" -> H2_STATEMENTS;
                default -> List.<String>of();
            };
        });
        if (statements == null || statements.isEmpty()) {
            return;
        }
        try {
            statements.forEach(jdbc::execute);
            log.info("The engine's tables are tuned for its queries ({} statements)", statements.size());
        } catch (RuntimeException e) {
            // Another node doing the same at the same moment, or a role that may not: queries still work, slower.
            log.warn("Could not tune the engine's tables for its queries: {}", e.getMessage());
        }
    }
}
