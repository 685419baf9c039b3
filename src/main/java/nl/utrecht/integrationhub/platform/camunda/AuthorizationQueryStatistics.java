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
 * Lets PostgreSQL plan the engine's authorization checks right. With authorizations on, every task
 * query (Tasklist's filter page and its count) joins ACT_RU_AUTHORIZATION with conditions such as
 * {@code AUTH.PERMS_ & 2 = 2}; PostgreSQL cannot estimate such a bit test, assumes it matches almost
 * nothing and plans a nested loop over every permission row of the caseworker's groups for every
 * task: work that grows with the square of the open tasks (docs/benchmarks.md: two minutes for the
 * Tasklist's count at 10,000 open households). Extended statistics on the two bit tests the task
 * query uses (READ = 2 on a task, READ_TASK = 64 on a process definition) give the planner the real
 * selectivity, and it looks each task's grants up by Camunda's own index on RESOURCE_ID_ instead.
 *
 * <p>Created once (IF NOT EXISTS) at start after the engine made its tables; autovacuum's ANALYZE
 * keeps them current. They help only a plan made with the statement's values: the postgres profile
 * sets {@code plan_cache_mode=force_custom_plan} on the hub's connections (config/application-postgres.yaml),
 * because in a generic plan the bits are parameters and PostgreSQL falls back to the loop over every grant. PostgreSQL 14 or later (statistics on expressions); other databases: nothing.
 * The engine's SQL is not touched, so this stays correct whatever Camunda's query looks like.
 */
@Component
class AuthorizationQueryStatistics implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationQueryStatistics.class);

    static final List<String> STATEMENTS = List.of(
            "CREATE STATISTICS IF NOT EXISTS hub_auth_perms_read ON ((perms_ & 2)) FROM act_ru_authorization",
            "CREATE STATISTICS IF NOT EXISTS hub_auth_perms_read_task ON ((perms_ & 64)) FROM act_ru_authorization",
            "ANALYZE act_ru_authorization");

    private final JdbcTemplate jdbc;

    /** The engine is a parameter so that its tables exist before this runs. */
    AuthorizationQueryStatistics(DataSource dataSource, ProcessEngine engine) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void afterSingletonsInstantiated() {
        Boolean applies = jdbc.execute((java.sql.Connection connection) -> {
            DatabaseMetaData meta = connection.getMetaData();
            return "PostgreSQL".equals(meta.getDatabaseProductName()) && meta.getDatabaseMajorVersion() >= 14;
        });
        if (!Boolean.TRUE.equals(applies)) {
            return;
        }
        try {
            STATEMENTS.forEach(jdbc::execute);
            log.info("Planner statistics for the engine's authorization checks are in place");
        } catch (RuntimeException e) {
            // Another node creating them at the same moment, or a role that may not: queries still work, slower.
            log.warn("Could not create planner statistics for the authorization checks: {}", e.getMessage());
        }
    }
}
