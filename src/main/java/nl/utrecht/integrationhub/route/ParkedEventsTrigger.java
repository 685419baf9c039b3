package nl.utrecht.integrationhub.route;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import nl.utrecht.integrationhub.inbound.EventApplier;

/**
 * Early events: when a case's process reaches a state where it may wait for a message (a user task
 * with a message boundary, a catch event, an event-based gateway, a subprocess with event starts), the
 * case's parked events are tried again once the transaction has committed.
 */
@Component
class ParkedEventsTrigger {

    private static final Set<Class<? extends FlowElement>> WAIT_STATES = Set.of(
            UserTask.class, IntermediateCatchEvent.class, EventBasedGateway.class, ReceiveTask.class,
            SubProcess.class);
    private static final String SCHEDULED = ParkedEventsTrigger.class.getName() + ".scheduled";

    private final EventApplier applier;

    ParkedEventsTrigger(EventApplier applier) {
        this.applier = applier;
    }

    @EventListener(condition = "#execution.eventName == 'start'")
    public void onActivityStarted(DelegateExecution execution) {
        if (!ExecutionListener.EVENTNAME_START.equals(execution.getEventName()) || !mayWait(execution)) {
            return;
        }
        String caseId = execution.getProcessBusinessKey();
        if (caseId == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        String key = SCHEDULED + ":" + caseId;
        if (TransactionSynchronizationManager.hasResource(key)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(key, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
                if (status == STATUS_COMMITTED) {
                    applier.applyParkedSoon(caseId);
                }
            }
        });
    }

    private static boolean mayWait(DelegateExecution execution) {
        FlowElement element = execution.getBpmnModelElementInstance();
        if (element == null || element instanceof BoundaryEvent) {
            return false;
        }
        return WAIT_STATES.stream().anyMatch(type -> type.isInstance(element));
    }
}
