package nl.utrecht.integrationhub.platform.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.utrecht.integrationhub.support.HubIntegrationTest;

/**
 * On H2 the engine's process instance query by business key (the hub asks it for every correlated
 * event) must use the hub's index on (BUSINESS_KEY_, PARENT_ID_), not the foreign-key index on
 * PARENT_ID_ alone, which reads every process instance.
 */
@HubIntegrationTest
@DisabledIfSystemProperty(named = "spring.profiles.active", matches = ".*postgres.*")
class H2ProcessInstanceIndexIT {

    /** The WHERE clause of Camunda's selectProcessInstanceCountByQueryCriteria for a root instance by business key. */
    private static final String ENGINE_QUERY = """
            EXPLAIN SELECT COUNT(DISTINCT RES.ID_) FROM ACT_RU_EXECUTION RES
            INNER JOIN ACT_RE_PROCDEF P ON RES.PROC_DEF_ID_ = P.ID_
            WHERE RES.PARENT_ID_ IS NULL AND RES.BUSINESS_KEY_ = 'HH-2026-999999'
              AND RES.SUPER_EXEC_ IS NULL AND RES.SUPER_CASE_EXEC_ IS NULL""";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aProcessInstanceLookupByBusinessKeyUsesTheIndexOnBothColumns() {
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES
                WHERE INDEX_NAME = ? AND TABLE_NAME = 'ACT_RU_EXECUTION'""", Integer.class, EngineQueryTuning.H2_INDEX))
                .isEqualTo(1);

        String plan = jdbc.queryForObject(ENGINE_QUERY, String.class);

        assertThat(plan).contains(EngineQueryTuning.H2_INDEX).doesNotContain("ACT_FK_EXE_PARENT");
    }
}
