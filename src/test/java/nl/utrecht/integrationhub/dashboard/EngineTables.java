package nl.utrecht.integrationhub.dashboard;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import nl.utrecht.integrationhub.route.BusinessDates;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * TEST-ONLY. The process engine's real schema (Camunda's own H2 DDL from the engine jar) in a fresh
 * in-memory database, and rows written the way the engine writes them: history of process instances,
 * variables (dates as epoch milliseconds in LONG_, at the process instance's scope), variable updates
 * (history level full) and open user tasks. Referential integrity is off while rows are written, so an
 * open task needs no runtime execution row. Counts every statement the code under test prepares.
 */
final class EngineTables {

    private static final String ENGINE_DDL = "org/camunda/bpm/engine/db/create/activiti.h2.create.engine.sql";
    private static final String HISTORY_DDL = "org/camunda/bpm/engine/db/create/activiti.h2.create.history.sql";

    private final DataSource plain;
    private final JdbcTemplate writer;
    private final AtomicInteger statements = new AtomicInteger();
    private final DataSource counting;

    EngineTables() {
        plain = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:dashboard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
                new ClassPathResource(ENGINE_DDL), new ClassPathResource(HISTORY_DDL));
        populator.execute(plain);
        writer = new JdbcTemplate(plain);
        writer.execute("SET REFERENTIAL_INTEGRITY FALSE");
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

    void shutdown() {
        writer.execute("SHUTDOWN");
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
