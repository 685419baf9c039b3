package nl.utrecht.integrationhub.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import nl.utrecht.integrationhub.inbound.InboxStatus;
import nl.utrecht.integrationhub.intake.HouseholdRouteProcess;
import nl.utrecht.integrationhub.support.Events;

/**
 * The growth benchmark's look at the database itself: a clean PostgreSQL database before the run, the
 * size per open case, and the ground truth after the run (every event and row exactly once, nothing
 * failed), read with the hub stopped (H2 allows one process).
 */
final class GrowthDatabase {

    /** Only a database of this name is emptied before a run: never a database another test uses. */
    static final String OWN_DATABASE_PREFIX = "hub_bench_growth";
    static final String LINKING_TYPE = "nl.coa.status-holder-linked";

    private GrowthDatabase() {
    }

    /** Drops everything the benchmark's role owns in its own database, so counts start at zero. */
    static void resetPostgres(BenchHub hub) throws SQLException {
        try (Connection db = hub.openDatabase(); Statement sql = db.createStatement()) {
            String name = scalarString(sql, "SELECT current_database()");
            if (!name.startsWith(OWN_DATABASE_PREFIX)) {
                throw new IllegalStateException("the growth benchmark empties its database before a run; point HUB_DB_URL"
                        + " at a database of its own (" + OWN_DATABASE_PREFIX + "...), not " + name);
            }
            sql.execute("DROP OWNED BY CURRENT_USER CASCADE");
            sql.execute("CREATE SCHEMA IF NOT EXISTS public");
        }
    }

    /** PostgreSQL: pg_database_size; H2: the size of hub.mv.db (the hub's only database file). */
    static long size(BenchHub hub) throws SQLException, IOException {
        if (hub.database() == BenchHub.Database.POSTGRES) {
            try (Connection db = hub.openDatabase(); Statement sql = db.createStatement()) {
                return scalar(sql, "SELECT pg_database_size(current_database())");
            }
        }
        return Files.size(h2File(hub));
    }

    /**
     * PostgreSQL: brings the planner's statistics up to date, as autovacuum does within about a minute of
     * a bulk load. H2 analyzes a table by itself after 2,000 changed rows (ANALYZE_AUTO), and its file is
     * the hub's own while it runs.
     */
    static void analyze(BenchHub hub) throws SQLException {
        if (hub.database() != BenchHub.Database.POSTGRES) {
            return;
        }
        try (Connection db = hub.openDatabase(); Statement sql = db.createStatement()) {
            sql.execute("ANALYZE");
        }
    }

    static Path h2File(BenchHub hub) {
        return hub.dataDir().resolve("data").resolve("db").resolve("hub.mv.db");
    }

    static String postgresVersion(BenchHub hub) {
        try (Connection db = hub.openDatabase(); Statement sql = db.createStatement()) {
            return scalarString(sql, "SHOW server_version");
        } catch (SQLException e) {
            return "?";
        }
    }

    /**
     * Every intake applied once (one case, one household route each), every dossier report applied once,
     * every linking row recorded once and applied or parked (its household is still in reception), nothing
     * failed or left unapplied, and the open dossier tasks exactly those not reported.
     */
    static void verifyExactlyOnce(BenchHub hub, int households, int dossierReports, int linkingRows, int pendingRows)
            throws SQLException {
        try (Connection db = hub.openDatabase(); Statement sql = db.createStatement()) {
            expect("intakes APPLIED", households, scalar(sql, "SELECT COUNT(*) FROM hub_inbox WHERE event_type = '"
                    + Events.TYPE_INTAKE + "' AND event_id LIKE 'growth-%' AND status = 'APPLIED'"));
            expect("intakes recorded", households, scalar(sql, "SELECT COUNT(*) FROM hub_inbox WHERE event_type = '"
                    + Events.TYPE_INTAKE + "'"));
            expect("dossier reports APPLIED", dossierReports, scalar(sql, "SELECT COUNT(*) FROM hub_inbox WHERE event_type = '"
                    + Events.TYPE_DOSSIER_OPENED + "' AND event_id LIKE 'growth-dossier-%' AND status = 'APPLIED'"));
            expect("dossier reports recorded", dossierReports, scalar(sql, "SELECT COUNT(*) FROM hub_inbox WHERE event_type = '"
                    + Events.TYPE_DOSSIER_OPENED + "'"));
            expect("linking rows recorded", linkingRows, scalar(sql, "SELECT COUNT(*) FROM hub_inbox WHERE event_type = '"
                    + LINKING_TYPE + "'"));
            // pendingRows > 0 only when the drain was not waited for to the end (bench.drain-deadline): those
            // rows are recorded (once, by the inbox's key) but not tried yet.
            long unapplied = scalar(sql, "SELECT COUNT(*) FROM hub_inbox WHERE event_type = '" + LINKING_TYPE
                    + "' AND status = '" + InboxStatus.RECEIVED + "'");
            expect("linking rows applied or parked", linkingRows - unapplied, scalar(sql, "SELECT COUNT(*) FROM hub_inbox"
                    + " WHERE event_type = '" + LINKING_TYPE + "' AND status IN ('APPLIED', 'PARKED')"));
            if (pendingRows == 0) {
                expect("linking rows not yet applied", 0, unapplied);
            }
            expect("events FAILED", 0, scalar(sql, "SELECT COUNT(*) FROM hub_inbox WHERE status = '" + InboxStatus.FAILED + "'"));
            expect("events other than linking rows not yet applied", 0, scalar(sql, "SELECT COUNT(*) FROM hub_inbox"
                    + " WHERE status = '" + InboxStatus.RECEIVED + "' AND event_type <> '" + LINKING_TYPE + "'"));
            expect("cases", households, scalar(sql, "SELECT COUNT(*) FROM hub_case"));
            expect("main persons with a case", households, scalar(sql, "SELECT COUNT(DISTINCT main_person_id) FROM hub_case"));
            String route = "'" + HouseholdRouteProcess.PROCESS_KEY + "'";
            expect("household-route instances", households, scalar(sql,
                    "SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = " + route));
            expect("household-route business keys", households, scalar(sql,
                    "SELECT COUNT(DISTINCT BUSINESS_KEY_) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = " + route));
            expect("running household routes", households, scalar(sql, """
                    SELECT COUNT(*) FROM ACT_RU_EXECUTION e JOIN ACT_RE_PROCDEF d ON d.ID_ = e.PROC_DEF_ID_
                    WHERE d.KEY_ = %s AND e.PARENT_ID_ IS NULL""".formatted(route)));
            expect("open dossier tasks", households - dossierReports, scalar(sql,
                    "SELECT COUNT(*) FROM ACT_RU_TASK WHERE TASK_DEF_KEY_ = 'UserTask_OpenDossier'"));
            long schoolTasks = 0;
            for (int n = 1; n <= households; n++) {
                schoolTasks += GrowthHouseholds.schoolAgeChildren(n);
            }
            expect("open school placement tasks", schoolTasks, scalar(sql,
                    "SELECT COUNT(*) FROM ACT_RU_TASK WHERE TASK_DEF_KEY_ = 'UserTask_PlaceChildInSchool'"));
        }
    }

    /** H2 only, with the hub stopped: SHUTDOWN COMPACT, then the file's size (what the data really takes). */
    static long compactH2(BenchHub hub) throws SQLException, IOException {
        try (Connection db = hub.openDatabase(); Statement sql = db.createStatement()) {
            sql.execute("SHUTDOWN COMPACT");
        }
        return Files.size(h2File(hub));
    }

    /** Inbox rows per type and status, for the notes. */
    static Map<String, Long> inboxCounts(BenchHub hub) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection db = hub.openDatabase(); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT event_type, status, COUNT(*) FROM hub_inbox GROUP BY event_type, status")) {
            while (rows.next()) {
                counts.put(rows.getString(1) + " " + rows.getString(2), rows.getLong(3));
            }
        }
        return counts;
    }

    private static void expect(String what, long expected, long actual) {
        if (expected != actual) {
            throw new AssertionError("correctness: " + what + " expected " + expected + " but was " + actual
                    + "; the benchmark writes no figures");
        }
    }

    private static long scalar(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String scalarString(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
