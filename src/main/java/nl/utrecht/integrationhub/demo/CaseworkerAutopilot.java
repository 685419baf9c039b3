package nl.utrecht.integrationhub.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The caseworkers of the demo-fast profile ({@code hub.simulators.caseworkers.enabled}): completes the open
 * Tasklist tasks of the demo households a short while after they appear, with valid values for every
 * field of the task's deployed Camunda Form (the first option of a choice, today for a date, the minimum
 * of a number, a text that fits the field's pattern); a variable the case already has keeps its value.
 * A task that a partner's event may complete (a message boundary event on it or on a subprocess around
 * it) waits {@code partner-grace} instead of {@code delay}, so the simulated partner answers first.
 * Never for real cases: only in the demo profile, and off unless switched on.
 */
@Component("caseworkerAutopilot")
@Profile("demo")
public class CaseworkerAutopilot {

    private static final Logger log = LoggerFactory.getLogger(CaseworkerAutopilot.class);
    private static final int TASKS_PER_ROUND = 100;
    /** Texts tried in order for a text field; the first that fits its pattern and lengths is entered. */
    private static final List<String> TEXTS = List.of("Demowaarde", "DEMO-0042", "ABC123", "1234AB", "12345678", "A2", "42");

    private final TaskService taskService;
    private final FormService formService;
    private final RepositoryService repositoryService;
    private final SimulatorProperties properties;
    private final SimulatorActivity activity;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final Map<String, Boolean> partnerMayReport = new ConcurrentHashMap<>();

    CaseworkerAutopilot(TaskService taskService, FormService formService, RepositoryService repositoryService,
                        SimulatorProperties properties, SimulatorActivity activity, ObjectMapper objectMapper,
                        Clock clock) {
        this.taskService = taskService;
        this.formService = formService;
        this.repositoryService = repositoryService;
        this.properties = properties;
        this.activity = activity;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /** Completes every task that has waited long enough; returns how many. */
    public int completeDueTasks() {
        Instant now = clock.instant();
        int completed = 0;
        for (Task task : taskService.createTaskQuery().active().orderByTaskCreateTime().asc()
                .listPage(0, TASKS_PER_ROUND)) {
            if (task.getProcessInstanceId() == null) {
                continue;
            }
            Duration wait = partnerMayReport(task) ? properties.caseworkers().partnerGrace() : properties.caseworkers().delay();
            if (task.getCreateTime().toInstant().plus(wait).isAfter(now)) {
                continue;
            }
            try {
                Map<String, Object> present = taskService.getVariables(task.getId());
                Map<String, Object> values = values(task, present);
                // A partner's event may have completed the task since the query: then the next round sees.
                if (taskService.createTaskQuery().taskId(task.getId()).count() == 0) {
                    continue;
                }
                formService.submitTaskForm(task.getId(), values);
                activity.completedTask(task.getTaskDefinitionKey());
                completed++;
                log.info("Caseworker autopilot completed '{}' of case {}", task.getName(), present.get("caseId"));
            } catch (ProcessEngineException e) {
                // A partner's event completed it meanwhile, or it changed: the next round sees.
                log.debug("Caseworker autopilot skipped task {}: {}", task.getId(), e.getMessage());
            }
        }
        return completed;
    }

    /** A valid value for every editable field of the task's form that the case does not have yet. */
    private Map<String, Object> values(Task task, Map<String, Object> present) {
        JsonNode form;
        try (InputStream deployed = formService.getDeployedTaskForm(task.getId())) {
            form = objectMapper.readTree(deployed);
        } catch (IOException e) {
            throw new UncheckedIOException("the form of a task cannot be read", e);
        }
        Map<String, Object> values = new HashMap<>();
        fill(form.path("components"), present, values);
        return values;
    }

    private void fill(JsonNode components, Map<String, Object> present, Map<String, Object> values) {
        for (JsonNode component : components) {
            fill(component.path("components"), present, values);
            String key = component.path("key").asText("");
            if (key.isEmpty() || component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false)
                    || present.get(key) != null) {
                continue;
            }
            Object value = valueFor(component);
            if (value != null) {
                values.put(key, value);
            }
        }
    }

    private Object valueFor(JsonNode component) {
        JsonNode validate = component.path("validate");
        boolean required = validate.path("required").asBoolean(false);
        switch (component.path("type").asText()) {
            case "textfield", "textarea" -> {
                String pattern = validate.path("pattern").asText("");
                int min = validate.path("minLength").asInt(0);
                int max = validate.path("maxLength").asInt(Integer.MAX_VALUE);
                return TEXTS.stream().filter(text -> (pattern.isEmpty() || Pattern.matches(pattern, text))
                        && text.length() >= min && text.length() <= max).findFirst().orElse(null);
            }
            case "number" -> {
                return validate.has("min") ? Math.max(0L, validate.get("min").asLong()) : 1L;
            }
            case "checkbox" -> {
                // An optional checkbox shown only in some cases (e.g. an interim home) stays unticked.
                return required || !component.has("conditional");
            }
            case "select", "radio" -> {
                JsonNode options = component.path("values");
                return options.isArray() && !options.isEmpty() ? options.get(0).path("value").asText() : null;
            }
            case "checklist", "taglist" -> {
                JsonNode options = component.path("values");
                if (!options.isArray() || options.isEmpty()) {
                    return null;
                }
                return SpinValues.jsonValue("[" + objectMapper.valueToTree(options.get(0).path("value").asText()) + "]")
                        .create();
            }
            case "datetime" -> {
                return LocalDate.now(clock.withZone(SimulatedEvents.UTRECHT)).toString();
            }
            default -> {
                return null;
            }
        }
    }

    /** Whether a partner's message may complete the task: a message boundary event on it or around it. */
    private boolean partnerMayReport(Task task) {
        return partnerMayReport.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(), key -> {
            BpmnModelInstance model = repositoryService.getBpmnModelInstance(task.getProcessDefinitionId());
            FlowElement element = model.getModelElementById(task.getTaskDefinitionKey());
            for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
                if (boundary.getEventDefinitions().stream().noneMatch(MessageEventDefinition.class::isInstance)) {
                    continue;
                }
                for (var scope = (org.camunda.bpm.model.xml.instance.ModelElementInstance) element; scope != null;
                     scope = scope.getParentElement()) {
                    if (scope == boundary.getAttachedTo() && (scope == element || scope instanceof SubProcess)) {
                        return true;
                    }
                }
            }
            return false;
        });
    }
}
