package nl.utrecht.integrationhub.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import nl.utrecht.integrationhub.platform.camunda.ProcessDirectory;
import nl.utrecht.integrationhub.platform.camunda.ProcessTestDeployment;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

/**
 * TEST-ONLY. Drives one household's case through the process engine the way the outside world does,
 * and only that way: the hub's message start and correlations (by business key = case id, and by the
 * process variable {@code personRef} for person-scoped event types, as docs/route.md and
 * {@link CaseCorrelation} do), Tasklist submitting a task's Camunda Form, and the job executor firing a
 * timer. Like the hub's job executor, the driver runs the asynchronous continuations (the send tasks that
 * write outbound messages) right after every step from outside; timers wait until {@link #fire(Job)}.
 * Queries only look; nothing is started, moved or set by process instance id.
 */
final class RouteScenarioDriver {

    static final String PERSON_REF = "personRef";
    static final ZoneId UTRECHT = ZoneId.of("Europe/Amsterdam");
    private static final String INTAKE_REGISTERED = "nl.coa.azc-intake-registered";
    private static final int SCHOOL_AGE_FROM = 5;
    private static final int SCHOOL_AGE_UNTIL = 18;

    private final ProcessEngine engine;
    private final String caseId;
    private final List<String> deploymentIds = new ArrayList<>();

    RouteScenarioDriver(ProcessEngine engine, String caseId) {
        this.engine = engine;
        this.caseId = caseId;
    }

    String caseId() {
        return caseId;
    }

    // ---------------------------------------------------------------- deployment

    /** Deploys every process folder under processes/, one deployment per folder, as the hub does. */
    List<String> deployEveryProcessFolder() {
        List<String> processKeys = ProcessDirectory.ofWorkingDirectory().processKeys();
        for (String processKey : processKeys) {
            deploymentIds.add(ProcessTestDeployment.deploy(engine.getRepositoryService(), processKey));
        }
        return processKeys;
    }

    void undeployEverything() {
        deploymentIds.forEach(id -> ProcessTestDeployment.undeploy(engine.getRepositoryService(), id));
        deploymentIds.clear();
    }

    // ---------------------------------------------------------------- the hub: intake and partner events

    /**
     * COA's {@code nl.coa.azc-intake-registered} as AzcIntakeHandler turns it into the route's start:
     * the school-age children (5 up to 18 on the arrival date) and the school placement due date
     * (arrival + {@code school-placement}) worked out by the hub.
     */
    ProcessInstance intakeRegistered(String mainPersonRef, String azcLocation, LocalDate arrival,
                                     List<Map<String, String>> members) {
        ArrayList<String> schoolAgeChildren = new ArrayList<>();
        ArrayList<Map<String, String>> householdMembers = new ArrayList<>();
        for (Map<String, String> member : members) {
            householdMembers.add(new LinkedHashMap<>(member));
            int age = Period.between(LocalDate.parse(member.get("birthDate")), arrival).getYears();
            if (age >= SCHOOL_AGE_FROM && age < SCHOOL_AGE_UNTIL) {
                schoolAgeChildren.add(member.get(PERSON_REF));
            }
        }
        ProcessInstance route = engine.getRuntimeService().createMessageCorrelation(INTAKE_REGISTERED)
                .processInstanceBusinessKey(caseId)
                .setVariables(Variables.createVariables()
                        .putValue("caseId", caseId)
                        .putValue("mainPersonRef", mainPersonRef)
                        .putValue("azcLocation", azcLocation)
                        .putValue("arrivalDate", day(arrival))
                        .putValue("householdMembers", householdMembers)
                        .putValue("schoolAgeChildren", schoolAgeChildren)
                        .putValue("schoolPlacementDue",
                                new Deadlines().after(day(arrival), Deadlines.SCHOOL_PLACEMENT)))
                .correlateStartMessage();
        runAsynchronousContinuations();
        return route;
    }

    /**
     * A household-scoped partner event, delivered as the hub does; the case is expected to wait for it
     * (the hub parks the event otherwise).
     */
    List<MessageCorrelationResult> householdEvent(String type, Map<String, Object> variables) {
        List<MessageCorrelationResult> results = tryHouseholdEvent(type, variables);
        assertThat(results).as("the case waits for household event %s", type).isNotEmpty();
        return results;
    }

    /** A person-scoped partner event (business key and personRef); the person's process must wait for it. */
    List<MessageCorrelationResult> personEvent(String type, String personRef, Map<String, Object> variables) {
        List<MessageCorrelationResult> results = tryPersonEvent(type, personRef, variables);
        assertThat(results).as("the case waits for %s about %s", type, personRef).isNotEmpty();
        return results;
    }

    /** A household-scoped event without expectation: an empty result means the hub would park it. */
    List<MessageCorrelationResult> tryHouseholdEvent(String type, Map<String, Object> variables) {
        List<MessageCorrelationResult> results = correlation(type, variables).correlateAllWithResult();
        runAsynchronousContinuations();
        return results;
    }

    List<MessageCorrelationResult> tryPersonEvent(String type, String personRef, Map<String, Object> variables) {
        List<MessageCorrelationResult> results = correlation(type, variables)
                .processInstanceVariableEquals(PERSON_REF, personRef).correlateAllWithResult();
        runAsynchronousContinuations();
        return results;
    }

    private MessageCorrelationBuilder correlation(String type, Map<String, Object> variables) {
        return engine.getRuntimeService().createMessageCorrelation(type)
                .processInstanceBusinessKey(caseId)
                .setVariables(variables);
    }

    // ---------------------------------------------------------------- Tasklist

    /** The one open task of the case with this definition key in a process of this key. */
    Task task(String processKey, String taskDefinitionKey) {
        List<Task> tasks = tasks(processKey, taskDefinitionKey);
        assertThat(tasks).as("open %s tasks %s of case %s", processKey, taskDefinitionKey, caseId).hasSize(1);
        return tasks.get(0);
    }

    /** The one open task with this key in the process of this key that concerns one person. */
    Task task(String processKey, String taskDefinitionKey, String personRef) {
        List<Task> tasks = taskQuery(processKey, taskDefinitionKey)
                .processVariableValueEquals(PERSON_REF, personRef).list();
        assertThat(tasks).as("open %s tasks %s of %s", processKey, taskDefinitionKey, personRef).hasSize(1);
        return tasks.get(0);
    }

    List<Task> tasks(String processKey, String taskDefinitionKey) {
        return taskQuery(processKey, taskDefinitionKey).list();
    }

    /** Every open task of the case, by definition key. */
    List<String> openTaskKeys() {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).list().stream()
                .map(Task::getTaskDefinitionKey).sorted().collect(Collectors.toList());
    }

    private TaskQuery taskQuery(String processKey, String taskDefinitionKey) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId)
                .processDefinitionKey(processKey).taskDefinitionKey(taskDefinitionKey);
    }

    /** Tasklist submits the task's Camunda Form with these values (only editable, visible fields). */
    void submit(Task task, Map<String, Object> formValues) {
        engine.getFormService().submitTaskForm(task.getId(), formValues);
        runAsynchronousContinuations();
    }

    /** The task's variable as its form would show it. */
    Object taskVariable(Task task, String name) {
        return engine.getTaskService().getVariable(task.getId(), name);
    }

    /** How a completed or cancelled task of the case ended ("completed", "deleted", ...). */
    List<String> historicTaskEnds(String processKey, String taskDefinitionKey) {
        return engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceBusinessKey(caseId)
                .processDefinitionKey(processKey).taskDefinitionKey(taskDefinitionKey).list().stream()
                .map(HistoricTaskInstance::getDeleteReason).collect(Collectors.toList());
    }

    // ---------------------------------------------------------------- the job executor

    /** The waiting timer of a process of the case, at the given event. */
    Job timer(String processKey, String activityId) {
        return timer(instance(processKey), activityId);
    }

    /** The waiting timer of one person's process of the case, at the given event. */
    Job timer(String processKey, String activityId, String personRef) {
        return timer(instance(processKey, personRef), activityId);
    }

    private Job timer(ProcessInstance instance, String activityId) {
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(activityId).timers().singleResult();
        assertThat(timer).as("timer %s of %s", activityId, instance.getProcessDefinitionId()).isNotNull();
        return timer;
    }

    /** The job executor fires the timer (its due date has come). */
    void fire(Job timer) {
        engine.getManagementService().executeJob(timer.getId());
        runAsynchronousContinuations();
    }

    /**
     * The job executor runs every asynchronous continuation of the case (not timers), including those the
     * continuations themselves create, as the hub's job executor does right after a transaction. A failing
     * job (e.g. a message that breaks its schema) fails the scenario. Returns how many jobs it ran.
     */
    int runAsynchronousContinuations() {
        int ran = 0;
        for (int round = 0; round < 100; round++) {
            List<String> instanceIds = engine.getRuntimeService().createProcessInstanceQuery()
                    .processInstanceBusinessKey(caseId).list().stream().map(ProcessInstance::getId)
                    .collect(Collectors.toList());
            List<Job> due = engine.getManagementService().createJobQuery().messages().list().stream()
                    .filter(job -> instanceIds.contains(job.getProcessInstanceId()))
                    .collect(Collectors.toList());
            if (due.isEmpty()) {
                return ran;
            }
            for (Job job : due) {
                engine.getManagementService().executeJob(job.getId());
                ran++;
            }
        }
        throw new AssertionError("asynchronous continuations of case " + caseId + " keep creating new ones");
    }

    // ---------------------------------------------------------------- looking at the case

    ProcessInstance route() {
        return instance("household-route");
    }

    /** The one running instance of this process in the case. */
    ProcessInstance instance(String processKey) {
        List<ProcessInstance> instances = instances(processKey);
        assertThat(instances).as("running %s of case %s", processKey, caseId).hasSize(1);
        return instances.get(0);
    }

    /** The one running instance of this per-person process for this person. */
    ProcessInstance instance(String processKey, String personRef) {
        List<ProcessInstance> instances = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(caseId).processDefinitionKey(processKey)
                .variableValueEquals(PERSON_REF, personRef).list();
        assertThat(instances).as("running %s of %s", processKey, personRef).hasSize(1);
        return instances.get(0);
    }

    List<ProcessInstance> instances(String processKey) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .processDefinitionKey(processKey).list();
    }

    /** Every instance of this process the case ever had, running or ended. */
    List<HistoricProcessInstance> history(String processKey) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .processDefinitionKey(processKey).list();
    }

    /** The one instance of this per-person process for this person, running or ended. */
    HistoricProcessInstance history(String processKey, String personRef) {
        List<HistoricProcessInstance> instances = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(caseId).processDefinitionKey(processKey)
                .variableValueEquals(PERSON_REF, personRef).list();
        assertThat(instances).as("%s of %s", processKey, personRef).hasSize(1);
        return instances.get(0);
    }

    /** The process-level variables of an instance as history keeps them (also after it ended). */
    Map<String, Object> variables(String processInstanceId) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (HistoricVariableInstance variable : engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).list()) {
            if (processInstanceId.equals(variable.getExecutionId())) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        return variables;
    }

    /**
     * Where a running instance waits: the leaves of its activity instance tree (tasks, catch events,
     * call activities; not the subprocess or multi-instance scopes around them), each id once.
     */
    List<String> waitingAt(ProcessInstance instance) {
        ActivityInstance tree = engine.getRuntimeService().getActivityInstance(instance.getId());
        assertThat(tree).as("%s is running", instance.getId()).isNotNull();
        List<String> leaves = new ArrayList<>();
        collectLeaves(tree, leaves);
        return leaves.stream().distinct().sorted().collect(Collectors.toList());
    }

    private static void collectLeaves(ActivityInstance scope, List<String> leaves) {
        for (TransitionInstance transition : scope.getChildTransitionInstances()) {
            leaves.add(transition.getActivityId());
        }
        for (ActivityInstance child : scope.getChildActivityInstances()) {
            if (child.getChildActivityInstances().length == 0 && child.getChildTransitionInstances().length == 0) {
                leaves.add(child.getActivityId());
            } else {
                collectLeaves(child, leaves);
            }
        }
    }

    /** Running instances of any process with the case id as business key. */
    long runningInstances() {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseId).count();
    }

    // ---------------------------------------------------------------- values

    static Map<String, String> member(String personRef, String birthDate, String relation) {
        Map<String, String> member = new LinkedHashMap<>();
        member.put(PERSON_REF, personRef);
        member.put("birthDate", birthDate);
        member.put("relation", relation);
        return member;
    }

    /** Variables in the given order: name, value, name, value, ... */
    static VariableMap values(Object... namesAndValues) {
        VariableMap variables = Variables.createVariables();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.putValue((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables;
    }

    /** A date as Camunda Forms submit it (ISO yyyy-MM-dd, a String). */
    static String iso(LocalDate date) {
        return date.toString();
    }

    /** A checklist as Camunda Forms submit it: a JSON array. */
    static JsonValue checklist(String... values) {
        return SpinValues.jsonValue(Arrays.stream(values).map(v -> "\"" + v + "\"")
                .collect(Collectors.joining(",", "[", "]"))).create();
    }

    /** A business date: 00:00 in Utrecht, as the hub makes it of an event's ISO date. */
    static Date day(LocalDate date) {
        return Date.from(date.atStartOfDay(UTRECHT).toInstant());
    }

    /** The named deadline from a business date, with the letter's periods. */
    static Date deadline(LocalDate businessDate, String name) {
        return new Deadlines().after(day(businessDate), name);
    }
}
