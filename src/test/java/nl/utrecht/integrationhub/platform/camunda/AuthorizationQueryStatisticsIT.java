package nl.utrecht.integrationhub.platform.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.utrecht.integrationhub.support.HubIntegrationTest;

/**
 * On PostgreSQL the hub gives the planner statistics on the engine's permission bit tests, so that a
 * Tasklist query with authorizations on does not grow with the square of the open tasks
 * (docs/benchmarks.md). They must exist and hold data after the hub started, and the hub's connections
 * must plan each statement with its values (config/application-postgres.yaml).
 */
@HubIntegrationTest
@EnabledIfSystemProperty(named = "spring.profiles.active", matches = ".*postgres.*")
class AuthorizationQueryStatisticsIT {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void thePlannerKnowsHowOftenThePermissionBitsAreSet() {
        List<String> analysed = jdbc.queryForList("""
                SELECT statistics_name FROM pg_stats_ext_exprs
                WHERE statistics_name IN ('hub_auth_perms_read', 'hub_auth_perms_read_task')
                  AND most_common_vals IS NOT NULL
                ORDER BY statistics_name""", String.class);

        assertThat(analysed).containsExactly("hub_auth_perms_read", "hub_auth_perms_read_task");
    }

    /** A generic plan cannot use those statistics (the bits are parameters there); JIT only costs time. */
    @Test
    void everyStatementIsPlannedWithItsValuesAndWithoutJit() {
        assertThat(jdbc.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
        assertThat(jdbc.queryForObject("SHOW jit", String.class)).isEqualTo("off");
    }
}
