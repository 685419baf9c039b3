package nl.utrecht.integrationhub.handover;

import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.BOUNDARY_HANDOVER_ACCEPTED_REPORTED;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.END_NEIGHBOURHOOD_TEAM_RESPONSIBLE;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.FORM_ACCEPT_HANDOVER;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.FORM_HOLD_HANDOVER_MEETING;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.FORM_PREPARE_HANDOVER_PACKAGE;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.GROUP_NEIGHBOURHOOD_TEAM;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.GROUP_VLUCHTELINGENWERK_UTRECHT;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.MESSAGE_HANDOVER_ACCEPTED;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.OUTBOUND_HANDOVER_PACKAGE_SENT;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.PROCESS_KEY;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.SEND_HANDOVER_PACKAGE;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.START_HANDOVER_STARTED;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.TASK_ACCEPT_HANDOVER;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.TASK_HOLD_HANDOVER_MEETING;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.TASK_PREPARE_HANDOVER_PACKAGE;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.VAR_ACCEPTANCE_REMARKS;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.VAR_AGREED_INFORMATION;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.VAR_CASE_ID;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.VAR_HANDOVER_ACCEPTED_DATE;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.VAR_HANDOVER_ACCEPTED_ON;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.VAR_HANDOVER_MEETING_DATE;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.VAR_HANDOVER_PACKAGE_REFERENCE;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.VAR_HANDOVER_REMARKS;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.VAR_MEETING_PARTICIPANT_ROLES;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.VAR_OPEN_POINTS;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.VAR_PROPOSED_MEETING_DATE;
import static nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.VAR_SETTLEMENT_DATE;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.assertDeployedForm;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.initAndDeploy;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.undeployAndReset;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.utrechtDay;
import static nl.utrecht.integrationhub.support.RecordingOutboundMessages.json;
import static nl.utrecht.integrationhub.support.RecordingOutboundMessages.sentOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.AgreedInformation;
import nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess.ParticipantRole;
import nl.utrecht.integrationhub.support.RecordingOutboundMessages;
import nl.utrecht.integrationhub.support.RecordingOutboundMessages.Recorded;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Phase E, deployed from processes/neighbourhood-handover/ exactly as the hub deploys it, started as
 * the household route's call activity starts it and correlated as the hub correlates the buurtteam's
 * event (scope household: by business key).
 */
@ExtendWith(ProcessEngineExtension.class)
class NeighbourhoodHandoverProcessTest {

    private static final String CASE_ID = "HH-2026-000123";
    private static final Date SETTLEMENT = utrechtDay(2026, 6, 1);

    /** Test-only stand-in for the household route: calls the hand-over and maps its output back. */
    private static final String CALLER_STUB = "handover-caller-stub";
    private static final String CALLER_STUB_WAITS = "UserTask_AfterHandover";

    ProcessEngine processEngine;

    private List<String> deploymentIds;

    @BeforeEach
    void deployFromProcessesFolder() {
        deploymentIds = initAndDeploy(processEngine, PROCESS_KEY);
        RecordingOutboundMessages.reset();
    }

    @AfterEach
    void removeTheDeployments() {
        undeployAndReset(deploymentIds);
    }

    @Test
    void vluchtelingenwerkPreparesThePackageAndHoldsTheMeetingThenTheBuurtteamAccepts() {
        ProcessInstance handover = handoverStarted();

        assertThat(handover).isStarted().hasBusinessKey(CASE_ID).hasPassed(START_HANDOVER_STARTED)
                .isWaitingAt(TASK_PREPARE_HANDOVER_PACKAGE);
        assertThat(task(TASK_PREPARE_HANDOVER_PACKAGE, handover)).hasCandidateGroup(GROUP_VLUCHTELINGENWERK_UTRECHT)
                .hasName("Overdrachtspakket voorbereiden");

        complete(task(TASK_PREPARE_HANDOVER_PACKAGE, handover), packageForm());

        assertThat(handover).isWaitingAt(SEND_HANDOVER_PACKAGE);
        assertThat(RecordingOutboundMessages.all()).isEmpty();
        packageSent(handover);
        Recorded announcement = sentOnce(OUTBOUND_HANDOVER_PACKAGE_SENT);
        assertThat(announcement.caseId()).isEqualTo(CASE_ID);
        assertThat(announcement.personRef()).isNull();
        assertThat(announcement.data()).as("reference, date and kinds of information only: no open points, no remarks")
                .isEqualTo(json("""
                        {'packageReference': 'OVD-2027-0042', 'proposedMeetingDate': '2027-12-08',
                         'agreedInformation': ['household', 'finances', 'civic-integration']}"""));
        assertThat(handover).isWaitingAt(TASK_HOLD_HANDOVER_MEETING);
        assertThat(task(TASK_HOLD_HANDOVER_MEETING, handover)).hasCandidateGroup(GROUP_VLUCHTELINGENWERK_UTRECHT)
                .hasName("Warm overdrachtsgesprek met buurtteam");

        complete(task(TASK_HOLD_HANDOVER_MEETING, handover), meetingForm());

        assertThat(handover).isWaitingAt(TASK_ACCEPT_HANDOVER);
        assertThat(task(TASK_ACCEPT_HANDOVER, handover)).hasCandidateGroup(GROUP_NEIGHBOURHOOD_TEAM)
                .hasName("Overdracht accepteren");
        assertThat(handover).variables()
                .containsEntry(VAR_OPEN_POINTS, "Aanvraag kwijtschelding loopt nog")
                .containsEntry(VAR_AGREED_INFORMATION, List.of("household", "finances", "civic-integration"))
                .containsEntry(VAR_HANDOVER_MEETING_DATE, "2027-12-08")
                .containsEntry(VAR_MEETING_PARTICIPANT_ROLES, List.of("vluchtelingenwerk", "neighbourhood-team",
                        "main-person", "interpreter"));
    }

    @Test
    void acceptedInTasklistRecordsTheDateAndMakesTheBuurtteamTheContactPoint() {
        ProcessInstance handover = waitingForAcceptance();

        complete(task(TASK_ACCEPT_HANDOVER, handover), withVariables(
                VAR_HANDOVER_ACCEPTED_DATE, "2027-12-15",
                VAR_ACCEPTANCE_REMARKS, "Eerste afspraak met het buurtteam gepland"));

        assertThat(handover).isEnded().hasPassed(TASK_ACCEPT_HANDOVER, END_NEIGHBOURHOOD_TEAM_RESPONSIBLE)
                .hasNotPassed(BOUNDARY_HANDOVER_ACCEPTED_REPORTED);
        assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(handover.getId())
                .variableName(VAR_HANDOVER_ACCEPTED_ON).singleResult().getValue())
                .isEqualTo(utrechtDay(2027, 12, 15));
    }

    @Test
    void acceptanceReportedByTheBuurtteamClosesTheTaskAndEndsTheHandover() {
        ProcessInstance handover = waitingForAcceptance();

        acceptanceReported(utrechtDay(2027, 12, 14));

        assertThat(handover).isEnded()
                .hasPassed(BOUNDARY_HANDOVER_ACCEPTED_REPORTED, END_NEIGHBOURHOOD_TEAM_RESPONSIBLE);
        assertThat(taskQuery().processInstanceId(handover.getId()).count()).isZero();
        assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(handover.getId())
                .variableName(VAR_HANDOVER_ACCEPTED_ON).singleResult().getValue())
                .isEqualTo(utrechtDay(2027, 12, 14));
    }

    @Test
    void acceptanceReportedBeforeTheMeetingFindsNoWaitingStep() {
        ProcessInstance handover = handoverStarted();

        // the hub parks such an event and applies it when the hand-over reaches the acceptance task
        assertThatThrownBy(() -> acceptanceReported(utrechtDay(2027, 12, 1)))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(handover).isWaitingAt(TASK_PREPARE_HANDOVER_PACKAGE);
    }

    @Test
    void callerReceivesTheAcceptanceDateAsOutput() {
        deploymentIds.add(repositoryService().createDeployment().name(CALLER_STUB)
                .addModelInstance(CALLER_STUB + ".bpmn", callerStub()).deploy().getId());
        ProcessInstance route = runtimeService().startProcessInstanceByKey(CALLER_STUB, CASE_ID,
                Variables.createVariables().putValue(VAR_CASE_ID, CASE_ID).putValue(VAR_SETTLEMENT_DATE, SETTLEMENT));
        ProcessInstance handover = runtimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .superProcessInstanceId(route.getId()).singleResult();
        assertThat(handover.getBusinessKey()).isEqualTo(CASE_ID);
        complete(task(TASK_PREPARE_HANDOVER_PACKAGE, handover), packageForm());
        packageSent(handover);
        complete(task(TASK_HOLD_HANDOVER_MEETING, handover), meetingForm());

        // household scope: the caller shares the business key but waits for no such message
        acceptanceReported(utrechtDay(2027, 12, 14));

        assertThat(handover).isEnded();
        assertThat(route).isWaitingAt(CALLER_STUB_WAITS).variables()
                .containsEntry(VAR_HANDOVER_ACCEPTED_ON, utrechtDay(2027, 12, 14))
                .doesNotContainKeys(VAR_OPEN_POINTS, VAR_HANDOVER_MEETING_DATE);
    }

    @Test
    void tasksOpenTheirCamundaFormsFromTheSameDeployment() throws IOException {
        ProcessInstance handover = handoverStarted();
        assertDeployedForm(handover, TASK_PREPARE_HANDOVER_PACKAGE, FORM_PREPARE_HANDOVER_PACKAGE);
        complete(task(TASK_PREPARE_HANDOVER_PACKAGE, handover), packageForm());
        packageSent(handover);
        assertDeployedForm(handover, TASK_HOLD_HANDOVER_MEETING, FORM_HOLD_HANDOVER_MEETING);
        complete(task(TASK_HOLD_HANDOVER_MEETING, handover), meetingForm());
        assertDeployedForm(handover, TASK_ACCEPT_HANDOVER, FORM_ACCEPT_HANDOVER);
    }

    /** Starts the hand-over as the household route's call activity does. */
    private static ProcessInstance handoverStarted() {
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, CASE_ID, Variables.createVariables()
                .putValue(VAR_CASE_ID, CASE_ID)
                .putValue(VAR_SETTLEMENT_DATE, SETTLEMENT));
    }

    private static ProcessInstance waitingForAcceptance() {
        ProcessInstance handover = handoverStarted();
        complete(task(TASK_PREPARE_HANDOVER_PACKAGE, handover), packageForm());
        packageSent(handover);
        complete(task(TASK_HOLD_HANDOVER_MEETING, handover), meetingForm());
        return handover;
    }

    /** The job executor runs the send task (asynchronous before) that announces the package to the buurtteam. */
    private static void packageSent(ProcessInstance handover) {
        assertThat(handover).isWaitingAt(SEND_HANDOVER_PACKAGE);
        execute(job(SEND_HANDOVER_PACKAGE, handover));
    }

    /** As the hub correlates the buurtteam's event (scope household). */
    private static void acceptanceReported(Date acceptedOn) {
        runtimeService().createMessageCorrelation(MESSAGE_HANDOVER_ACCEPTED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_HANDOVER_ACCEPTED_ON, acceptedOn)
                .correlate();
    }

    private static Map<String, Object> packageForm() {
        return withVariables(
                VAR_OPEN_POINTS, "Aanvraag kwijtschelding loopt nog",
                VAR_HANDOVER_PACKAGE_REFERENCE, "OVD-2027-0042",
                VAR_PROPOSED_MEETING_DATE, "2027-12-08",
                VAR_AGREED_INFORMATION, new ArrayList<>(List.of(AgreedInformation.HOUSEHOLD.value(),
                        AgreedInformation.FINANCES.value(), AgreedInformation.CIVIC_INTEGRATION.value())),
                VAR_HANDOVER_REMARKS, "Huishouden is op de hoogte van de overdracht");
    }

    private static Map<String, Object> meetingForm() {
        return withVariables(
                VAR_HANDOVER_MEETING_DATE, "2027-12-08",
                VAR_MEETING_PARTICIPANT_ROLES, new ArrayList<>(List.of(ParticipantRole.VLUCHTELINGENWERK.value(),
                        ParticipantRole.NEIGHBOURHOOD_TEAM.value(), ParticipantRole.MAIN_PERSON.value(),
                        ParticipantRole.INTERPRETER.value())));
    }

    /** Test only: a caller like the household route's CallActivity_NeighbourhoodHandover. */
    private static BpmnModelInstance callerStub() {
        BpmnModelInstance caller = Bpmn.createExecutableProcess(CALLER_STUB).camundaHistoryTimeToLive(1)
                .startEvent()
                .callActivity("CallActivity_NeighbourhoodHandover").calledElement(PROCESS_KEY)
                .camundaIn(VAR_CASE_ID, VAR_CASE_ID)
                .camundaIn(VAR_SETTLEMENT_DATE, VAR_SETTLEMENT_DATE)
                .camundaOut(VAR_HANDOVER_ACCEPTED_ON, VAR_HANDOVER_ACCEPTED_ON)
                .userTask(CALLER_STUB_WAITS)
                .endEvent()
                .done();
        CallActivity call = caller.getModelElementById("CallActivity_NeighbourhoodHandover");
        CamundaIn businessKey = caller.newInstance(CamundaIn.class);
        businessKey.setCamundaBusinessKey("#{execution.processBusinessKey}");
        call.getExtensionElements().addChildElement(businessKey);
        return caller;
    }
}
