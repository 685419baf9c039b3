package nl.utrecht.integrationhub.housing;

import static nl.utrecht.integrationhub.housing.HousingProcess.DECISION_INTERIM_HOUSING_ADVICE;
import static nl.utrecht.integrationhub.housing.HousingProcess.PROCESS_KEY;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_EXPECTED_REUNIFICATION_MONTHS;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_FAMILY_MEMBERS_TO_FOLLOW;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_HOUSEHOLD_SIZE;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.initAndDeploy;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.undeployAndReset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.decisionService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import nl.utrecht.integrationhub.housing.HousingProcess.HousingOption;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision table {@code interim-housing-advice}, deployed with the housing process as the hub
 * deploys it: every rule hit, at its boundaries, with the values the process and Tasklist pass.
 */
@ExtendWith(ProcessEngineExtension.class)
class InterimHousingAdviceTest {

    private static final List<String> RULES = List.of("Rule_NoFamilyToFollow", "Rule_FamilyAlreadyHere",
            "Rule_ReunificationSoon", "Rule_ReunificationLater", "Rule_ReunificationUnknown");

    ProcessEngine processEngine;

    private List<String> deploymentIds;

    @BeforeEach
    void deployTheHousingModels() {
        deploymentIds = initAndDeploy(processEngine, PROCESS_KEY);
    }

    @AfterEach
    void removeTheDeployment() {
        undeployAndReset(deploymentIds);
    }

    /** householdSize, familyMembersToFollow, expectedReunificationMonths → advice, by rule. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(1, 0, null, HousingOption.FAMILY_HOME, "Rule_NoFamilyToFollow"),
                Arguments.of(4, 0, 12, HousingOption.FAMILY_HOME, "Rule_NoFamilyToFollow"),
                Arguments.of(2, 1, 1, HousingOption.FAMILY_HOME, "Rule_FamilyAlreadyHere"),
                Arguments.of(3, 2, 24, HousingOption.FAMILY_HOME, "Rule_FamilyAlreadyHere"),
                Arguments.of(2, 1, null, HousingOption.FAMILY_HOME, "Rule_FamilyAlreadyHere"),
                Arguments.of(1, 1, 0, HousingOption.WAIT_FOR_FAMILY, "Rule_ReunificationSoon"),
                Arguments.of(1, 3, 6, HousingOption.WAIT_FOR_FAMILY, "Rule_ReunificationSoon"),
                Arguments.of(1, 1, 7, HousingOption.INTERIM_HOME, "Rule_ReunificationLater"),
                Arguments.of(1, 4, 36, HousingOption.INTERIM_HOME, "Rule_ReunificationLater"),
                Arguments.of(1, 2, null, HousingOption.WAIT_FOR_FAMILY, "Rule_ReunificationUnknown"));
    }

    @ParameterizedTest(name = "household {0}, to follow {1}, expected in {2} months: {3}")
    @MethodSource("cases")
    void advisesByHouseholdFamilyToFollowAndExpectedReunification(Integer householdSize,
            Integer familyMembersToFollow, Integer expectedMonths, HousingOption advice, String rule) {
        DmnDecisionResult result = evaluate(householdSize, familyMembersToFollow, expectedMonths);

        assertThat(result).hasSize(1);
        assertThat((String) result.getSingleResult().getEntry("advice")).isEqualTo(advice.value());
        assertThat((String) result.getSingleResult().getEntry("reason")).isNotBlank();
        assertThat(matchedRule(deploymentIds.get(0))).isEqualTo(rule);
    }

    @Test
    void everyRuleIsCoveredByTheCases() {
        assertThat(cases().map(arguments -> (String) arguments.get()[4]).distinct())
                .containsExactlyInAnyOrderElementsOf(RULES);
    }

    @Test
    void everyRuleGivesItsOwnReason() {
        List<String> reasons = cases()
                .map(arguments -> Arrays.copyOf(arguments.get(), 3))
                .map(in -> (String) evaluate((Integer) in[0], (Integer) in[1], (Integer) in[2])
                        .getSingleResult().getEntry("reason"))
                .distinct()
                .toList();

        assertThat(reasons).hasSize(RULES.size());
    }

    @Test
    void acceptsTheNumberTypesTasklistAndTheHubMaySubmit() {
        VariableMap longMonths = Variables.createVariables()
                .putValue(VAR_HOUSEHOLD_SIZE, 1)
                .putValue(VAR_FAMILY_MEMBERS_TO_FOLLOW, 2)
                .putValue(VAR_EXPECTED_REUNIFICATION_MONTHS, 9L);
        VariableMap doubleMonths = Variables.createVariables()
                .putValue(VAR_HOUSEHOLD_SIZE, 1)
                .putValue(VAR_FAMILY_MEMBERS_TO_FOLLOW, 2)
                .putValue(VAR_EXPECTED_REUNIFICATION_MONTHS, 4.0);

        assertThat((String) decisionService().evaluateDecisionByKey(DECISION_INTERIM_HOUSING_ADVICE)
                .variables(longMonths).evaluate().getSingleResult().getEntry("advice"))
                .isEqualTo(HousingOption.INTERIM_HOME.value());
        assertThat((String) decisionService().evaluateDecisionByKey(DECISION_INTERIM_HOUSING_ADVICE)
                .variables(doubleMonths).evaluate().getSingleResult().getEntry("advice"))
                .isEqualTo(HousingOption.WAIT_FOR_FAMILY.value());
    }

    private static DmnDecisionResult evaluate(Integer householdSize, Integer familyMembersToFollow,
            Integer expectedMonths) {
        return decisionService().evaluateDecisionByKey(DECISION_INTERIM_HOUSING_ADVICE)
                .variables(Variables.createVariables()
                        .putValue(VAR_HOUSEHOLD_SIZE, householdSize)
                        .putValue(VAR_FAMILY_MEMBERS_TO_FOLLOW, familyMembersToFollow)
                        .putValue(VAR_EXPECTED_REUNIFICATION_MONTHS, expectedMonths))
                .evaluate();
    }

    /** The rule of the one evaluation in this test's deployment, from the decision history (history level full). */
    private static String matchedRule(String deploymentId) {
        String decisionDefinitionId = repositoryService().createDecisionDefinitionQuery().deploymentId(deploymentId)
                .decisionDefinitionKey(DECISION_INTERIM_HOUSING_ADVICE).singleResult().getId();
        HistoricDecisionInstance latest = historyService().createHistoricDecisionInstanceQuery()
                .decisionDefinitionId(decisionDefinitionId).includeOutputs().singleResult();
        return latest.getOutputs().stream().map(HistoricDecisionOutputInstance::getRuleId).distinct()
                .reduce((a, b) -> a + "," + b).orElse("none");
    }
}
