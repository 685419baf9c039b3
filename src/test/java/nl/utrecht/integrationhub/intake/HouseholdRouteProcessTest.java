package nl.utrecht.integrationhub.intake;

import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.BOUNDARY_DOSSIER_OPENED_BY_PARTNER;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.END_RECEPTION_STARTED;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.FORM_OPEN_DOSSIER;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.FORM_PLACE_CHILD_IN_SCHOOL;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.GROUP_EDUCATION;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.GROUP_VLUCHTELINGENWERK;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.MESSAGE_DOSSIER_OPENED;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.MESSAGE_INTAKE_REGISTERED;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.PROCESS_KEY;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.START_INTAKE_REGISTERED;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.TASK_OPEN_DOSSIER;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.TASK_PLACE_CHILD_IN_SCHOOL;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_ARRIVAL_DATE;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_AZC_LOCATION;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_CASE_ID;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_CHILD_REF;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_DOSSIER_NUMBER;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_DOSSIER_OPENED_ON;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_FIRST_SCHOOL_DAY;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_MAIN_PERSON_REF;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_PROFILE_ASSESSMENT_DATE;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_REMARKS;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_SCHOOL_AGE_CHILDREN;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_SCHOOL_NAME;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_SCHOOL_PLACEMENT_DUE;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_SCHOOL_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.utrecht.integrationhub.intake.HouseholdRouteProcess.SchoolType;
import nl.utrecht.integrationhub.platform.camunda.ProcessTestDeployment;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Phase A of the household route, deployed from processes/household-route/ exactly as the hub deploys
 * it, started and correlated exactly as the hub does.
 */
@ExtendWith(ProcessEngineExtension.class)
class HouseholdRouteProcessTest {

    private static final ZoneId UTRECHT = ZoneId.of("Europe/Amsterdam");
    private static final String CASE_ID = "HH-2026-000123";
    private static final String MAIN_PERSON = "P-000041";
    private static final String OLDER_CHILD = "P-000042";
    private static final String YOUNGER_CHILD = "P-000043";
    private static final Date ARRIVAL = day(2026, 3, 2);
    private static final Date SCHOOL_PLACEMENT_DUE = day(2026, 3, 5);

    ProcessEngine processEngine;

    private String deploymentId;

    @BeforeEach
    void deployTheRouteFromProcessesFolder() {
        BpmnAwareTests.init(processEngine);
        deploymentId = ProcessTestDeployment.deploy(repositoryService(), PROCESS_KEY);
    }

    @AfterEach
    void removeTheDeployment() {
        ProcessTestDeployment.undeploy(repositoryService(), deploymentId);
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void intakeOfHouseholdWithTwoSchoolAgeChildrenOpensDossierTaskAndOneSchoolTaskPerChild() {
        ProcessInstance route = intakeRegistered(List.of(OLDER_CHILD, YOUNGER_CHILD));

        assertThat(route).isStarted().hasBusinessKey(CASE_ID).hasPassed(START_INTAKE_REGISTERED)
                .isWaitingAt(TASK_OPEN_DOSSIER, TASK_PLACE_CHILD_IN_SCHOOL);
        assertThat(task(TASK_OPEN_DOSSIER, route)).hasCandidateGroup(GROUP_VLUCHTELINGENWERK)
                .hasName("Dossier openen en persoonsprofiel-assessment plannen");

        List<Task> schoolTasks = schoolTasks(route);
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
    void schoolAgeChildrenAreStoredAsJson() {
        ProcessInstance route = intakeRegistered(List.of(OLDER_CHILD));

        ObjectValue children = runtimeService().getVariableTyped(route.getId(), VAR_SCHOOL_AGE_CHILDREN, false);
        assertThat(children.getSerializationDataFormat())
                .isEqualTo(Variables.SerializationDataFormats.JSON.getName());
        assertThat(children.getValueSerialized()).isEqualTo("[\"P-000042\"]");
    }

    @Test
    void householdWithoutSchoolAgeChildrenOnlyGetsTheDossierTask() {
        ProcessInstance route = intakeRegistered(List.of());

        assertThat(route).isWaitingAt(TASK_OPEN_DOSSIER).isNotWaitingAt(TASK_PLACE_CHILD_IN_SCHOOL);
        assertThat(schoolTasks(route)).isEmpty();

        complete(task(TASK_OPEN_DOSSIER, route), dossierForm());

        assertThat(route).isEnded().hasPassed(TASK_OPEN_DOSSIER, END_RECEPTION_STARTED);
    }

    @Test
    void dossierCompletedInTasklistRecordsDossierAndLeavesSchoolPlacementsOpen() {
        ProcessInstance route = intakeRegistered(List.of(OLDER_CHILD, YOUNGER_CHILD));
        Date completedAt = Date.from(LocalDateTime.of(2026, 3, 3, 10, 15).atZone(UTRECHT).toInstant());
        ClockUtil.setCurrentTime(completedAt);

        complete(task(TASK_OPEN_DOSSIER, route), dossierForm());

        assertThat(route).isNotEnded().isWaitingAt(TASK_PLACE_CHILD_IN_SCHOOL).isNotWaitingAt(TASK_OPEN_DOSSIER)
                .hasPassed(TASK_OPEN_DOSSIER).hasNotPassed(BOUNDARY_DOSSIER_OPENED_BY_PARTNER);
        assertThat(route).variables()
                .containsEntry(VAR_DOSSIER_NUMBER, "VWMN-2026-0456")
                .containsEntry(VAR_PROFILE_ASSESSMENT_DATE, "2026-03-09")
                .containsEntry(VAR_REMARKS, "Voorkeur voor ochtendafspraken")
                .containsEntry(VAR_DOSSIER_OPENED_ON, completedAt);
    }

    @Test
    void dossierReportedByVluchtelingenwerkFirstClosesTheDossierTask() {
        ProcessInstance route = intakeRegistered(List.of(OLDER_CHILD));
        Date openedOn = day(2026, 3, 2);

        runtimeService().createMessageCorrelation(MESSAGE_DOSSIER_OPENED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_DOSSIER_NUMBER, "VWMN-2026-0789")
                .setVariable(VAR_DOSSIER_OPENED_ON, openedOn)
                .correlate();

        assertThat(route).isWaitingAt(TASK_PLACE_CHILD_IN_SCHOOL).isNotWaitingAt(TASK_OPEN_DOSSIER)
                .hasPassed(BOUNDARY_DOSSIER_OPENED_BY_PARTNER);
        assertThat(taskQuery().processInstanceId(route.getId()).taskDefinitionKey(TASK_OPEN_DOSSIER).count()).isZero();
        assertThat(route).variables()
                .containsEntry(VAR_DOSSIER_NUMBER, "VWMN-2026-0789")
                .containsEntry(VAR_DOSSIER_OPENED_ON, openedOn);
    }

    @Test
    void dossierReportArrivingAfterCompletionInTasklistFindsNoWaitingStep() {
        ProcessInstance route = intakeRegistered(List.of(OLDER_CHILD));
        complete(task(TASK_OPEN_DOSSIER, route), dossierForm());

        assertThatThrownBy(() -> runtimeService().createMessageCorrelation(MESSAGE_DOSSIER_OPENED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_DOSSIER_NUMBER, "VWMN-2026-0789")
                .correlate())
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(route).variables().containsEntry(VAR_DOSSIER_NUMBER, "VWMN-2026-0456");
    }

    @Test
    void routeEndsOnlyWhenDossierAndEverySchoolPlacementAreDone() {
        ProcessInstance route = intakeRegistered(List.of(OLDER_CHILD, YOUNGER_CHILD));

        complete(task(TASK_OPEN_DOSSIER, route), dossierForm());
        List<Task> schoolTasks = schoolTasks(route);
        complete(schoolTasks.get(0), schoolForm(SchoolType.INTERNATIONAL_TRANSITION_CLASS, "ISK Utrecht"));
        assertThat(route).isNotEnded().isWaitingAt(TASK_PLACE_CHILD_IN_SCHOOL).isNotWaitingAt(TASK_OPEN_DOSSIER);

        complete(schoolTasks.get(1), schoolForm(SchoolType.LANGUAGE_SCHOOL_MOZAIEK, "Taalschool Het Mozaïek"));

        assertThat(route).isEnded().hasPassed(TASK_OPEN_DOSSIER, TASK_PLACE_CHILD_IN_SCHOOL, END_RECEPTION_STARTED);
    }

    @Test
    void routeEndsWhenPartnerReportsDossierAfterSchoolPlacements() {
        ProcessInstance route = intakeRegistered(List.of(YOUNGER_CHILD));
        complete(task(TASK_PLACE_CHILD_IN_SCHOOL, route),
                schoolForm(SchoolType.LANGUAGE_SCHOOL_MOZAIEK, "Taalschool Het Mozaïek"));
        assertThat(route).isWaitingAt(TASK_OPEN_DOSSIER).isNotWaitingAt(TASK_PLACE_CHILD_IN_SCHOOL);

        runtimeService().createMessageCorrelation(MESSAGE_DOSSIER_OPENED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_DOSSIER_NUMBER, "VWMN-2026-0789")
                .setVariable(VAR_DOSSIER_OPENED_ON, day(2026, 3, 4))
                .correlate();

        assertThat(route).isEnded().hasPassed(BOUNDARY_DOSSIER_OPENED_BY_PARTNER, END_RECEPTION_STARTED);
    }

    @Test
    void schoolPlacementsOfSiblingsAreKeptPerChild() {
        ProcessInstance route = intakeRegistered(List.of(OLDER_CHILD, YOUNGER_CHILD));

        for (Task schoolTask : schoolTasks(route)) {
            Object child = runtimeService().getVariable(schoolTask.getExecutionId(), VAR_CHILD_REF);
            boolean older = OLDER_CHILD.equals(child);
            // Tasklist submits Camunda Forms through the form service
            formService().submitTaskForm(schoolTask.getId(), older
                    ? schoolForm(SchoolType.INTERNATIONAL_TRANSITION_CLASS, "ISK Utrecht")
                    : schoolForm(SchoolType.LANGUAGE_SCHOOL_MOZAIEK, "Taalschool Het Mozaïek"));
        }

        assertThat(route).isWaitingAt(TASK_OPEN_DOSSIER).isNotWaitingAt(TASK_PLACE_CHILD_IN_SCHOOL);
        assertThat(runtimeService().getVariables(route.getId()))
                .doesNotContainKeys(VAR_SCHOOL_TYPE, VAR_SCHOOL_NAME, VAR_FIRST_SCHOOL_DAY);
        List<HistoricVariableInstance> schoolNames = historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(route.getId()).variableName(VAR_SCHOOL_NAME).list();
        assertThat(schoolNames)
                .extracting(HistoricVariableInstance::getValue)
                .containsExactlyInAnyOrder("ISK Utrecht", "Taalschool Het Mozaïek");
        assertThat(schoolNames)
                .extracting(HistoricVariableInstance::getActivityInstanceId)
                .doesNotHaveDuplicates();
    }

    @Test
    void tasksOpenTheirCamundaFormsFromTheSameDeployment() throws IOException {
        ProcessInstance route = intakeRegistered(List.of(OLDER_CHILD));

        Task dossierTask = taskQuery().processInstanceId(route.getId()).taskDefinitionKey(TASK_OPEN_DOSSIER)
                .initializeFormKeys().singleResult();
        Task schoolTask = taskQuery().processInstanceId(route.getId()).taskDefinitionKey(TASK_PLACE_CHILD_IN_SCHOOL)
                .initializeFormKeys().singleResult();

        assertFormRef(dossierTask, FORM_OPEN_DOSSIER);
        assertFormRef(schoolTask, FORM_PLACE_CHILD_IN_SCHOOL);
        assertThat(deployedFormId(dossierTask)).isEqualTo(FORM_OPEN_DOSSIER);
        assertThat(deployedFormId(schoolTask)).isEqualTo(FORM_PLACE_CHILD_IN_SCHOOL);
    }

    /** Starts the route as the hub does on COA's intake registration. */
    private static ProcessInstance intakeRegistered(List<String> schoolAgeChildren) {
        return runtimeService().createMessageCorrelation(MESSAGE_INTAKE_REGISTERED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariables(Variables.createVariables()
                        .putValue(VAR_CASE_ID, CASE_ID)
                        .putValue(VAR_MAIN_PERSON_REF, MAIN_PERSON)
                        .putValue(VAR_AZC_LOCATION, "Einsteindreef")
                        .putValue(VAR_ARRIVAL_DATE, ARRIVAL)
                        .putValue(VAR_SCHOOL_AGE_CHILDREN, new ArrayList<>(schoolAgeChildren))
                        .putValue(VAR_SCHOOL_PLACEMENT_DUE, SCHOOL_PLACEMENT_DUE))
                .correlateStartMessage();
    }

    private static List<Task> schoolTasks(ProcessInstance route) {
        return taskQuery().processInstanceId(route.getId()).taskDefinitionKey(TASK_PLACE_CHILD_IN_SCHOOL)
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

    private static void assertFormRef(Task task, String formId) {
        CamundaFormRef formRef = task.getCamundaFormRef();
        assertThat(formRef).isNotNull();
        assertThat(formRef.getKey()).isEqualTo(formId);
        assertThat(formRef.getBinding()).isEqualTo("deployment");
    }

    private static String deployedFormId(Task task) throws IOException {
        try (InputStream form = formService().getDeployedTaskForm(task.getId())) {
            JsonNode schema = new ObjectMapper().readTree(form);
            return schema.path("id").asText();
        }
    }

    private static Date day(int year, int month, int dayOfMonth) {
        return Date.from(LocalDate.of(year, month, dayOfMonth).atStartOfDay(UTRECHT).toInstant());
    }
}
