package nl.utrecht.integrationhub.platform.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;

/**
 * Helpers shared by the process tests (JUnit 5 with {@code ProcessEngineExtension} and camunda-bpm-assert):
 * deploying the processes from processes/ around each test, dates as the hub writes them (the start of a
 * day in Utrecht), household members as the intake variables carry them, and the check that a user task
 * opens its Camunda Form from its own deployment.
 */
public final class ProcessTestSupport {

    /** The hub's time zone: dates are the start of the day in Utrecht. */
    public static final ZoneId UTRECHT = ZoneId.of("Europe/Amsterdam");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProcessTestSupport() {
    }

    // ---------------------------------------------------------------- deployment around each test

    /**
     * For {@code @BeforeEach}: binds camunda-bpm-assert to the engine and deploys each process from
     * {@code processes/<key>/} (see {@link ProcessTestDeployment}). Returns the deployment ids in a list the
     * test may add its own deployments (stubs) to; hand it to {@link #undeployAndReset(List)} after the test.
     */
    public static List<String> initAndDeploy(ProcessEngine processEngine, String... processKeys) {
        BpmnAwareTests.init(processEngine);
        List<String> deploymentIds = new ArrayList<>();
        for (String processKey : processKeys) {
            deploymentIds.add(ProcessTestDeployment.deploy(repositoryService(), processKey));
        }
        return deploymentIds;
    }

    /**
     * For {@code @AfterEach}: removes the deployments with their instances and history, the last deployed
     * first (callers before what they call), and unbinds camunda-bpm-assert.
     */
    public static void undeployAndReset(List<String> deploymentIds) {
        if (deploymentIds != null) {
            for (int i = deploymentIds.size() - 1; i >= 0; i--) {
                ProcessTestDeployment.undeploy(repositoryService(), deploymentIds.get(i));
            }
        }
        BpmnAwareTests.reset();
    }

    // ---------------------------------------------------------------- dates

    /** 00:00 Europe/Amsterdam on the given day, as the hub stores dates. */
    public static Date utrechtDay(int year, int month, int dayOfMonth) {
        return utrechtDay(LocalDate.of(year, month, dayOfMonth));
    }

    /** 00:00 Europe/Amsterdam on the given day, as the hub stores dates. */
    public static Date utrechtDay(LocalDate date) {
        return Date.from(date.atStartOfDay(UTRECHT).toInstant());
    }

    // ---------------------------------------------------------------- process variables

    /** One entry of the intake's householdMembers, as the hub records it. */
    public static Map<String, String> householdMember(String personRef, String birthDate, String relation) {
        Map<String, String> member = new LinkedHashMap<>();
        member.put("personRef", personRef);
        member.put("birthDate", birthDate);
        member.put("relation", relation);
        return member;
    }

    // ---------------------------------------------------------------- forms

    /**
     * Asserts that the single open task {@code taskKey} of the instance references the Camunda Form
     * {@code formId} with binding {@code deployment}, and that the engine serves that form (schema id
     * {@code formId}) from the task's deployment.
     */
    public static void assertDeployedForm(ProcessInstance instance, String taskKey, String formId)
            throws IOException {
        Task task = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey)
                .initializeFormKeys().singleResult();
        assertThat(task).as("open task %s", taskKey).isNotNull();
        assertDeployedForm(task, formId);
    }

    /**
     * Asserts that the task references the Camunda Form {@code formId} with binding {@code deployment}, and
     * that the engine serves that form (schema id {@code formId}) from the task's deployment. The task must
     * have been queried with {@code initializeFormKeys()}.
     */
    public static void assertDeployedForm(Task task, String formId) throws IOException {
        CamundaFormRef formRef = task.getCamundaFormRef();
        assertThat(formRef).as("form reference of task %s", task.getTaskDefinitionKey()).isNotNull();
        assertThat(formRef.getKey()).isEqualTo(formId);
        assertThat(formRef.getBinding()).isEqualTo("deployment");
        try (InputStream form = formService().getDeployedTaskForm(task.getId())) {
            assertThat(JSON.readTree(form).path("id").asText()).isEqualTo(formId);
        }
    }
}
