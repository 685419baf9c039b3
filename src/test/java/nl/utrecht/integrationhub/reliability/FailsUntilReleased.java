package nl.utrecht.integrationhub.reliability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * A process step that fails for a case until the test releases it (reliability/rollback-after-send.bpmn):
 * the failure rolls back the job's transaction, including what earlier steps in it wrote.
 */
public class FailsUntilReleased implements JavaDelegate {

    private static final Set<String> RELEASED = ConcurrentHashMap.newKeySet();

    static void release(String caseId) {
        RELEASED.add(caseId);
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (!RELEASED.contains(execution.getProcessBusinessKey())) {
            throw new IllegalStateException("this step fails until the test releases it");
        }
    }
}
