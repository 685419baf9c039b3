package nl.utrecht.integrationhub.dashboard;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import nl.utrecht.integrationhub.route.BusinessDates;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * TEST-ONLY. The process engine's real schema (Camunda's own DDL from the engine jar, H2 or PostgreSQL) in
 * a fresh in-memory H2 database or a fresh PostgreSQL schema, and rows written the way the engine writes them: history of process instances,
 * variables (dates as epoch milliseconds in LONG_, at the process instance's scope), variable updates
 * (history level full) and open user tasks. Referential integrity is off for the open tasks, so an open
 * task needs no runtime execution row. Counts every statement the code under test prepares.
 */
final class EngineTables {

    private static final String DDL = "org/camunda/bpm/engine/db/create/activiti.%s.create.%s.sql";

    private final DataSource plain;
    private final JdbcTemplate writer;
    private final AtomicInteger statements = new AtomicInteger();
    private final DataSource counting;
    private final Runnable drop;

    /** A fresh in-memory H2 database. */
    static EngineTables h2() {
        DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:dashboard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        EngineTables tables = new EngineTables(dataSource, "h2", writer -> writer.execute("SHUTDOWN"));
        tables.writer.execute("SET REFERENTIAL_INTEGRITY FALSE");
        return tables;
    }

    /**
     * A fresh schema of its own in a PostgreSQL database (dropped again by {@link #shutdown()}); the open
     * tasks' foreign keys are dropped there, as H2's referential integrity is switched off.
     */
    static EngineTables postgres(String url, String user, String password) {
        String schema = "dashboard_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        new JdbcTemplate(new DriverManagerDataSource(url, user, password)).execute("CREATE SCHEMA " + schema);
        String separator = url.contains("?") ? "&" : "?";
        DataSource dataSource = new DriverManagerDataSource(url + separator + "currentSchema=" + schema, user,
                password);
        EngineTables tables = new EngineTables(dataSource, "postgres",
                writer -> writer.execute("DROP SCHEMA " + schema + " CASCADE"));
        for (String constraint : tables.writer.queryForList("SELECT constraint_name FROM information_schema"
                + ".table_constraints WHERE table_schema = ? AND table_name = 'act_ru_task'"
                + " AND constraint_type = 'FOREIGN KEY'", String.class, schema)) {
            tables.writer.execute("ALTER TABLE ACT_RU_TASK DROP CONSTRAINT " + constraint);
        }
        return tables;
    }

    private EngineTables(DataSource plain, String database, java.util.function.Consumer<JdbcTemplate> drop) {
        this.plain = plain;
        new ResourceDatabasePopulator(new ClassPathResource(String.format(DDL, database, "engine")),
                new ClassPathResource(String.format(DDL, database, "history"))).execute(plain);
        writer = new JdbcTemplate(plain);
        this.drop = () -> drop.accept(writer);
        counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(plain, args);
                    if (result instanceof Connection connection) {
                        return countingConnection(connection);
                    }
                    return result;
                });
    }

    private Connection countingConnection(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
                        statements.incrementAndGet();
                    }
                    return method.invoke(connection, args);
                });
    }

    /** What the code under test reads through: every statement it prepares is counted. */
    JdbcTemplate reader() {
        return new JdbcTemplate(counting);
    }

    int statements() {
        return statements.get();
    }

    /** Drops the database (H2) or the schema (PostgreSQL). */
    void shutdown() {
        drop.run();
    }

    /** Removes every row the helpers below write, to reuse the schema for another test. */
    void clear() {
        for (String table : List.of("ACT_HI_PROCINST", "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_RU_TASK")) {
            writer.execute("DELETE FROM " + table);
        }
    }

    // ------------------------------------------------------------------ rows

    /** A process instance: running when {@code end} is null (state ACTIVE), else ended in {@code state}. */
    String instance(String processKey, String businessKey, String superInstanceId, LocalDateTime start,
                    LocalDateTime end, String state) {
        String id = UUID.randomUUID().toString();
        Long duration = end == null ? null : ChronoUnit.MILLIS.between(start, end);
        writer.update("INSERT INTO ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_,"
                        + " START_TIME_, END_TIME_, DURATION_, SUPER_PROCESS_INSTANCE_ID_, STATE_)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, id, businessKey, processKey, processKey + ":1:def", Timestamp.valueOf(start),
                end == null ? null : Timestamp.valueOf(end), duration, superInstanceId,
                end == null ? "ACTIVE" : state);
        return id;
    }

    String running(String processKey, String businessKey, LocalDateTime start) {
        return instance(processKey, businessKey, null, start, null, null);
    }

    /** A date variable (00:00 Utrecht of the day) at the instance's own scope. */
    void dateVariable(String instanceId, String processKey, String name, LocalDate day) {
        variable(instanceId, processKey, name, "date", BusinessDates.startOf(day).getTime(), null);
    }

    void stringVariable(String instanceId, String processKey, String name, String value) {
        variable(instanceId, processKey, name, "string", null, value);
    }

    private void variable(String instanceId, String processKey, String name, String type, Long longValue, String text) {
        writer.update("INSERT INTO ACT_HI_VARINST (ID_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_,"
                        + " EXECUTION_ID_, NAME_, VAR_TYPE_, CREATE_TIME_, REV_, LONG_, TEXT_, STATE_)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, 1, ?, ?, 'CREATED')",
                UUID.randomUUID().toString(), processKey, processKey + ":1:def", instanceId, instanceId, instanceId,
                name, type, longValue, text);
    }

    /** A variable at a scope below the instance (e.g. a task's local variable): must not count. */
    void localStringVariable(String instanceId, String processKey, String name, String value) {
        writer.update("INSERT INTO ACT_HI_VARINST (ID_, PROC_DEF_KEY_, PROC_INST_ID_, EXECUTION_ID_, NAME_, VAR_TYPE_,"
                        + " REV_, TEXT_, STATE_) VALUES (?, ?, ?, ?, ?, 'string', 1, ?, 'CREATED')",
                UUID.randomUUID().toString(), processKey, instanceId, UUID.randomUUID().toString(), name, value);
    }

    /** One update of a string variable, as history level full records it. */
    void stringUpdate(String instanceId, String processKey, String name, String value) {
        writer.update("INSERT INTO ACT_HI_DETAIL (ID_, TYPE_, TIME_, NAME_, PROC_DEF_KEY_, PROC_INST_ID_, EXECUTION_ID_,"
                        + " VAR_TYPE_, REV_, TEXT_) VALUES (?, 'VariableUpdate', CURRENT_TIMESTAMP, ?, ?, ?, ?, 'string', 1, ?)",
                UUID.randomUUID().toString(), name, processKey, instanceId, instanceId, value);
    }

    /** An open user task of a running instance. */
    void openTask(String instanceId, String taskDefinitionKey, Instant due) {
        writer.update("INSERT INTO ACT_RU_TASK (ID_, REV_, EXECUTION_ID_, PROC_INST_ID_, PROC_DEF_ID_, NAME_,"
                        + " TASK_DEF_KEY_, PRIORITY_, CREATE_TIME_, DUE_DATE_, SUSPENSION_STATE_)"
                        + " VALUES (?, 1, ?, ?, 'def', 'task', ?, 50, CURRENT_TIMESTAMP, ?, 1)",
                UUID.randomUUID().toString(), instanceId, instanceId, taskDefinitionKey,
                due == null ? null : Timestamp.from(due));
    }
}
