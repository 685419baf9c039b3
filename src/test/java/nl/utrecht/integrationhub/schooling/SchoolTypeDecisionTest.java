package nl.utrecht.integrationhub.schooling;

import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.DECISION_SCHOOL_TYPE;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.PROCESS_KEY;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_AGE_IN_MONTHS;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_COMPULSORY;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_SCHOOL_TYPE;
import static nl.utrecht.integrationhub.schooling.SchoolPlacementProcess.VAR_SCHOOL_TYPE_LABEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import nl.utrecht.integrationhub.platform.camunda.ProcessTestDeployment;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision {@code school-type} as deployed from processes/school-placement/: every rule, and both
 * sides of every band edge (bands are half-open: the lower edge belongs to the band).
 */
@ExtendWith(ProcessEngineExtension.class)
class SchoolTypeDecisionTest {

    /** Both sides of every band edge, and one age far outside on each end. */
    private static final List<Integer> EDGE_AGES = List.of(-1, 29, 30, 47, 48, 59, 60, 143, 144, 215, 216, 600);

    ProcessEngine processEngine;

    private String deploymentId;

    @BeforeEach
    void deployTheDecisionFromProcessesFolder() {
        deploymentId = ProcessTestDeployment.deploy(processEngine.getRepositoryService(), PROCESS_KEY);
    }

    @AfterEach
    void removeTheDeployment() {
        ProcessTestDeployment.undeploy(processEngine.getRepositoryService(), deploymentId);
    }

    @ParameterizedTest(name = "{0} months: {1}, compulsory {2}, {3}")
    @CsvSource({
            "-1,  none,             false, geen schoolplaatsing,                  DecisionRule_TooYoung",
            "0,   none,             false, geen schoolplaatsing,                  DecisionRule_TooYoung",
            "29,  none,             false, geen schoolplaatsing,                  DecisionRule_TooYoung",
            "30,  pre-school,       false, voor- en vroegschoolse educatie (VVE), DecisionRule_PreSchool",
            "47,  pre-school,       false, voor- en vroegschoolse educatie (VVE), DecisionRule_PreSchool",
            "48,  language-school,  false, Taalschool Het Mozaïek,                DecisionRule_LanguageSchoolBeforeCompulsoryAge",
            "59,  language-school,  false, Taalschool Het Mozaïek,                DecisionRule_LanguageSchoolBeforeCompulsoryAge",
            "60,  language-school,  true,  Taalschool Het Mozaïek,                DecisionRule_LanguageSchool",
            "143, language-school,  true,  Taalschool Het Mozaïek,                DecisionRule_LanguageSchool",
            "144, transition-class, true,  Internationale Schakelklas (ISK),      DecisionRule_TransitionClass",
            "215, transition-class, true,  Internationale Schakelklas (ISK),      DecisionRule_TransitionClass",
            "216, none,             false, geen schoolplaatsing,                  DecisionRule_Adult",
            "600, none,             false, geen schoolplaatsing,                  DecisionRule_Adult"
    })
    void choosesTheSchoolTypeByAgeInMonths(int ageInMonths, String schoolType, boolean compulsory, String label,
            String ruleId) {
        DmnDecisionResult result = evaluate(ageInMonths);

        assertThat(result.getSingleResult().getEntryMap())
                .containsEntry(VAR_SCHOOL_TYPE, schoolType)
                .containsEntry(VAR_COMPULSORY, compulsory)
                .containsEntry(VAR_SCHOOL_TYPE_LABEL, label)
                .hasSize(3);
        assertThat(matchedRules()).containsExactly(ruleId);
    }

    @Test
    void theBandEdgesHitEveryRuleOfTheTable() {
        EDGE_AGES.forEach(this::evaluate);

        Set<String> hit = historicDecisions().stream()
                .flatMap(instance -> instance.getOutputs().stream())
                .map(HistoricDecisionOutputInstance::getRuleId)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(hit).hasSize(6).isEqualTo(ruleIdsOfTheTable());
    }

    @Test
    void tableIsUniqueAndKnownByItsDecisionKey() {
        DecisionTable table = decisionModel().getModelElementsByType(DecisionTable.class).iterator().next();

        assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.UNIQUE);
        assertThat(decisionDefinition().getHistoryTimeToLive()).isEqualTo(1825);
        assertThat(decisionDefinition().getResourceName()).isEqualTo("school-placement/school-type.dmn");
    }

    private DmnDecisionResult evaluate(int ageInMonths) {
        return processEngine.getDecisionService().evaluateDecisionByKey(DECISION_SCHOOL_TYPE)
                .variables(Variables.createVariables().putValue(VAR_AGE_IN_MONTHS, ageInMonths))
                .evaluate();
    }

    /** The rules matched by the one evaluation of the test (from history). */
    private List<String> matchedRules() {
        List<HistoricDecisionInstance> evaluations = historicDecisions();
        assertThat(evaluations).hasSize(1);
        return evaluations.get(0).getOutputs().stream().map(HistoricDecisionOutputInstance::getRuleId)
                .distinct().toList();
    }

    /** The evaluations of this test's deployment of the decision, with their outputs and matched rules. */
    private List<HistoricDecisionInstance> historicDecisions() {
        return processEngine.getHistoryService().createHistoricDecisionInstanceQuery()
                .decisionDefinitionId(decisionDefinition().getId()).includeOutputs().list();
    }

    private Set<String> ruleIdsOfTheTable() {
        return decisionModel().getModelElementsByType(Rule.class).stream().map(Rule::getId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private DmnModelInstance decisionModel() {
        return processEngine.getRepositoryService().getDmnModelInstance(decisionDefinition().getId());
    }

    private DecisionDefinition decisionDefinition() {
        return processEngine.getRepositoryService().createDecisionDefinitionQuery()
                .deploymentId(deploymentId).decisionDefinitionKey(DECISION_SCHOOL_TYPE).singleResult();
    }
}
