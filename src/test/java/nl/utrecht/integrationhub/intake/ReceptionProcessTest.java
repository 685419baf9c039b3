package nl.utrecht.integrationhub.intake;

import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_ARRIVAL_DATE;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_AZC_LOCATION;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_CASE_ID;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_HOUSEHOLD_MEMBERS;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_MAIN_PERSON_REF;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_SCHOOL_AGE_CHILDREN;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_SCHOOL_PLACEMENT_DUE;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.BOUNDARY_DOSSIER_OPENED_BY_PARTNER;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.END_RECEPTION_ENDED_WITHOUT_STATUS;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.END_RECEPTION_ENDED_WITH_PERMIT;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.EVENT_PERMIT_GRANTED;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.FORM_CLOSE_ACTIVATION;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.FORM_OPEN_DOSSIER;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.FORM_PLACE_CHILD_IN_SCHOOL;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.FORM_RECORD_ACTIVATION;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.GROUP_EDUCATION;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.GROUP_VLUCHTELINGENWERK;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.MESSAGE_DEPARTED_WITHOUT_STATUS;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.MESSAGE_DOSSIER_OPENED;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.MESSAGE_PERMIT_GRANTED;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.PROCESS_KEY;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.START_DEPARTED_WITHOUT_STATUS;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.START_RECEPTION_STARTED;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.SUBPROCESS_DEPARTED_WITHOUT_STATUS;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.TASK_CLOSE_ACTIVATION;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.TASK_OPEN_DOSSIER;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.TASK_PLACE_CHILD_IN_SCHOOL;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.TASK_RECORD_ACTIVATION;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_ACTIVATION_CLOSED_ON;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_ACTIVATION_RECORDED_ON;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_CHILD_REF;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_COURSES_FOLLOWED;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_COURSE_OFFERED;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_DEPARTED_ON;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_DOSSIER_NUMBER;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_DOSSIER_OPENED_ON;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_FIRST_SCHOOL_DAY;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_GGD_SCREENING_DONE;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_PERMIT_GRANTED_ON;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_PRE_INTEGRATION_STARTED;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_PROFILE_ASSESSMENT_DATE;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_PROFILE_ASSESSMENT_DONE;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_RECEPTION_OUTCOME;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_REMARKS;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_SCHOOL_NAME;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_SCHOOL_TYPE;
import static nl.utrecht.integrationhub.intake.ReceptionProcess.VAR_VOLUNTEER_ACTIVITY;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.UTRECHT;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.assertDeployedForm;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.householdMember;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.initAndDeploy;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.undeployAndReset;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.utrechtDay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.utrecht.integrationhub.intake.ReceptionProcess.Course;
import nl.utrecht.integrationhub.intake.ReceptionProcess.Outcome;
import nl.utrecht.integrationhub.intake.ReceptionProcess.SchoolType;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Phase A, reception in the AZC, deployed from processes/reception/ exactly as the hub deploys it,
 * started as the household route's call activity starts it (business key = case id, the intake
 * variables) and correlated exactly as the hub does (by business key).
 */
@ExtendWith(ProcessEngineExtension.class)
class ReceptionProcessTest {

    private static final String CASE_ID = "HH-2026-000123";
    private static final String MAIN_PERSON = "P-000041";
    private static final String PARTNER = "P-000044";
    private static final String OLDER_CHILD = "P-000042";
    private static final String YOUNGER_CHILD = "P-000043";
    private static final Date ARRIVAL = utrechtDay(2026, 3, 2);
    private static final Date SCHOOL_PLACEMENT_DUE = utrechtDay(2026, 3, 5);

    ProcessEngine processEngine;

    private List<String> deploymentIds;

    @BeforeEach
    void deployReceptionFromProcessesFolder() {
        deploymentIds = initAndDeploy(processEngine, PROCESS_KEY);
    }

    @AfterEach
    void removeTheDeployment() {
        undeployAndReset(deploymentIds);
        ClockUtil.reset();
    }

    // ---------------------------------------------------------------- the three reception steps

    @Test
    void receptionOpensDossierActivationAndOneSchoolTaskPerSchoolAgeChild() {
        ProcessInstance reception = receptionStarted(List.of(OLDER_CHILD, YOUNGER_CHILD));

        assertThat(reception).isStarted().hasBusinessKey(CASE_ID).hasPassed(START_RECEPTION_STARTED)
                .isWaitingAt(TASK_OPEN_DOSSIER, TASK_PLACE_CHILD_IN_SCHOOL, TASK_RECORD_ACTIVATION);
        assertThat(task(TASK_OPEN_DOSSIER, reception)).hasCandidateGroup(GROUP_VLUCHTELINGENWERK)
                .hasName("Dossier openen en persoonsprofiel-assessment plannen");
        assertThat(task(TASK_RECORD_ACTIVATION, reception)).hasCandidateGroup(GROUP_VLUCHTELINGENWERK)
                .hasName("Activering vanaf dag één vastleggen");

        List<Task> schoolTasks = schoolTasks(reception);
        assertThat(schoolTasks).hasSize(2);
        for (Task schoolTask : schoolTasks) {
            assertThat(schoolTask).hasCandidateGroup(GROUP_EDUCATION)
                    .hasName("Kind plaatsen op school (binnen 3 dagen na aankomst)");
            assertThat(schoolTask.getDueDate()).hasSameTimeAs(SCHOOL_PLACEMENT_DUE);
        }
        assertThat(schoolTasks)
                .extracting(schoolTask -> runtimeService().getVariable(schoolTask.getExecutionId(), VAR_CHILD_REF))
                .containsExactlyInAnyOrder(OLDER_CHILD, YOUNGER_CHILD);
    }

    @Test
    void householdWithoutSchoolAgeChildrenGetsDossierAndActivationOnly() {
        ProcessInstance reception = receptionStarted(List.of());

        assertThat(reception).isWaitingAt(TASK_OPEN_DOSSIER, TASK_RECORD_ACTIVATION)
                .isNotWaitingAt(TASK_PLACE_CHILD_IN_SCHOOL);
        assertThat(schoolTasks(reception)).isEmpty();

        complete(task(TASK_OPEN_DOSSIER, reception), dossierForm());
        complete(task(TASK_RECORD_ACTIVATION, reception), activationForm());

        assertThat(reception).isWaitingAt(EVENT_PERMIT_GRANTED).hasPassed(TASK_OPEN_DOSSIER, TASK_RECORD_ACTIVATION);
    }

    @Test
    void dossierCompletedInTasklistRecordsDossierAndLeavesTheOtherStepsOpen() {
        ProcessInstance reception = receptionStarted(List.of(OLDER_CHILD, YOUNGER_CHILD));
        Date completedAt = Date.from(LocalDateTime.of(2026, 3, 3, 10, 15).atZone(UTRECHT).toInstant());
        ClockUtil.setCurrentTime(completedAt);

        complete(task(TASK_OPEN_DOSSIER, reception), dossierForm());

        assertThat(reception).isNotEnded().isWaitingAt(TASK_PLACE_CHILD_IN_SCHOOL, TASK_RECORD_ACTIVATION)
                .isNotWaitingAt(TASK_OPEN_DOSSIER)
                .hasPassed(TASK_OPEN_DOSSIER).hasNotPassed(BOUNDARY_DOSSIER_OPENED_BY_PARTNER);
        assertThat(reception).variables()
                .containsEntry(VAR_DOSSIER_NUMBER, "VWMN-2026-0456")
                .containsEntry(VAR_PROFILE_ASSESSMENT_DATE, "2026-03-09")
                .containsEntry(VAR_REMARKS, "Voorkeur voor ochtendafspraken")
                .containsEntry(VAR_DOSSIER_OPENED_ON, completedAt);
    }

    @Test
    void dossierReportedByVluchtelingenwerkFirstClosesTheDossierTask() {
        ProcessInstance reception = receptionStarted(List.of(OLDER_CHILD));
        Date openedOn = utrechtDay(2026, 3, 2);

        dossierOpenedReported("VWMN-2026-0789", openedOn);

        assertThat(reception).isWaitingAt(TASK_PLACE_CHILD_IN_SCHOOL, TASK_RECORD_ACTIVATION)
                .isNotWaitingAt(TASK_OPEN_DOSSIER).hasPassed(BOUNDARY_DOSSIER_OPENED_BY_PARTNER);
        assertThat(taskQuery().processInstanceId(reception.getId()).taskDefinitionKey(TASK_OPEN_DOSSIER).count())
                .isZero();
        assertThat(reception).variables()
                .containsEntry(VAR_DOSSIER_NUMBER, "VWMN-2026-0789")
                .containsEntry(VAR_DOSSIER_OPENED_ON, openedOn);
    }

    @Test
    void dossierReportArrivingAfterCompletionInTasklistFindsNoWaitingStep() {
        ProcessInstance reception = receptionStarted(List.of(OLDER_CHILD));
        complete(task(TASK_OPEN_DOSSIER, reception), dossierForm());

        assertThatThrownBy(() -> dossierOpenedReported("VWMN-2026-0789", utrechtDay(2026, 3, 3)))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(reception).variables().containsEntry(VAR_DOSSIER_NUMBER, "VWMN-2026-0456");
    }

    @Test
    void partnerReportingTheDossierLastCompletesTheReceptionSteps() {
        ProcessInstance reception = receptionStarted(List.of(YOUNGER_CHILD));
        complete(task(TASK_PLACE_CHILD_IN_SCHOOL, reception),
                schoolForm(SchoolType.LANGUAGE_SCHOOL_MOZAIEK, "Taalschool Het Mozaïek"));
        complete(task(TASK_RECORD_ACTIVATION, reception), activationForm());
        assertThat(reception).isWaitingAt(TASK_OPEN_DOSSIER).isNotWaitingAt(EVENT_PERMIT_GRANTED);

        dossierOpenedReported("VWMN-2026-0789", utrechtDay(2026, 3, 4));

        assertThat(reception).isWaitingAt(EVENT_PERMIT_GRANTED).hasPassed(BOUNDARY_DOSSIER_OPENED_BY_PARTNER);
    }

    @Test
    void schoolPlacementsOfSiblingsAreKeptPerChild() {
        ProcessInstance reception = receptionStarted(List.of(OLDER_CHILD, YOUNGER_CHILD));

        for (Task schoolTask : schoolTasks(reception)) {
            Object child = runtimeService().getVariable(schoolTask.getExecutionId(), VAR_CHILD_REF);
            boolean older = OLDER_CHILD.equals(child);
            // Tasklist submits Camunda Forms through the form service
            formService().submitTaskForm(schoolTask.getId(), older
                    ? schoolForm(SchoolType.INTERNATIONAL_TRANSITION_CLASS, "ISK Utrecht")
                    : schoolForm(SchoolType.LANGUAGE_SCHOOL_MOZAIEK, "Taalschool Het Mozaïek"));
        }

        assertThat(reception).isWaitingAt(TASK_OPEN_DOSSIER, TASK_RECORD_ACTIVATION)
                .isNotWaitingAt(TASK_PLACE_CHILD_IN_SCHOOL);
        assertThat(runtimeService().getVariables(reception.getId()))
                .doesNotContainKeys(VAR_SCHOOL_TYPE, VAR_SCHOOL_NAME, VAR_FIRST_SCHOOL_DAY);
        List<HistoricVariableInstance> schoolNames = historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(reception.getId()).variableName(VAR_SCHOOL_NAME).list();
        assertThat(schoolNames)
                .extracting(HistoricVariableInstance::getValue)
                .containsExactlyInAnyOrder("ISK Utrecht", "Taalschool Het Mozaïek");
        assertThat(schoolNames)
                .extracting(HistoricVariableInstance::getActivityInstanceId)
                .doesNotHaveDuplicates();
    }

    @Test
    void activationFromDayOneIsRecordedForTheHousehold() {
        ProcessInstance reception = receptionStarted(List.of(OLDER_CHILD));
        Date completedAt = Date.from(LocalDateTime.of(2026, 3, 4, 14, 0).atZone(UTRECHT).toInstant());
        ClockUtil.setCurrentTime(completedAt);

        formService().submitTaskForm(task(TASK_RECORD_ACTIVATION, reception).getId(), activationForm());

        assertThat(reception).hasPassed(TASK_RECORD_ACTIVATION)
                .isWaitingAt(TASK_OPEN_DOSSIER, TASK_PLACE_CHILD_IN_SCHOOL);
        assertThat(reception).variables()
                .containsEntry(VAR_PROFILE_ASSESSMENT_DONE, true)
                .containsEntry(VAR_COURSE_OFFERED, Course.PLAN_EINSTEIN.value())
                .containsEntry(VAR_PRE_INTEGRATION_STARTED, true)
                .containsEntry(VAR_VOLUNTEER_ACTIVITY, "Taal doet Meer")
                .containsEntry(VAR_GGD_SCREENING_DONE, false)
                .containsEntry(VAR_ACTIVATION_RECORDED_ON, completedAt);
    }

    // ---------------------------------------------------------------- the permit, or a departure without status

    @Test
    void thePermitIsAwaitedOnlyAfterEveryReceptionStepWhileADepartureIsAwaitedThroughout() {
        ProcessInstance reception = receptionStarted(List.of(OLDER_CHILD));

        // While reception tasks are open nothing waits for the permit: the hub parks such an event.
        assertThatThrownBy(() -> permitGranted(utrechtDay(2026, 4, 1)))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(messageSubscriptions(reception))
                .extracting(EventSubscription::getEventName, EventSubscription::getActivityId)
                .containsExactlyInAnyOrder(
                        tuple(MESSAGE_DOSSIER_OPENED, BOUNDARY_DOSSIER_OPENED_BY_PARTNER),
                        tuple(MESSAGE_DEPARTED_WITHOUT_STATUS, START_DEPARTED_WITHOUT_STATUS));

        completeReceptionSteps(reception);

        assertThat(reception).isWaitingAt(EVENT_PERMIT_GRANTED).isNotEnded();
        assertThat(messageSubscriptions(reception))
                .extracting(EventSubscription::getEventName, EventSubscription::getActivityId)
                .containsExactlyInAnyOrder(
                        tuple(MESSAGE_PERMIT_GRANTED, EVENT_PERMIT_GRANTED),
                        tuple(MESSAGE_DEPARTED_WITHOUT_STATUS, START_DEPARTED_WITHOUT_STATUS));
    }

    @Test
    void permitGrantedEndsReceptionWithOutcomePermitGranted() {
        ProcessInstance reception = receptionStarted(List.of(OLDER_CHILD));
        completeReceptionSteps(reception);
        Date grantedOn = utrechtDay(2026, 5, 12);

        permitGranted(grantedOn);

        assertThat(reception).isEnded().hasPassed(EVENT_PERMIT_GRANTED, END_RECEPTION_ENDED_WITH_PERMIT)
                .hasNotPassed(START_DEPARTED_WITHOUT_STATUS, TASK_CLOSE_ACTIVATION, END_RECEPTION_ENDED_WITHOUT_STATUS);
        assertThat(historicVariables(reception))
                .containsEntry(VAR_RECEPTION_OUTCOME, Outcome.PERMIT_GRANTED.value())
                .containsEntry(VAR_PERMIT_GRANTED_ON, grantedOn)
                .doesNotContainKey(VAR_DEPARTED_ON);
    }

    @Test
    void departureWhileReceptionTasksAreOpenCancelsThemAndTheActivationIsClosed() {
        ProcessInstance reception = receptionStarted(List.of(OLDER_CHILD, YOUNGER_CHILD));
        complete(task(TASK_OPEN_DOSSIER, reception), dossierForm());
        Date departedOn = utrechtDay(2026, 3, 20);

        departedWithoutStatus(departedOn);

        assertThat(reception).isNotEnded().isWaitingAt(TASK_CLOSE_ACTIVATION)
                .isNotWaitingAt(TASK_PLACE_CHILD_IN_SCHOOL, TASK_RECORD_ACTIVATION)
                .hasPassed(START_DEPARTED_WITHOUT_STATUS).hasNotPassed(EVENT_PERMIT_GRANTED);
        assertThat(taskQuery().processInstanceId(reception.getId()).list())
                .extracting(Task::getTaskDefinitionKey).containsExactly(TASK_CLOSE_ACTIVATION);
        assertThat(canceled(reception, TASK_PLACE_CHILD_IN_SCHOOL)).as("both children's school tasks").isEqualTo(2);
        assertThat(canceled(reception, TASK_RECORD_ACTIVATION)).isEqualTo(1);
        assertThat(task(TASK_CLOSE_ACTIVATION, reception)).hasCandidateGroup(GROUP_VLUCHTELINGENWERK)
                .hasName("Activering afsluiten bij vertrek zonder status");
        assertThat(reception).variables().containsEntry(VAR_DEPARTED_ON, departedOn)
                .doesNotContainKey(VAR_RECEPTION_OUTCOME);

        Date closedAt = Date.from(LocalDateTime.of(2026, 3, 23, 9, 30).atZone(UTRECHT).toInstant());
        ClockUtil.setCurrentTime(closedAt);
        formService().submitTaskForm(task(TASK_CLOSE_ACTIVATION, reception).getId(), closeActivationForm());

        assertThat(reception).isEnded()
                .hasPassed(SUBPROCESS_DEPARTED_WITHOUT_STATUS, TASK_CLOSE_ACTIVATION, END_RECEPTION_ENDED_WITHOUT_STATUS)
                .hasNotPassed(EVENT_PERMIT_GRANTED, END_RECEPTION_ENDED_WITH_PERMIT);
        assertThat(historicVariables(reception))
                .containsEntry(VAR_RECEPTION_OUTCOME, Outcome.DEPARTED.value())
                .containsEntry(VAR_DEPARTED_ON, departedOn)
                .containsEntry(VAR_DOSSIER_NUMBER, "VWMN-2026-0456")
                .containsEntry(VAR_PROFILE_ASSESSMENT_DONE, true)
                .containsEntry(VAR_COURSES_FOLLOWED, List.of(Course.ENGLISH.value(), Course.PLAN_EINSTEIN.value()))
                .containsEntry(VAR_VOLUNTEER_ACTIVITY, "Welkom in Utrecht")
                .containsEntry(VAR_ACTIVATION_CLOSED_ON, closedAt)
                .doesNotContainKeys(VAR_PERMIT_GRANTED_ON, VAR_ACTIVATION_RECORDED_ON);
    }

    @Test
    void departureWhileWaitingForThePermitLeadsToClosingTheActivationAndTheActivationStillCounts() {
        ProcessInstance reception = receptionStarted(List.of(OLDER_CHILD));
        completeReceptionSteps(reception);
        Date departedOn = utrechtDay(2026, 6, 30);

        departedWithoutStatus(departedOn);

        assertThat(reception).isNotEnded().isWaitingAt(TASK_CLOSE_ACTIVATION).isNotWaitingAt(EVENT_PERMIT_GRANTED)
                .hasPassed(START_DEPARTED_WITHOUT_STATUS);
        assertThat(canceled(reception, EVENT_PERMIT_GRANTED)).isEqualTo(1);
        assertThat(runtimeService().createEventSubscriptionQuery().processInstanceId(reception.getId())
                .eventName(MESSAGE_PERMIT_GRANTED).count()).isZero();

        complete(task(TASK_CLOSE_ACTIVATION, reception), closeActivationForm());

        assertThat(reception).isEnded().hasPassed(TASK_CLOSE_ACTIVATION, END_RECEPTION_ENDED_WITHOUT_STATUS)
                .hasNotPassed(END_RECEPTION_ENDED_WITH_PERMIT);
        assertThat(historicVariables(reception))
                .containsEntry(VAR_RECEPTION_OUTCOME, Outcome.DEPARTED.value())
                .containsEntry(VAR_DEPARTED_ON, departedOn)
                .doesNotContainKey(VAR_PERMIT_GRANTED_ON)
                .containsEntry(VAR_COURSE_OFFERED, Course.PLAN_EINSTEIN.value())
                .containsEntry(VAR_PRE_INTEGRATION_STARTED, true)
                .containsEntry(VAR_COURSES_FOLLOWED, List.of(Course.ENGLISH.value(), Course.PLAN_EINSTEIN.value()))
                .containsEntry(VAR_VOLUNTEER_ACTIVITY, "Welkom in Utrecht");
    }

    @Test
    void afterADepartureNoFurtherStatusMessageFindsAnythingWaiting() {
        ProcessInstance reception = receptionStarted(List.of());
        departedWithoutStatus(utrechtDay(2026, 4, 1));

        assertThatThrownBy(() -> permitGranted(utrechtDay(2026, 5, 12)))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThatThrownBy(() -> departedWithoutStatus(utrechtDay(2026, 4, 2)))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(reception).isWaitingAt(TASK_CLOSE_ACTIVATION);
        assertThat(reception).variables().containsEntry(VAR_DEPARTED_ON, utrechtDay(2026, 4, 1));
    }

    @Test
    void aSecondStatusMessageFindsNothingWaiting() {
        ProcessInstance reception = receptionStarted(List.of());
        completeReceptionSteps(reception);
        permitGranted(utrechtDay(2026, 5, 12));

        assertThatThrownBy(() -> departedWithoutStatus(utrechtDay(2026, 6, 1)))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(historicVariables(reception)).containsEntry(VAR_RECEPTION_OUTCOME, Outcome.PERMIT_GRANTED.value());
    }

    // ---------------------------------------------------------------- forms

    @Test
    void tasksOpenTheirCamundaFormsFromTheSameDeployment() throws IOException {
        ProcessInstance reception = receptionStarted(List.of(OLDER_CHILD));

        Map<String, String> expected = Map.of(
                TASK_OPEN_DOSSIER, FORM_OPEN_DOSSIER,
                TASK_PLACE_CHILD_IN_SCHOOL, FORM_PLACE_CHILD_IN_SCHOOL,
                TASK_RECORD_ACTIVATION, FORM_RECORD_ACTIVATION);
        for (Map.Entry<String, String> taskAndForm : expected.entrySet()) {
            assertDeployedForm(reception, taskAndForm.getKey(), taskAndForm.getValue());
        }
    }

    @Test
    void theCloseActivationTaskOpensItsCamundaFormFromTheSameDeployment() throws IOException {
        ProcessInstance reception = receptionStarted(List.of());
        departedWithoutStatus(utrechtDay(2026, 4, 1));

        assertDeployedForm(reception, TASK_CLOSE_ACTIVATION, FORM_CLOSE_ACTIVATION);
    }

    @Test
    void closeActivationFormAsksOnlyWhatTheActivationAchieved() throws IOException {
        JsonNode form = new ObjectMapper().readTree(Path.of("processes", PROCESS_KEY,
                "reception.close-activation.form").toFile());
        List<String> keys = new ArrayList<>();
        form.path("components").forEach(component -> {
            if (component.has("key")) {
                keys.add(component.get("key").asText());
            }
        });

        assertThat(keys).containsExactly(VAR_CASE_ID, VAR_AZC_LOCATION, VAR_PROFILE_ASSESSMENT_DONE,
                VAR_COURSES_FOLLOWED, VAR_VOLUNTEER_ACTIVITY);
        form.path("components").forEach(component -> {
            if (component.path("key").asText().equals(VAR_CASE_ID)
                    || component.path("key").asText().equals(VAR_AZC_LOCATION)) {
                assertThat(component.path("readonly").asBoolean()).as(component.path("key").asText()).isTrue();
            }
        });
        assertThat(selectValues("reception.close-activation.form", VAR_COURSES_FOLLOWED))
                .containsExactly(Arrays.stream(Course.values()).filter(course -> course != Course.NONE)
                        .map(Course::value).toArray(String[]::new));
    }

    @Test
    void formSelectsOfferExactlyTheValuesTheConstantsName() throws IOException {
        assertThat(selectValues("reception.record-activation.form", VAR_COURSE_OFFERED))
                .containsExactly(Arrays.stream(Course.values()).map(Course::value).toArray(String[]::new));
        assertThat(selectValues("reception.place-child-in-school.form", VAR_SCHOOL_TYPE))
                .containsExactly(Arrays.stream(SchoolType.values()).map(SchoolType::value).toArray(String[]::new));
    }

    @Test
    void activationFormAsksOnlyForWhatTheTaskNeeds() throws IOException {
        JsonNode form = new ObjectMapper().readTree(Path.of("processes", PROCESS_KEY,
                "reception.record-activation.form").toFile());
        List<String> keys = new ArrayList<>();
        form.path("components").forEach(component -> {
            if (component.has("key")) {
                keys.add(component.get("key").asText());
            }
        });

        assertThat(keys).containsExactly(VAR_CASE_ID, VAR_AZC_LOCATION, VAR_PROFILE_ASSESSMENT_DONE,
                VAR_COURSE_OFFERED, VAR_PRE_INTEGRATION_STARTED, VAR_VOLUNTEER_ACTIVITY, VAR_GGD_SCREENING_DONE);
        form.path("components").forEach(component -> {
            if (component.path("key").asText().equals(VAR_CASE_ID)
                    || component.path("key").asText().equals(VAR_AZC_LOCATION)) {
                assertThat(component.path("readonly").asBoolean()).as(component.path("key").asText()).isTrue();
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    /** Starts reception as the household route's call activity does: business key and intake variables. */
    private static ProcessInstance receptionStarted(List<String> schoolAgeChildren) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(VAR_CASE_ID, CASE_ID);
        variables.put(VAR_MAIN_PERSON_REF, MAIN_PERSON);
        variables.put(VAR_AZC_LOCATION, "Einsteindreef");
        variables.put(VAR_ARRIVAL_DATE, ARRIVAL);
        variables.put(VAR_SCHOOL_AGE_CHILDREN, new ArrayList<>(schoolAgeChildren));
        variables.put(VAR_SCHOOL_PLACEMENT_DUE, SCHOOL_PLACEMENT_DUE);
        variables.put(VAR_HOUSEHOLD_MEMBERS, householdMembers());
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, CASE_ID, variables);
    }

    private static ArrayList<Map<String, String>> householdMembers() {
        ArrayList<Map<String, String>> members = new ArrayList<>();
        members.add(householdMember(MAIN_PERSON, "1988-06-15", "main"));
        members.add(householdMember(PARTNER, "1992-02-29", "partner"));
        members.add(householdMember(OLDER_CHILD, "2013-01-02", "child"));
        members.add(householdMember(YOUNGER_CHILD, "2019-09-09", "child"));
        return members;
    }

    /** The hub's correlation of Vluchtelingenwerk's event (scope household: by business key). */
    private static void dossierOpenedReported(String dossierNumber, Date openedOn) {
        runtimeService().createMessageCorrelation(MESSAGE_DOSSIER_OPENED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_DOSSIER_NUMBER, dossierNumber)
                .setVariable(VAR_DOSSIER_OPENED_ON, openedOn)
                .correlate();
    }

    private static void permitGranted(Date grantedOn) {
        runtimeService().createMessageCorrelation(MESSAGE_PERMIT_GRANTED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_PERMIT_GRANTED_ON, grantedOn)
                .correlate();
    }

    private static void departedWithoutStatus(Date departedOn) {
        runtimeService().createMessageCorrelation(MESSAGE_DEPARTED_WITHOUT_STATUS)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_DEPARTED_ON, departedOn)
                .correlate();
    }

    /** Every open reception task done in Tasklist: dossier, each school placement, activation. */
    private static void completeReceptionSteps(ProcessInstance reception) {
        complete(task(TASK_OPEN_DOSSIER, reception), dossierForm());
        for (Task schoolTask : schoolTasks(reception)) {
            complete(schoolTask, schoolForm(SchoolType.INTERNATIONAL_TRANSITION_CLASS, "ISK Utrecht"));
        }
        complete(task(TASK_RECORD_ACTIVATION, reception), activationForm());
    }

    private static List<Task> schoolTasks(ProcessInstance reception) {
        return taskQuery().processInstanceId(reception.getId()).taskDefinitionKey(TASK_PLACE_CHILD_IN_SCHOOL)
                .orderByTaskId().asc().list();
    }

    /** What the open-dossier form submits (Camunda Forms submit dates as ISO strings). */
    private static Map<String, Object> dossierForm() {
        return withVariables(
                VAR_DOSSIER_NUMBER, "VWMN-2026-0456",
                VAR_PROFILE_ASSESSMENT_DATE, "2026-03-09",
                VAR_REMARKS, "Voorkeur voor ochtendafspraken");
    }

    private static Map<String, Object> schoolForm(SchoolType schoolType, String schoolName) {
        return withVariables(
                VAR_SCHOOL_TYPE, schoolType.value(),
                VAR_SCHOOL_NAME, schoolName,
                VAR_FIRST_SCHOOL_DAY, "2026-03-04");
    }

    /** What the activation form submits: an unchecked checkbox submits false. */
    private static Map<String, Object> activationForm() {
        return withVariables(
                VAR_PROFILE_ASSESSMENT_DONE, true,
                VAR_COURSE_OFFERED, Course.PLAN_EINSTEIN.value(),
                VAR_PRE_INTEGRATION_STARTED, true,
                VAR_VOLUNTEER_ACTIVITY, "Taal doet Meer",
                VAR_GGD_SCREENING_DONE, false);
    }

    /** What the close-activation form submits: the checklist submits a list, an unchecked checkbox false. */
    private static Map<String, Object> closeActivationForm() {
        return withVariables(
                VAR_PROFILE_ASSESSMENT_DONE, true,
                VAR_COURSES_FOLLOWED, new ArrayList<>(List.of(Course.ENGLISH.value(), Course.PLAN_EINSTEIN.value())),
                VAR_VOLUNTEER_ACTIVITY, "Welkom in Utrecht");
    }

    private static List<EventSubscription> messageSubscriptions(ProcessInstance instance) {
        return runtimeService().createEventSubscriptionQuery().processInstanceId(instance.getId())
                .eventType("message").list();
    }

    /** How many instances of the activity were cancelled (not completed). */
    private static long canceled(ProcessInstance instance, String activityId) {
        return historyService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId(activityId).canceled().count();
    }

    /** The instance's own (not task- or child-local) variables as history keeps them. */
    private static Map<String, Object> historicVariables(ProcessInstance instance) {
        Map<String, Object> variables = new LinkedHashMap<>();
        historyService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list()
                .stream()
                .filter(variable -> instance.getId().equals(variable.getExecutionId()))
                .forEach(variable -> variables.put(variable.getName(), variable.getValue()));
        return variables;
    }

    private static List<String> selectValues(String formFile, String key) throws IOException {
        JsonNode form = new ObjectMapper().readTree(Files.readAllBytes(Path.of("processes", PROCESS_KEY, formFile)));
        List<String> values = new ArrayList<>();
        form.path("components").forEach(component -> {
            if (key.equals(component.path("key").asText())) {
                component.path("values").forEach(value -> values.add(value.path("value").asText()));
            }
        });
        return values;
    }
}
