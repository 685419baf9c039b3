package nl.utrecht.integrationhub.support;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the hub holds, read directly for assertions: the inbox table and the engine (no authenticated
 * user is set, so engine queries are unrestricted). Always by this test's own keys, never "all rows".
 */
public final class HubState {

    private final JdbcTemplate jdbc;
    private final RuntimeService runtimeService;
    private final TaskService taskService;

    public HubState(JdbcTemplate jdbc, RuntimeService runtimeService, TaskService taskService) {
        this.jdbc = jdbc;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
    }

    /** How many inbox rows carry this event id (whatever their source). */
    public int inboxRows(String eventId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM hub_inbox WHERE event_id = ?", Integer.class, eventId);
        return count == null ? 0 : count;
    }

    /** The inbox row of (source, id): status, attempts, outcome, case_id, payload. */
    public Optional<Map<String, Object>> inboxRow(String source, String eventId) {
        return jdbc.queryForList("""
                        SELECT status, attempts, outcome, case_id, payload, last_error FROM hub_inbox
                        WHERE source = ? AND event_id = ?""", source, eventId).stream().findFirst()
                .map(row -> row.entrySet().stream().collect(Collectors.toMap(
                        e -> e.getKey().toLowerCase(), e -> e.getValue() == null ? "" : e.getValue())));
    }

    /** The inbox status of (source, id), empty when nothing was recorded. */
    public Optional<String> inboxStatus(String source, String eventId) {
        return inboxRow(source, eventId).map(row -> String.valueOf(row.get("status")));
    }

    /** How many cases of the register list the person with this V-number as a member. */
    public int casesOfPerson(String vNumber) {
        Integer count = jdbc.queryForObject("""
                SELECT COUNT(*) FROM hub_case c
                JOIN hub_case_member m ON m.case_pk = c.id
                JOIN hub_person p ON p.id = m.person_pk
                WHERE p.v_number = ?""", Integer.class, vNumber);
        return count == null ? 0 : count;
    }

    /**
     * The case's running route: its top-level process instances. The phases the route calls carry the
     * same business key (the case id) but are not counted here; see {@link #calledInstance}.
     */
    public List<ProcessInstance> processInstances(String caseId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .rootProcessInstances().list();
    }

    /** The case's one running instance of a called phase process, e.g. {@code reception}. */
    public ProcessInstance calledInstance(String caseId, String processKey) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .processDefinitionKey(processKey).singleResult();
    }

    /** Tasks by business key: they live in the called phase processes, which carry the case id too. */
    public List<Task> tasks(String caseId) {
        return taskService.createTaskQuery().processInstanceBusinessKey(caseId).list();
    }

    public List<Task> tasks(String caseId, String taskDefinitionKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(caseId)
                .taskDefinitionKey(taskDefinitionKey).list();
    }

    public List<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId)
                .toList();
    }

    public Object variable(String processInstanceId, String name) {
        return runtimeService.getVariable(processInstanceId, name);
    }
}
