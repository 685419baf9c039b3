package nl.utrecht.integrationhub.intake;

import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.CALLED_CIVIC_INTEGRATION;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.CALLED_GUIDANCE;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.CALLED_HOUSING;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.CALLED_NEIGHBOURHOOD_HANDOVER;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.CALLED_RECEPTION;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.CALLED_SCHOOL_PLACEMENT;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.CALLED_SETTLEMENT;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.CALL_CIVIC_INTEGRATION;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.CALL_GUIDANCE;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.CALL_HOUSING;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.CALL_NEIGHBOURHOOD_HANDOVER;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.CALL_RECEPTION;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.CALL_SCHOOL_PLACEMENT;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.CALL_SETTLEMENT;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.END_ROUTE_COMPLETED;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.END_ROUTE_ENDED_WITHOUT_STATUS;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.GATEWAY_PERMIT_GRANTED;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.GATEWAY_ROUTE_JOIN;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.GATEWAY_ROUTE_SPLIT;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.MESSAGE_DOSSIER_OPENED;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.MESSAGE_INTAKE_REGISTERED;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.PROCESS_KEY;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.START_INTAKE_REGISTERED;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_ARRIVAL_DATE;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_AZC_LOCATION;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_BRP_REGISTERED_ON;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_CASE_ID;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_CHILD_BIRTH_DATE;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_DISTRICT;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_DOSSIER_NUMBER;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_DOSSIER_OPENED_ON;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_EDUCATION_LEVEL;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_FAMILY_MEMBERS_TO_FOLLOW;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_HANDOVER_ACCEPTED_ON;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_HOUSEHOLD_MEMBERS;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_INTERIM_HOME;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_LANGUAGE_LEVEL;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_LINKED_ON;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_MAIN_PERSON_REF;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_PERMIT_GRANTED_ON;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_PERSON_REF;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_RECEPTION_OUTCOME;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_SCHOOL_AGE_CHILDREN;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_SCHOOL_PLACEMENT_DUE;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_SETTLEMENT_DATE;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_WORK_EXPERIENCE_YEARS;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.householdMember;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.initAndDeploy;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.undeployAndReset;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.utrechtDay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import nl.utrecht.integrationhub.intake.ReceptionProcess.Course;
import nl.utrecht.integrationhub.intake.ReceptionProcess.Outcome;
import nl.utrecht.integrationhub.platform.camunda.ProcessTestDeployment;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The top level of the household route, deployed from processes/household-route/ exactly as the hub
 * deploys it and started exactly as the hub does (message start, business key = case id). The phases
 * it calls are TEST-ONLY STUBS (one user task each, completed with the variables the phase would map
 * out), so the top level is tested on its own; one test at the end runs it with the real reception.
 */
@ExtendWith(ProcessEngineExtension.class)
class HouseholdRouteProcessTest {

    private static final String CASE_ID = "HH-2026-000123";
    private static final String MAIN_PERSON = "P-000041";
    private static final String PARTNER = "P-000044";
    private static final String OLDER_CHILD = "P-000042";
    private static final String YOUNGER_CHILD = "P-000043";
    private static final Date ARRIVAL = utrechtDay(2026, 3, 2);
    private static final Date SCHOOL_PLACEMENT_DUE = utrechtDay(2026, 3, 5);
    private static final Date PERMIT_GRANTED_ON = utrechtDay(2026, 5, 12);
    private static final Date LINKED_ON = utrechtDay(2026, 6, 1);
    private static final Date SETTLEMENT_DATE = utrechtDay(2026, 9, 1);
    private static final Date BRP_REGISTERED_ON = utrechtDay(2026, 9, 3);
    private static final Date HANDOVER_ACCEPTED_ON = utrechtDay(2028, 3, 15);

    /** The one wait state of every stub: a test-only user task. */
    private static final String STUB_TASK = "UserTask_Stub";

    ProcessEngine processEngine;

    private List<String> deploymentIds;

    @BeforeEach
    void deployTheRouteFromProcessesFolderAndStubsOfThePhases() {
        deploymentIds = initAndDeploy(processEngine, PROCESS_KEY);
        DeploymentBuilder stubs = repositoryService().createDeployment().name("household-route-test-stubs");
        for (String key : List.of(CALLED_RECEPTION, CALLED_HOUSING, CALLED_SETTLEMENT, CALLED_GUIDANCE,
                CALLED_NEIGHBOURHOOD_HANDOVER, CALLED_CIVIC_INTEGRATION, CALLED_SCHOOL_PLACEMENT)) {
            stubs.addModelInstance("stubs/" + key + ".bpmn", stub(key));
        }
        deploymentIds.add(stubs.deploy().getId());
    }

    @AfterEach
    void removeTheDeployments() {
        undeployAndReset(deploymentIds);
        ClockUtil.reset();
    }

    /** TEST-ONLY: a called phase reduced to one user task; the real models live in processes/<key>/. */
    private static BpmnModelInstance stub(String key) {
        return Bpmn.createExecutableProcess(key)
                .name("Teststub " + key)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask(STUB_TASK).name("Teststub")
                .endEvent()
                .done();
    }

    // ---------------------------------------------------------------- phase A and the status

    @Test
    void intakeCallsReceptionWithTheCaseIdAsBusinessKeyAndTheIntakeVariables() {
        ProcessInstance route = intakeRegistered(household());

        assertThat(route).isStarted().hasBusinessKey(CASE_ID).hasPassed(START_INTAKE_REGISTERED)
                .isWaitingAt(CALL_RECEPTION);
        ProcessInstance reception = called(route, CALLED_RECEPTION).get(0);
        assertThat(reception.getBusinessKey()).isEqualTo(CASE_ID);
        assertThat(runtimeService().getVariables(reception.getId()))
                .containsOnlyKeys(VAR_CASE_ID, VAR_MAIN_PERSON_REF, VAR_AZC_LOCATION, VAR_ARRIVAL_DATE,
                        VAR_SCHOOL_AGE_CHILDREN, VAR_SCHOOL_PLACEMENT_DUE, VAR_HOUSEHOLD_MEMBERS)
                .containsEntry(VAR_CASE_ID, CASE_ID)
                .containsEntry(VAR_MAIN_PERSON_REF, MAIN_PERSON)
                .containsEntry(VAR_AZC_LOCATION, "Einsteindreef")
                .containsEntry(VAR_ARRIVAL_DATE, ARRIVAL)
                .containsEntry(VAR_SCHOOL_AGE_CHILDREN, List.of(OLDER_CHILD, YOUNGER_CHILD))
                .containsEntry(VAR_SCHOOL_PLACEMENT_DUE, SCHOOL_PLACEMENT_DUE)
                .containsEntry(VAR_HOUSEHOLD_MEMBERS, household());
    }

    @Test
    void intakeListsAreStoredAsJson() {
        ProcessInstance route = intakeRegistered(household());

        for (String processInstanceId : List.of(route.getId(), called(route, CALLED_RECEPTION).get(0).getId())) {
            ObjectValue children = runtimeService().getVariableTyped(processInstanceId, VAR_SCHOOL_AGE_CHILDREN, false);
            assertThat(children.getSerializationDataFormat())
                    .isEqualTo(Variables.SerializationDataFormats.JSON.getName());
            assertThat(children.getValueSerialized()).isEqualTo("[\"P-000042\",\"P-000043\"]");
            ObjectValue members = runtimeService().getVariableTyped(processInstanceId, VAR_HOUSEHOLD_MEMBERS, false);
            assertThat(members.getSerializationDataFormat())
                    .isEqualTo(Variables.SerializationDataFormats.JSON.getName());
        }
    }

    @Test
    void departureWithoutStatusEndsTheRouteWithoutHousing() {
        ProcessInstance route = intakeRegistered(household());

        completeStub(route, CALLED_RECEPTION, withVariables(
                VAR_RECEPTION_OUTCOME, Outcome.DEPARTED.value(),
                VAR_DOSSIER_NUMBER, "VWMN-2026-0456"));

        assertThat(route).isEnded().hasPassed(CALL_RECEPTION, GATEWAY_PERMIT_GRANTED, END_ROUTE_ENDED_WITHOUT_STATUS)
                .hasNotPassed(CALL_HOUSING, END_ROUTE_COMPLETED);
        assertThat(historicRouteVariables(route))
                .containsEntry(VAR_RECEPTION_OUTCOME, Outcome.DEPARTED.value())
                .containsEntry(VAR_DOSSIER_NUMBER, "VWMN-2026-0456");
        assertThat(historyService().createHistoricProcessInstanceQuery().processDefinitionKey(CALLED_HOUSING).count())
                .isZero();
    }

    @Test
    void permitGrantedContinuesWithHousingAndBringsBackOnlyTheNamedReceptionResults() {
        ProcessInstance route = intakeRegistered(household());

        completeStub(route, CALLED_RECEPTION, withVariables(
                VAR_RECEPTION_OUTCOME, Outcome.PERMIT_GRANTED.value(),
                VAR_PERMIT_GRANTED_ON, PERMIT_GRANTED_ON,
                VAR_DOSSIER_NUMBER, "VWMN-2026-0456",
                VAR_DOSSIER_OPENED_ON, utrechtDay(2026, 3, 3),
                ReceptionProcess.VAR_COURSE_OFFERED, Course.ENGLISH.value()));

        assertThat(route).isWaitingAt(CALL_HOUSING).hasPassed(CALL_RECEPTION, GATEWAY_PERMIT_GRANTED)
                .hasNotPassed(END_ROUTE_ENDED_WITHOUT_STATUS);
        assertThat(route).variables()
                .containsEntry(VAR_RECEPTION_OUTCOME, Outcome.PERMIT_GRANTED.value())
                .containsEntry(VAR_PERMIT_GRANTED_ON, PERMIT_GRANTED_ON)
                .containsEntry(VAR_DOSSIER_NUMBER, "VWMN-2026-0456")
                .doesNotContainKeys(VAR_DOSSIER_OPENED_ON, ReceptionProcess.VAR_COURSE_OFFERED);
        ProcessInstance housing = called(route, CALLED_HOUSING).get(0);
        assertThat(housing.getBusinessKey()).isEqualTo(CASE_ID);
        assertThat(runtimeService().getVariables(housing.getId()))
                .containsOnlyKeys(VAR_CASE_ID, VAR_MAIN_PERSON_REF, VAR_HOUSEHOLD_MEMBERS)
                .containsEntry(VAR_CASE_ID, CASE_ID)
                .containsEntry(VAR_MAIN_PERSON_REF, MAIN_PERSON)
                .containsEntry(VAR_HOUSEHOLD_MEMBERS, household());
    }

    // ---------------------------------------------------------------- phases B to E

    @Test
    void housingResultsGoToTheRouteAndSettlementGetsTheSettlementDate() {
        ProcessInstance route = intakeRegistered(household());
        permitGranted(route);

        completeStub(route, CALLED_HOUSING, housingResults());

        assertThat(route).isWaitingAt(CALL_SETTLEMENT).hasPassed(CALL_HOUSING, GATEWAY_ROUTE_SPLIT);
        assertThat(route).variables()
                .containsEntry(VAR_LINKED_ON, LINKED_ON)
                .containsEntry(VAR_FAMILY_MEMBERS_TO_FOLLOW, 0)
                .containsEntry(VAR_SETTLEMENT_DATE, SETTLEMENT_DATE)
                .containsEntry(VAR_INTERIM_HOME, false)
                .containsEntry(VAR_DISTRICT, "Overvecht");
        ProcessInstance settlement = called(route, CALLED_SETTLEMENT).get(0);
        assertThat(settlement.getBusinessKey()).isEqualTo(CASE_ID);
        assertThat(runtimeService().getVariables(settlement.getId()))
                .containsOnlyKeys(VAR_CASE_ID, VAR_MAIN_PERSON_REF, VAR_HOUSEHOLD_MEMBERS, VAR_SETTLEMENT_DATE,
                        VAR_DOSSIER_NUMBER)
                .containsEntry(VAR_SETTLEMENT_DATE, SETTLEMENT_DATE)
                .containsEntry(VAR_HOUSEHOLD_MEMBERS, household())
                .as("Midden-Nederland's dossier number, for the dossier transfer request")
                .containsEntry(VAR_DOSSIER_NUMBER, "VWMN-2026-0456");
    }

    @Test
    void rightAfterHousingSettlementCivicIntegrationPerAdultAndSchoolPlacementPerMinorRunInParallel() {
        ProcessInstance route = intakeRegistered(household());
        permitGranted(route);

        completeStub(route, CALLED_HOUSING, housingResults());

        assertThat(route).isWaitingAt(CALL_SETTLEMENT, CALL_CIVIC_INTEGRATION, CALL_SCHOOL_PLACEMENT)
                .isNotWaitingAt(CALL_GUIDANCE, CALL_NEIGHBOURHOOD_HANDOVER);

        List<ProcessInstance> civicIntegrations = called(route, CALLED_CIVIC_INTEGRATION);
        assertThat(civicIntegrations).as("2 adults and 2 children: one civic integration per adult").hasSize(2);
        assertThat(civicIntegrations).extracting(ProcessInstance::getBusinessKey).containsOnly(CASE_ID);
        for (ProcessInstance civicIntegration : civicIntegrations) {
            assertThat(runtimeService().getVariables(civicIntegration.getId()))
                    .containsOnlyKeys(VAR_CASE_ID, VAR_PERSON_REF, VAR_SETTLEMENT_DATE)
                    .containsEntry(VAR_CASE_ID, CASE_ID)
                    .containsEntry(VAR_SETTLEMENT_DATE, SETTLEMENT_DATE);
        }
        assertThat(civicIntegrations)
                .extracting(instance -> runtimeService().getVariable(instance.getId(), VAR_PERSON_REF))
                .containsExactlyInAnyOrder(MAIN_PERSON, PARTNER);

        List<ProcessInstance> schoolPlacements = called(route, CALLED_SCHOOL_PLACEMENT);
        assertThat(schoolPlacements).as("2 adults and 2 children: one school placement per minor").hasSize(2);
        assertThat(schoolPlacements).extracting(ProcessInstance::getBusinessKey).containsOnly(CASE_ID);
        Map<Object, Object> birthDateByChild = new LinkedHashMap<>();
        for (ProcessInstance schoolPlacement : schoolPlacements) {
            Map<String, Object> variables = runtimeService().getVariables(schoolPlacement.getId());
            assertThat(variables)
                    .containsOnlyKeys(VAR_CASE_ID, VAR_PERSON_REF, VAR_SETTLEMENT_DATE, VAR_CHILD_BIRTH_DATE)
                    .containsEntry(VAR_CASE_ID, CASE_ID)
                    .containsEntry(VAR_SETTLEMENT_DATE, SETTLEMENT_DATE);
            birthDateByChild.put(variables.get(VAR_PERSON_REF), variables.get(VAR_CHILD_BIRTH_DATE));
        }
        assertThat(birthDateByChild).containsOnly(
                entry(OLDER_CHILD, utrechtDay(2013, 1, 2)),
                entry(YOUNGER_CHILD, utrechtDay(2019, 9, 9)));
    }

    @Test
    void settlementResultsGoToGuidanceWhileTheOtherBranchesRunOn() {
        ProcessInstance route = intakeRegistered(household());
        permitGranted(route);
        completeStub(route, CALLED_HOUSING, housingResults());

        completeStub(route, CALLED_SETTLEMENT, settlementResults());

        assertThat(route).isWaitingAt(CALL_GUIDANCE, CALL_CIVIC_INTEGRATION, CALL_SCHOOL_PLACEMENT)
                .hasPassed(CALL_SETTLEMENT).isNotWaitingAt(CALL_NEIGHBOURHOOD_HANDOVER);
        assertThat(route).variables()
                .containsEntry(VAR_BRP_REGISTERED_ON, BRP_REGISTERED_ON)
                .containsEntry(VAR_LANGUAGE_LEVEL, "A2")
                .containsEntry(VAR_EDUCATION_LEVEL, "secondary")
                .containsEntry(VAR_WORK_EXPERIENCE_YEARS, 6);

        ProcessInstance guidance = called(route, CALLED_GUIDANCE).get(0);
        assertThat(guidance.getBusinessKey()).isEqualTo(CASE_ID);
        assertThat(runtimeService().getVariables(guidance.getId()))
                .containsOnlyKeys(VAR_CASE_ID, VAR_MAIN_PERSON_REF, VAR_HOUSEHOLD_MEMBERS, VAR_SETTLEMENT_DATE,
                        VAR_LANGUAGE_LEVEL, VAR_EDUCATION_LEVEL, VAR_WORK_EXPERIENCE_YEARS)
                .containsEntry(VAR_MAIN_PERSON_REF, MAIN_PERSON)
                .containsEntry(VAR_SETTLEMENT_DATE, SETTLEMENT_DATE)
                .containsEntry(VAR_LANGUAGE_LEVEL, "A2")
                .containsEntry(VAR_EDUCATION_LEVEL, "secondary")
                .containsEntry(VAR_WORK_EXPERIENCE_YEARS, 6);
        assertThat(called(route, CALLED_CIVIC_INTEGRATION)).hasSize(2);
        assertThat(called(route, CALLED_SCHOOL_PLACEMENT)).hasSize(2);
    }

    @Test
    void aChildWhoTurns18BeforeSettlementIntegratesAsAnAdultAndGetsNoSchoolPlacement() {
        String turnsEighteen = "P-000045";
        List<Map<String, String>> household = household();
        // 17 on arrival (2026-03-02), 18 on the settlement date (2026-09-01)
        household.add(householdMember(turnsEighteen, "2008-05-01", "child"));
        ProcessInstance route = intakeRegistered(household);
        permitGranted(route);

        completeStub(route, CALLED_HOUSING, housingResults());

        assertThat(called(route, CALLED_CIVIC_INTEGRATION))
                .extracting(instance -> runtimeService().getVariable(instance.getId(), VAR_PERSON_REF))
                .containsExactlyInAnyOrder(MAIN_PERSON, PARTNER, turnsEighteen);
        assertThat(called(route, CALLED_SCHOOL_PLACEMENT))
                .extracting(instance -> runtimeService().getVariable(instance.getId(), VAR_PERSON_REF))
                .containsExactlyInAnyOrder(OLDER_CHILD, YOUNGER_CHILD);
    }

    @Test
    void routeCompletesWhenTheHandoverEveryCivicIntegrationAndEverySchoolPlacementAreDone() {
        ProcessInstance route = intakeRegistered(household());
        permitGranted(route);
        completeStub(route, CALLED_HOUSING, housingResults());
        List<ProcessInstance> schoolPlacements = called(route, CALLED_SCHOOL_PLACEMENT);
        complete(stubTask(schoolPlacements.get(0)));
        completeStub(route, CALLED_SETTLEMENT, settlementResults());

        completeStub(route, CALLED_GUIDANCE, Map.of());

        assertThat(route).isWaitingAt(CALL_NEIGHBOURHOOD_HANDOVER, CALL_CIVIC_INTEGRATION, CALL_SCHOOL_PLACEMENT)
                .hasPassed(CALL_GUIDANCE);
        ProcessInstance handover = called(route, CALLED_NEIGHBOURHOOD_HANDOVER).get(0);
        assertThat(handover.getBusinessKey()).isEqualTo(CASE_ID);
        assertThat(runtimeService().getVariables(handover.getId()))
                .containsOnlyKeys(VAR_CASE_ID, VAR_SETTLEMENT_DATE)
                .containsEntry(VAR_CASE_ID, CASE_ID)
                .containsEntry(VAR_SETTLEMENT_DATE, SETTLEMENT_DATE);

        List<ProcessInstance> civicIntegrations = called(route, CALLED_CIVIC_INTEGRATION);
        complete(stubTask(civicIntegrations.get(0)));
        assertThat(route).isNotEnded().isWaitingAt(CALL_NEIGHBOURHOOD_HANDOVER, CALL_CIVIC_INTEGRATION);

        completeStub(route, CALLED_NEIGHBOURHOOD_HANDOVER,
                withVariables(VAR_HANDOVER_ACCEPTED_ON, HANDOVER_ACCEPTED_ON));
        assertThat(route).isNotEnded().isWaitingAt(CALL_CIVIC_INTEGRATION, CALL_SCHOOL_PLACEMENT)
                .hasPassed(CALL_NEIGHBOURHOOD_HANDOVER);

        complete(stubTask(civicIntegrations.get(1)));
        assertThat(route).isNotEnded().isWaitingAt(CALL_SCHOOL_PLACEMENT).hasPassed(CALL_CIVIC_INTEGRATION)
                .hasNotPassed(END_ROUTE_COMPLETED);

        complete(stubTask(schoolPlacements.get(1)));

        assertThat(route).isEnded()
                .hasPassed(CALL_CIVIC_INTEGRATION, CALL_SCHOOL_PLACEMENT, GATEWAY_ROUTE_JOIN, END_ROUTE_COMPLETED)
                .hasNotPassed(END_ROUTE_ENDED_WITHOUT_STATUS);
        assertThat(historicRouteVariables(route)).containsEntry(VAR_HANDOVER_ACCEPTED_ON, HANDOVER_ACCEPTED_ON);
    }

    @Test
    void aHouseholdWithoutMinorsPassesTheSchoolPlacementAndCompletes() {
        ProcessInstance route = intakeRegistered(List.of(
                householdMember(MAIN_PERSON, "1988-06-15", "main"),
                householdMember(PARTNER, "1992-02-29", "partner")));
        permitGranted(route);

        completeStub(route, CALLED_HOUSING, housingResults());

        // The empty multi-instance starts no instance: its branch goes straight to the join.
        assertThat(route).isWaitingAt(CALL_SETTLEMENT, CALL_CIVIC_INTEGRATION, GATEWAY_ROUTE_JOIN)
                .isNotWaitingAt(CALL_SCHOOL_PLACEMENT).hasNotPassed(CALL_SCHOOL_PLACEMENT);
        assertThat(called(route, CALLED_SCHOOL_PLACEMENT)).isEmpty();

        completeStub(route, CALLED_SETTLEMENT, settlementResults());
        completeStub(route, CALLED_GUIDANCE, Map.of());
        completeStub(route, CALLED_NEIGHBOURHOOD_HANDOVER,
                withVariables(VAR_HANDOVER_ACCEPTED_ON, HANDOVER_ACCEPTED_ON));
        for (ProcessInstance civicIntegration : called(route, CALLED_CIVIC_INTEGRATION)) {
            complete(stubTask(civicIntegration));
        }

        assertThat(route).isEnded().hasPassed(GATEWAY_ROUTE_JOIN, END_ROUTE_COMPLETED);
        assertThat(historyService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(CALLED_SCHOOL_PLACEMENT).count()).isZero();
    }

    @Test
    void aHouseholdWithoutAdultsOnTheSettlementDatePassesTheCivicIntegration() {
        // Test-only edge case: every member is under 18 on the settlement date.
        ProcessInstance route = intakeRegistered(List.of(
                householdMember(OLDER_CHILD, "2009-10-01", "main"),
                householdMember(YOUNGER_CHILD, "2019-09-09", "child")));
        permitGranted(route);

        completeStub(route, CALLED_HOUSING, housingResults());

        assertThat(route).isWaitingAt(CALL_SETTLEMENT, CALL_SCHOOL_PLACEMENT, GATEWAY_ROUTE_JOIN)
                .isNotWaitingAt(CALL_CIVIC_INTEGRATION).hasNotPassed(CALL_CIVIC_INTEGRATION);
        assertThat(called(route, CALLED_CIVIC_INTEGRATION)).isEmpty();
        assertThat(called(route, CALLED_SCHOOL_PLACEMENT))
                .extracting(instance -> runtimeService().getVariable(instance.getId(), VAR_PERSON_REF))
                .containsExactlyInAnyOrder(OLDER_CHILD, YOUNGER_CHILD);
    }

    // ---------------------------------------------------------------- the model's call rules

    @Test
    void everyCallActivityPassesTheBusinessKeyAndNamedVariablesOnly() {
        BpmnModelInstance model = Bpmn.readModelFromFile(
                Path.of("processes", PROCESS_KEY, PROCESS_KEY + ".bpmn").toFile());

        Map<String, String> calledElements = model.getModelElementsByType(CallActivity.class).stream()
                .collect(Collectors.toMap(CallActivity::getId, CallActivity::getCalledElement));
        assertThat(calledElements).containsExactlyInAnyOrderEntriesOf(Map.of(
                CALL_RECEPTION, CALLED_RECEPTION,
                CALL_HOUSING, CALLED_HOUSING,
                CALL_SETTLEMENT, CALLED_SETTLEMENT,
                CALL_GUIDANCE, CALLED_GUIDANCE,
                CALL_NEIGHBOURHOOD_HANDOVER, CALLED_NEIGHBOURHOOD_HANDOVER,
                CALL_CIVIC_INTEGRATION, CALLED_CIVIC_INTEGRATION,
                CALL_SCHOOL_PLACEMENT, CALLED_SCHOOL_PLACEMENT));
        for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
            assertThat(call.getCamundaCalledElementBinding()).as(call.getId()).isEqualTo("latest");
            List<CamundaIn> ins = List.copyOf(call.getExtensionElements().getElementsQuery()
                    .filterByType(CamundaIn.class).list());
            assertThat(ins).as(call.getId() + " passes the business key")
                    .anyMatch(in -> "#{execution.processBusinessKey}".equals(in.getCamundaBusinessKey()));
            assertThat(ins).as(call.getId() + " passes named variables, never all")
                    .noneMatch(in -> "all".equals(in.getCamundaVariables()));
            assertThat(call.getExtensionElements().getElementsQuery().filterByType(CamundaOut.class).list())
                    .as(call.getId() + " maps named variables out, never all")
                    .noneMatch(out -> "all".equals(out.getCamundaVariables()));
        }
    }

    // ---------------------------------------------------------------- with the real reception

    @Test
    void withTheRealReceptionTheDossierAndThePermitReachItByCaseIdAndTheRouteGoesOnToHousing() {
        deploymentIds.add(ProcessTestDeployment.deploy(repositoryService(), ReceptionProcess.PROCESS_KEY));
        ProcessInstance route = intakeRegistered(household());
        ProcessInstance reception = called(route, CALLED_RECEPTION).get(0);
        assertThat(reception).isWaitingAt(ReceptionProcess.TASK_OPEN_DOSSIER,
                ReceptionProcess.TASK_PLACE_CHILD_IN_SCHOOL, ReceptionProcess.TASK_RECORD_ACTIVATION);

        // As the hub correlates partner events: by business key only; the reception instance has it.
        runtimeService().createMessageCorrelation(MESSAGE_DOSSIER_OPENED).processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_DOSSIER_NUMBER, "VWMN-2026-0789")
                .setVariable(VAR_DOSSIER_OPENED_ON, utrechtDay(2026, 3, 3))
                .correlate();
        for (Task task : taskQuery().processInstanceId(reception.getId()).list()) {
            complete(task, ReceptionProcess.TASK_RECORD_ACTIVATION.equals(task.getTaskDefinitionKey())
                    ? withVariables(ReceptionProcess.VAR_COURSE_OFFERED, Course.NONE.value())
                    : withVariables(ReceptionProcess.VAR_SCHOOL_NAME, "ISK Utrecht"));
        }
        assertThat(reception).isWaitingAt(ReceptionProcess.EVENT_PERMIT_GRANTED);
        runtimeService().createMessageCorrelation(ReceptionProcess.MESSAGE_PERMIT_GRANTED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_PERMIT_GRANTED_ON, PERMIT_GRANTED_ON)
                .correlate();

        assertThat(reception).isEnded().hasPassed(ReceptionProcess.END_RECEPTION_ENDED_WITH_PERMIT);
        assertThat(route).isWaitingAt(CALL_HOUSING);
        assertThat(route).variables()
                .containsEntry(VAR_RECEPTION_OUTCOME, Outcome.PERMIT_GRANTED.value())
                .containsEntry(VAR_PERMIT_GRANTED_ON, PERMIT_GRANTED_ON)
                .containsEntry(VAR_DOSSIER_NUMBER, "VWMN-2026-0789");
    }

    @Test
    void withTheRealReceptionADepartureWhileTasksAreOpenEndsTheRouteAfterTheActivationIsClosed() {
        deploymentIds.add(ProcessTestDeployment.deploy(repositoryService(), ReceptionProcess.PROCESS_KEY));
        ProcessInstance route = intakeRegistered(household());
        ProcessInstance reception = called(route, CALLED_RECEPTION).get(0);
        complete(taskQuery().processInstanceId(reception.getId())
                .taskDefinitionKey(ReceptionProcess.TASK_OPEN_DOSSIER).singleResult(),
                withVariables(VAR_DOSSIER_NUMBER, "VWMN-2026-0456"));

        // As the hub correlates COA's event: by business key only; the reception instance waits for it
        // from its start, also while reception tasks are open.
        runtimeService().createMessageCorrelation(ReceptionProcess.MESSAGE_DEPARTED_WITHOUT_STATUS)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(ReceptionProcess.VAR_DEPARTED_ON, utrechtDay(2026, 4, 1))
                .correlate();
        assertThat(reception).isWaitingAt(ReceptionProcess.TASK_CLOSE_ACTIVATION);
        assertThat(route).isWaitingAt(CALL_RECEPTION);
        complete(taskQuery().processInstanceId(reception.getId())
                .taskDefinitionKey(ReceptionProcess.TASK_CLOSE_ACTIVATION).singleResult(),
                withVariables(ReceptionProcess.VAR_PROFILE_ASSESSMENT_DONE, true));

        assertThat(reception).isEnded().hasPassed(ReceptionProcess.END_RECEPTION_ENDED_WITHOUT_STATUS);
        assertThat(route).isEnded().hasPassed(END_ROUTE_ENDED_WITHOUT_STATUS).hasNotPassed(CALL_HOUSING);
        assertThat(historicRouteVariables(route))
                .containsEntry(VAR_RECEPTION_OUTCOME, Outcome.DEPARTED.value())
                .containsEntry(VAR_DOSSIER_NUMBER, "VWMN-2026-0456")
                .doesNotContainKeys(ReceptionProcess.VAR_DEPARTED_ON, ReceptionProcess.VAR_PROFILE_ASSESSMENT_DONE);
    }

    // ---------------------------------------------------------------- helpers

    /** Starts the route as the hub does on COA's intake registration. */
    private static ProcessInstance intakeRegistered(List<Map<String, String>> householdMembers) {
        return runtimeService().createMessageCorrelation(MESSAGE_INTAKE_REGISTERED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariables(Variables.createVariables()
                        .putValue(VAR_CASE_ID, CASE_ID)
                        .putValue(VAR_MAIN_PERSON_REF, MAIN_PERSON)
                        .putValue(VAR_AZC_LOCATION, "Einsteindreef")
                        .putValue(VAR_ARRIVAL_DATE, ARRIVAL)
                        .putValue(VAR_SCHOOL_AGE_CHILDREN, new ArrayList<>(List.of(OLDER_CHILD, YOUNGER_CHILD)))
                        .putValue(VAR_HOUSEHOLD_MEMBERS, new ArrayList<>(householdMembers))
                        .putValue(VAR_SCHOOL_PLACEMENT_DUE, SCHOOL_PLACEMENT_DUE))
                .correlateStartMessage();
    }

    /** Two adults and two children (13 and 6 on arrival), as the hub records them. */
    private static List<Map<String, String>> household() {
        List<Map<String, String>> members = new ArrayList<>();
        members.add(householdMember(MAIN_PERSON, "1988-06-15", "main"));
        members.add(householdMember(PARTNER, "1992-02-29", "partner"));
        members.add(householdMember(OLDER_CHILD, "2013-01-02", "child"));
        members.add(householdMember(YOUNGER_CHILD, "2019-09-09", "child"));
        return members;
    }

    private static void permitGranted(ProcessInstance route) {
        completeStub(route, CALLED_RECEPTION, withVariables(
                VAR_RECEPTION_OUTCOME, Outcome.PERMIT_GRANTED.value(),
                VAR_PERMIT_GRANTED_ON, PERMIT_GRANTED_ON,
                VAR_DOSSIER_NUMBER, "VWMN-2026-0456"));
    }

    private static Map<String, Object> housingResults() {
        return withVariables(
                VAR_LINKED_ON, LINKED_ON,
                VAR_FAMILY_MEMBERS_TO_FOLLOW, 0,
                VAR_SETTLEMENT_DATE, SETTLEMENT_DATE,
                VAR_INTERIM_HOME, false,
                VAR_DISTRICT, "Overvecht");
    }

    private static Map<String, Object> settlementResults() {
        return withVariables(
                VAR_BRP_REGISTERED_ON, BRP_REGISTERED_ON,
                VAR_LANGUAGE_LEVEL, "A2",
                VAR_EDUCATION_LEVEL, "secondary",
                VAR_WORK_EXPERIENCE_YEARS, 6);
    }

    /** The running instances of {@code processKey} that the route called directly. */
    private static List<ProcessInstance> called(ProcessInstance route, String processKey) {
        return runtimeService().createProcessInstanceQuery().superProcessInstanceId(route.getId())
                .processDefinitionKey(processKey).orderByProcessInstanceId().asc().list();
    }

    /** Completes the stub of a phase the route called once, as if the phase ended with these results. */
    private static void completeStub(ProcessInstance route, String processKey, Map<String, Object> results) {
        List<ProcessInstance> instances = called(route, processKey);
        assertThat(instances).as("running " + processKey + " called by the route").hasSize(1);
        complete(stubTask(instances.get(0)), results);
    }

    private static Task stubTask(ProcessInstance stub) {
        return taskQuery().processInstanceId(stub.getId()).taskDefinitionKey(STUB_TASK).singleResult();
    }

    /** The route's own variables as history keeps them (also after the route ended). */
    private static Map<String, Object> historicRouteVariables(ProcessInstance route) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (HistoricVariableInstance variable : historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(route.getId()).list()) {
            if (route.getId().equals(variable.getExecutionId())) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        return variables;
    }
}
