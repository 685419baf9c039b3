package nl.utrecht.integrationhub.platform.camunda;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The one way from an inbound event into the process engine: start or correlate by business key
 * (the opaque case id), with the BPMN message named exactly as the CloudEvent type. Called inside
 * the transaction that claims the event's inbox row.
 */
@Component
public class ProcessCorrelator {

    private final RuntimeService runtimeService;
    private final HistoryService historyService;

    ProcessCorrelator(RuntimeService runtimeService, HistoryService historyService) {
        this.runtimeService = runtimeService;
        this.historyService = historyService;
    }

    /** Starts the process whose message start event is named {@code messageName}. */
    public String start(String messageName, String caseId, Map<String, Object> variables) {
        ProcessInstance instance = runtimeService.createMessageCorrelation(messageName)
                .processInstanceBusinessKey(caseId)
                .setVariables(variables)
                .correlateStartMessage();
        return instance.getId();
    }

    /**
     * Delivers a message to the case's process where it waits for it.
     *
     * @return false when no execution of the case waits for this message (yet)
     */
    public boolean correlate(String messageName, String caseId, Map<String, Object> variables) {
        return correlate(messageName, caseId, Map.of(), variables);
    }

    /**
     * Delivers a message to the case's process instances whose process variables equal the given
     * keys (e.g. the personRef of a per-person instance).
     *
     * @return false when no execution of the case waits for this message (yet)
     */
    public boolean correlate(String messageName, String caseId, Map<String, Object> processVariableKeys,
                             Map<String, Object> variables) {
        MessageCorrelationBuilder correlation = runtimeService.createMessageCorrelation(messageName)
                .processInstanceBusinessKey(caseId)
                .setVariables(variables);
        processVariableKeys.forEach(correlation::processInstanceVariableEquals);
        List<MessageCorrelationResult> results = correlation.correlateAllWithResult();
        return !results.isEmpty();
    }

    /** Whether the case's route is still running (its top-level instance; phases share the business key). */
    public boolean isRunning(String caseId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .rootProcessInstances().count() > 0;
    }

    /**
     * Whether one of these groups works on the case: is, or was, a candidate group of a task of the case's
     * route or of a phase it called (they all carry the case id as business key). An organisation sees a
     * case only then (docs/security.md, Authorization).
     */
    public boolean worksOn(String caseId, Collection<String> groupIds) {
        return groupIds.stream().anyMatch(groupId -> historyService.createHistoricTaskInstanceQuery()
                .processInstanceBusinessKey(caseId).taskHadCandidateGroup(groupId).count() > 0);
    }
}
