package nl.utrecht.integrationhub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * The compensating controls for Camunda 7.24 CE (docs/security.md), each over real HTTP against the
 * running hub: expressions in task queries and filters refused (also in {@code orQueries}), while the
 * organisations' Tasklist filters keep working; Java-serialized variables refused while JSON ones are
 * fine; BPMN expressions reach only the whitelisted beans. The webapps' own API and the first-admin
 * setup: {@link WebappControlsIT}.
 */
@HubIntegrationTest
class CompensatingControlsIT extends EndToEndTest {

    private static final String EXPRESSION = "${currentUser()}";
    /** A Java-serialized java.lang.String "test", base64. */
    private static final String SERIALIZED = "rO0ABXQABHRlc3Q=";
    private static final String JAVA = "application/x-java-serialized-object";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    FilterService filterService;
    @Autowired
    ApplicationContext context;

    Credentials education;
    Credentials admin;
    Http http;

    @BeforeEach
    void setUp() {
        education = TestUsers.educationCaseworker(identityService);
        admin = TestUsers.ensure(identityService, "it-controls-admin", "camunda-admin");
        http = new Http(port);
    }

    // --- a. expressions in task queries ---

    @Test
    void engineIsConfiguredWithoutExpressionsInQueriesAndWithTypeValidation() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();

        assertThat(configuration.isEnableExpressionsInAdhocQueries()).isFalse();
        assertThat(configuration.isEnableExpressionsInStoredQueries()).isFalse();
        assertThat(configuration.isJavaSerializationFormatEnabled()).isFalse();
        assertThat(configuration.isDeserializationTypeValidationEnabled()).isTrue();
    }

    @Test
    void engineItselfRefusesExpressionsInAdhocAndStoredTaskQueries() {
        assertThatThrownBy(() -> taskService.createTaskQuery().taskAssigneeExpression(EXPRESSION).list())
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("adhoc");
        assertThatThrownBy(() -> filterService.saveFilter(filterService.newTaskFilter("it-expression-filter")
                .setQuery(taskService.createTaskQuery().taskCandidateGroupExpression(EXPRESSION))))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("stored");
    }

    @Test
    void taskQueryWithAnExpressionInAQueryParameterIsRefused() {
        for (String query : List.of("assigneeExpression=" + encode(EXPRESSION),
                "candidateGroupExpression=" + encode("#{'x'}"),
                // encoded twice over: %24%7B is ${ once decoded
                "assigneeExpression=%24%7BcurrentUser()%7D")) {
            Response answer = hub.get("/engine-rest/task?" + query, education);

            assertThat(answer.status()).as(query + ": " + answer).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.json().at("/errors/0/rule").asText()).isEqualTo("no-expression");
        }
        Response count = hub.get("/engine-rest/task/count?assigneeExpression=" + encode(EXPRESSION), education);
        assertThat(count.status()).as(count.toString()).isEqualTo(400);
    }

    @Test
    void taskQueryWithAnExpressionInItsJsonBodyIsRefusedAlsoInsideOrQueries() {
        Response plain = hub.postJson("/engine-rest/task", json("{\"assigneeExpression\":\"" + EXPRESSION + "\"}"),
                education);
        Response orQuery = hub.postJson("/engine-rest/task/count", json("{\"orQueries\":[{\"candidateGroup\":\"education\"},"
                + "{\"candidateGroupExpression\":\"" + EXPRESSION + "\"}]}"), education);
        Response multiEngine = hub.postJson("/engine-rest/engine/default/task",
                json("{\"orQueries\":[{\"assigneeExpression\":\"#{1+1}\"}]}"), education);
        // The JSON escape of $ is still a $ once the engine has read the body.
        Response escaped = http.send("POST", "/engine-rest/task", "application/json",
                "{\"assigneeExpression\":\"\\u0024{currentUser()}\"}", education);

        for (Response answer : List.of(plain, orQuery, multiEngine, escaped)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.json().at("/errors/0/rule").asText()).isEqualTo("no-expression");
        }
        assertThat(plain.json().at("/errors/0/pointer").asText()).isEqualTo("/assigneeExpression");
        assertThat(orQuery.json().at("/errors/0/pointer").asText()).isEqualTo("/orQueries/1/candidateGroupExpression");
        assertThat(orQuery.body()).doesNotContain("currentUser");
    }

    @Test
    void organisationFiltersStillWorkAndRefuseAnExtensionWithAnExpression() {
        String caseId = newCaseWithTasks(TestUsers.coa(identityService));
        String filterId = educationFilterId();

        Response listed = hub.postJson("/engine-rest/filter/" + filterId + "/list",
                json("{\"processInstanceBusinessKey\":\"" + caseId + "\"}"), education);
        Response counted = hub.get("/engine-rest/filter/" + filterId + "/count", education);

        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(taskKeys(listed.json())).containsExactly("UserTask_PlaceChildInSchool");
        assertThat(counted.status()).as(counted.toString()).isEqualTo(200);
        assertThat(counted.json().get("count").asLong()).isPositive();

        Response extendedWithExpression = hub.postJson("/engine-rest/filter/" + filterId + "/list",
                json("{\"orQueries\":[{\"assigneeExpression\":\"" + EXPRESSION + "\"}]}"), education);
        Response countWithExpression = hub.get("/engine-rest/filter/" + filterId + "/count?assigneeExpression="
                + encode(EXPRESSION), education);
        Response newFilterWithExpression = hub.postJson("/engine-rest/filter/create", json("{\"resourceType\":\"Task\","
                + "\"name\":\"it-expression\",\"query\":{\"candidateUserExpression\":\"" + EXPRESSION + "\"}}"), admin);

        assertThat(extendedWithExpression.status()).as(extendedWithExpression.toString()).isEqualTo(400);
        assertThat(countWithExpression.status()).as(countWithExpression.toString()).isEqualTo(400);
        assertThat(newFilterWithExpression.status()).as(newFilterWithExpression.toString()).isEqualTo(400);
        assertThat(filterService.createFilterQuery().filterName("it-expression").count()).isZero();
    }

    // --- c. serialized Java objects ---

    @Test
    void javaSerializedVariablesAreRefusedEverywhere() {
        String caseId = newCaseWithTasks(TestUsers.coa(identityService));
        String processInstanceId = state.processInstances(caseId).get(0).getId();
        String taskId = state.tasks(caseId, "UserTask_PlaceChildInSchool").get(0).getId();
        String serialized = "{\"value\":\"" + SERIALIZED + "\",\"type\":\"Object\",\"valueInfo\":{"
                + "\"objectTypeName\":\"java.lang.String\",\"serializationDataFormat\":\"" + JAVA + "\"}}";

        List<Response> answers = List.of(
                http.send("PUT", "/engine-rest/process-instance/" + processInstanceId + "/variables/itSerialized",
                        "application/json", serialized, admin),
                http.send("POST", "/engine-rest/process-instance/" + processInstanceId + "/variables",
                        "application/json", "{\"modifications\":{\"itSerialized\":" + serialized + "}}", admin),
                http.send("PUT", "/engine-rest/task/" + taskId + "/variables/itSerialized",
                        "application/json", serialized, education),
                http.send("POST", "/engine-rest/task/" + taskId + "/localVariables",
                        "application/json", "{\"modifications\":{\"itSerialized\":" + serialized + "}}", education),
                http.send("POST", "/engine-rest/process-definition/key/household-route/start",
                        "application/json", "{\"businessKey\":\"it-serialized\",\"variables\":{\"itSerialized\":"
                                + serialized.replace(JAVA, JAVA.toUpperCase()) + "}}", admin),
                http.multipart("/engine-rest/task/" + taskId + "/variables/itSerialized/data", JAVA, education),
                http.send("POST", "/engine-rest/task/" + taskId + "/variables/itSerialized", JAVA, SERIALIZED, education));

        for (Response answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isIn(400, 415);
            assertThat(answer.isProblem()).as(answer.toString()).isTrue();
            assertThat(answer.json().at("/errors/0/rule").asText()).isEqualTo("no-java-serialization");
        }
        assertThat(runtimeService.getVariable(processInstanceId, "itSerialized")).isNull();
        assertThat(taskService.getVariable(taskId, "itSerialized")).isNull();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("it-serialized").count()).isZero();
        // And the engine, behind the guard, refuses them as well.
        assertThatThrownBy(() -> runtimeService.setVariable(processInstanceId, "itSerialized",
                Variables.serializedObjectValue(SERIALIZED).serializationDataFormat(SerializationDataFormats.JAVA)
                        .objectTypeName("java.lang.String").create()))
                .hasMessageContaining("serializ");
    }

    @Test
    void jsonVariablesAreStillFineAndOnlyAllowListedTypesAreDeserialized() {
        String caseId = newCaseWithTasks(TestUsers.coa(identityService));
        String processInstanceId = state.processInstances(caseId).get(0).getId();
        String variables = "/engine-rest/process-instance/" + processInstanceId + "/variables/";

        Response json = http.send("PUT", variables + "itJson", "application/json",
                "{\"value\":\"{\\\"checked\\\":[\\\"a\\\"]}\",\"type\":\"Json\"}", admin);
        Response list = http.send("PUT", variables + "itList", "application/json",
                "{\"value\":\"[\\\"a\\\"]\",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":\"java.util.ArrayList\","
                        + "\"serializationDataFormat\":\"application/json\"}}", admin);
        Response gadget = http.send("PUT", variables + "itGadget", "application/json",
                "{\"value\":\"\\\"http://example.invalid/\\\"\",\"type\":\"Object\",\"valueInfo\":{"
                        + "\"objectTypeName\":\"java.net.URL\",\"serializationDataFormat\":\"application/json\"}}", admin);

        assertThat(json.status()).as(json.toString()).isEqualTo(204);
        assertThat(list.status()).as(list.toString()).isEqualTo(204);
        Response readJson = hub.get(variables + "itJson?deserializeValue=false", admin);
        assertThat(readJson.status()).as(readJson.toString()).isEqualTo(200);
        assertThat(readJson.json().get("type").asText()).isEqualTo("Json");
        assertThat(readJson.json().get("value").asText()).contains("checked");
        Response readList = hub.get(variables + "itList", admin);
        assertThat(readList.status()).as(readList.toString()).isEqualTo(200);
        assertThat(readList.json().get("value").isArray()).isTrue();
        // A type outside the allow-list is never instantiated: refused when stored or when read.
        if (gadget.status() == 204) {
            Response readGadget = hub.get(variables + "itGadget", admin);
            assertThat(readGadget.status()).as(readGadget.toString()).isNotEqualTo(200);
            assertThat(readGadget.body()).contains("java.net.URL");
            Response serializedForm = hub.get(variables + "itGadget?deserializeValue=false", admin);
            assertThat(serializedForm.status()).as(serializedForm.toString()).isEqualTo(200);
        } else {
            assertThat(gadget.status()).as(gadget.toString()).isBetween(400, 499);
        }
    }

    // --- d. BPMN expressions see only the whitelisted beans ---

    @Test
    void bpmnExpressionsReachOnlyWhitelistedBeans() {
        assertThat(context.containsBean("processDeployer")).as("the bean exists, it is only not reachable").isTrue();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String allowedKey = "it-allowed-bean-" + suffix;
        String otherKey = "it-other-bean-" + suffix;
        String deploymentId = deploy("it-expression-beans-" + suffix,
                process(allowedKey, "${execution.setVariable('reached', deadlines != null)}"),
                process(otherKey, "${execution.setVariable('reached', processDeployer != null)}"));
        try {
            Response allowed = hub.postJson("/engine-rest/process-definition/key/" + allowedKey + "/start",
                    json("{}"), admin);
            Response other = hub.postJson("/engine-rest/process-definition/key/" + otherKey + "/start",
                    json("{}"), admin);

            assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
            String allowedInstance = allowed.json().get("id").asText();
            assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery()
                    .processInstanceId(allowedInstance).variableName("reached").singleResult().getValue()).isEqualTo(true);
            assertThat(other.status()).as(other.toString()).isNotEqualTo(200);
            assertThat(other.body()).contains("processDeployer");
            assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processDefinitionKey(otherKey).count()).isZero();
        } finally {
            Response deleted = http.send("DELETE", "/engine-rest/deployment/" + deploymentId + "?cascade=true",
                    null, null, admin);
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        }
    }

    private String deploy(String name, String... bpmn) {
        String boundary = "it-" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n")
                .append(name).append("\r\n");
        for (int i = 0; i < bpmn.length; i++) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"process").append(i)
                    .append("\"; filename=\"process").append(i).append(".bpmn\"\r\nContent-Type: application/xml\r\n\r\n")
                    .append(bpmn[i]).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        Response deployed = http.send("POST", "/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary,
                body.toString(), admin);
        assertThat(deployed.status()).as(deployed.toString()).isEqualTo(200);
        return deployed.json().get("id").asText();
    }

    private static String process(String key, String expression) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s"
                    targetNamespace="http://utrecht.nl/integration-hub/it">
                  <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="StartEvent_Started" />
                    <bpmn:sequenceFlow id="Flow_ToTask" sourceRef="StartEvent_Started" targetRef="ServiceTask_Evaluate" />
                    <bpmn:serviceTask id="ServiceTask_Evaluate" camunda:expression="%2$s" />
                    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="ServiceTask_Evaluate" targetRef="EndEvent_Done" />
                    <bpmn:endEvent id="EndEvent_Done" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, expression);
    }

    // --- helpers ---

    private String educationFilterId() {
        Response filters = hub.get("/engine-rest/filter?resourceType=Task", education);
        assertThat(filters.status()).as(filters.toString()).isEqualTo(200);
        for (JsonNode filter : filters.json()) {
            if (filter.get("name").asText().equals("Taken Onderwijs en leerplicht")) {
                return filter.get("id").asText();
            }
        }
        throw new AssertionError("education's Tasklist filter is not visible to its caseworker: " + filters.body());
    }


    private static List<String> taskKeys(JsonNode tasks) {
        List<String> keys = new ArrayList<>();
        tasks.forEach(task -> keys.add(task.get("taskDefinitionKey").asText()));
        return keys;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Requests HubTestClient does not make: any method, any body and content type. */
    static final class Http {
        private final URI base;
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Http(int port) {
            this.base = URI.create("http://localhost:" + port);
        }

        Response send(String method, String path, String contentType, String body, Credentials credentials) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json, application/problem+json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (credentials != null) {
                request.header("Authorization", credentials.basicAuthorization());
            }
            return send(client, request.build());
        }

        /** A binary variable upload with one part declared as {@code partType}, as Camunda's REST takes it. */
        Response multipart(String path, String partType, Credentials credentials) {
            String boundary = "it-" + UUID.randomUUID();
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"x.bin\"\r\n"
                    + "Content-Type: " + partType + "\r\n\r\nnot really an object\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"valueType\"\r\n\r\nObject\r\n"
                    + "--" + boundary + "--\r\n";
            return send("POST", path, "multipart/form-data; boundary=" + boundary, body, credentials);
        }

        static Response send(HttpClient client, HttpRequest request) {
            return nl.utrecht.integrationhub.support.HubTestClient.send(client, request);
        }
    }
}
