package nl.utrecht.integrationhub.platform.camunda;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
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

    ProcessCorrelator(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
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
        List<MessageCorrelationResult> results = runtimeService.createMessageCorrelation(messageName)
                .processInstanceBusinessKey(caseId)
                .setVariables(variables)
                .correlateAllWithResult();
        return !results.isEmpty();
    }

    /** Whether the case's process is still running. */
    public boolean isRunning(String caseId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseId).count() > 0;
    }

    /** The running process instance of a case, if any. */
    public String runningInstance(String caseId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseId).list().stream()
                .map(ProcessInstance::getId).findFirst().orElse(null);
    }
}
