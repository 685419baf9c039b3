package nl.utrecht.integrationhub.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Every known answer of {@link DashboardServiceTest} again on PostgreSQL: the dashboard's SQL is meant to
 * run unchanged on H2 and PostgreSQL. The engine's tables are made from Camunda's PostgreSQL DDL in a schema
 * of their own (dropped afterwards) in the database of the postgres profile (HUB_DB_URL, HUB_DB_USER,
 * HUB_DB_PASSWORD, as config/application-postgres.yaml reads them). Runs in CI's PostgreSQL pass
 * ({@code mvn verify -Ppostgres}); on H2 DashboardServiceTest covers the same.
 */
@EnabledIfSystemProperty(named = "spring.profiles.active", matches = ".*postgres.*")
class FiguresOnPostgresIT extends DashboardServiceTest {

    /** One schema for the class (Camunda's DDL takes seconds on PostgreSQL), emptied after each test. */
    private static EngineTables schema;

    @Override
    EngineTables newTables() {
        if (schema == null) {
            schema = EngineTables.postgres(env("HUB_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hub"),
                    env("HUB_DB_USER", "hub"), env("HUB_DB_PASSWORD", ""));
        }
        return schema;
    }

    @Override
    void release(EngineTables used) {
        used.clear();
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.shutdown();
            schema = null;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
