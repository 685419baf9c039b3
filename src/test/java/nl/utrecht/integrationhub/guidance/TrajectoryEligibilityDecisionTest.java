package nl.utrecht.integrationhub.guidance;

import static nl.utrecht.integrationhub.guidance.GuidanceProcess.DECISION_TRAJECTORY_ELIGIBILITY;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.Trajectory.INCLUSION;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.Trajectory.LANGUAGE_FIRST;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.Trajectory.REGULAR_EDUCATION;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.Trajectory.UAF;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.Trajectory.VIP_PROJECT;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.Trajectory.WORK_EXPERIENCE_PLACE;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_AGE_IN_YEARS;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_EDUCATION_LEVEL;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_LANGUAGE_LEVEL;
import static nl.utrecht.integrationhub.guidance.GuidanceProcess.VAR_WORK_EXPERIENCE_YEARS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import nl.utrecht.integrationhub.guidance.GuidanceProcess.Trajectory;
import nl.utrecht.integrationhub.platform.camunda.ProcessTestDeployment;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The decision {@code trajectory-eligibility} (hit policy COLLECT), deployed from processes/guidance/,
 * table-driven: each row is a person's PPS-V outcome and age with the trajectories expected; together
 * the rows hit every rule of the table.
 */
@ExtendWith(ProcessEngineExtension.class)
class TrajectoryEligibilityDecisionTest {

    ProcessEngine processEngine;

    private String deploymentId;

    /** languageLevel, educationLevel, workExperienceYears, ageInYears → the trajectories, in rule order. */
    private record Row(String languageLevel, String educationLevel, int workExperienceYears, double ageInYears,
            Trajectory... expected) {
    }

    private static final List<Row> TABLE = List.of(
            new Row("A0", "none", 0, 40, LANGUAGE_FIRST, VIP_PROJECT),
            new Row("A1", "vocational", 0, 25, LANGUAGE_FIRST, VIP_PROJECT, WORK_EXPERIENCE_PLACE, REGULAR_EDUCATION),
            new Row("A1", "primary", 2, 45, LANGUAGE_FIRST, VIP_PROJECT, WORK_EXPERIENCE_PLACE),
            new Row("A2", "secondary", 5, 35, VIP_PROJECT, WORK_EXPERIENCE_PLACE),
            new Row("A2", "secondary", 0, 35, VIP_PROJECT),
            new Row("B1", "higher", 0, 28, VIP_PROJECT, WORK_EXPERIENCE_PLACE, REGULAR_EDUCATION, UAF, INCLUSION),
            new Row("B2", "higher", 4, 45, VIP_PROJECT, WORK_EXPERIENCE_PLACE, UAF, INCLUSION),
            new Row("B1", "secondary", 2, 18, VIP_PROJECT, WORK_EXPERIENCE_PLACE, REGULAR_EDUCATION, INCLUSION),
            new Row("C1", "vocational", 0, 52, VIP_PROJECT, WORK_EXPERIENCE_PLACE, INCLUSION),
            new Row("A2", "primary", 0, 30, VIP_PROJECT),
            new Row("A2", "primary", 0, 29.99, VIP_PROJECT, REGULAR_EDUCATION),
            new Row("A0", "higher", 10, 50, LANGUAGE_FIRST, VIP_PROJECT, UAF, INCLUSION));

    @BeforeEach
    void deployTheGuidanceFolder() {
        deploymentId = ProcessTestDeployment.deploy(processEngine.getRepositoryService(), GuidanceProcess.PROCESS_KEY);
    }

    @AfterEach
    void removeTheDeployment() {
        ProcessTestDeployment.undeploy(processEngine.getRepositoryService(), deploymentId);
    }

    @Test
    void eachPersonGetsEveryTrajectoryTheirProfileMatches() {
        for (Row row : TABLE) {
            List<Object> trajectories = evaluate(row);

            assertThat(trajectories).as(row.toString())
                    .containsExactlyElementsOf(Arrays.stream(row.expected()).map(Trajectory::value).toList());
        }
    }

    @Test
    void theVipProjectIsAlwaysOpenSoTheListIsNeverEmpty() {
        Row noMatchElsewhere = new Row("A2", "none", 0, 60);

        assertThat(evaluate(noMatchElsewhere)).containsExactly(VIP_PROJECT.value());
    }

    @Test
    void theTableHitsEveryRule() {
        TABLE.forEach(this::evaluate);

        DecisionDefinition decision = processEngine.getRepositoryService().createDecisionDefinitionQuery()
                .deploymentId(deploymentId).decisionDefinitionKey(DECISION_TRAJECTORY_ELIGIBILITY).singleResult();
        Set<String> rules = processEngine.getRepositoryService().getDmnModelInstance(decision.getId())
                .getModelElementsByType(Rule.class).stream().map(Rule::getId).collect(Collectors.toSet());
        List<HistoricDecisionInstance> evaluations = processEngine.getHistoryService()
                .createHistoricDecisionInstanceQuery().decisionDefinitionId(decision.getId()).includeOutputs().list();
        Set<String> hit = evaluations.stream()
                .flatMap(evaluation -> evaluation.getOutputs().stream())
                .map(HistoricDecisionOutputInstance::getRuleId)
                .collect(Collectors.toCollection(HashSet::new));

        assertThat(rules).hasSize(8);
        assertThat(hit).containsExactlyInAnyOrderElementsOf(rules);
    }

    @Test
    void outputValuesAreTheTrajectoriesCodeKnows() {
        assertThat(TABLE.stream().flatMap(row -> evaluate(row).stream()).map(String::valueOf).distinct())
                .containsExactlyInAnyOrderElementsOf(Stream.of(Trajectory.values()).map(Trajectory::value).toList());
    }

    private List<Object> evaluate(Row row) {
        return processEngine.getDecisionService().evaluateDecisionByKey(DECISION_TRAJECTORY_ELIGIBILITY)
                .decisionDefinitionTenantId(null)
                .variables(Variables.createVariables()
                        .putValue(VAR_LANGUAGE_LEVEL, row.languageLevel())
                        .putValue(VAR_EDUCATION_LEVEL, row.educationLevel())
                        .putValue(VAR_WORK_EXPERIENCE_YEARS, row.workExperienceYears())
                        .putValue(VAR_AGE_IN_YEARS, row.ageInYears()))
                .evaluate()
                .collectEntries("trajectory");
    }
}
