package nl.utrecht.integrationhub.platform.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The house rules for everything process owners edit in processes/ (see STYLE.md): one test per
 * file, so a failure names the file. Each rule reports a violation as "what: why", all violations of
 * a file at once. The negative tests at the end prove each rule really fires.
 */
class ModelLintTest {

    /** What Camunda Modeler generates: {@code Task_1lvjtd4}, {@code Flow_0xyz12a}, {@code BPMNDiagram_1}. */
    static final Pattern GENERATED_ID = Pattern.compile("^[A-Za-z]+_[0-9a-z]{7}$|_[0-9]+$");
    /** {@code Type_PascalCase}, e.g. {@code UserTask_PlanSchoolPlacement}. */
    static final Pattern ELEMENT_ID = Pattern.compile("^[A-Z][A-Za-z]*_[A-Z][A-Za-z0-9]*$");
    /** Process keys are kebab-case and equal to the BPMN file name. */
    static final Pattern PROCESS_KEY = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
    static final String DI_SUFFIX = "_di";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProcessDirectory PROCESSES = ProcessDirectory.ofWorkingDirectory();

    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    static final String OUTBOUND_DELEGATE = "${outboundMessage}";
    static final String RETRY_CYCLE = "R5/PT1M";
    static final String MESSAGE_TYPE = "messageType";
    static final String PERSON_REF = "personRef";
    /** Data the hub adds when it sends (claim checks), never an input of the model. */
    static final Set<String> FILLED_AT_SEND_TIME = Set.of("attachments");
    static final Path CONNECTORS = Path.of("config/hub-connectors.yaml");
    static final Path SCHEMAS = Path.of("config/schemas");
    static final Path TEMPLATES = PROCESSES.root().resolve(".camunda/element-templates");

    // ---------------------------------------------------------------- the real models

    /** Every .bpmn, .dmn and .form under processes/, relative to processes/. */
    static Stream<String> modelFiles() {
        try (Stream<Path> files = Files.walk(PROCESSES.root(), FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> PROCESSES.root().relativize(file).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form"))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + PROCESSES.root(), e);
        }
    }

    @Test
    void findsTheModelsUnderProcesses() {
        assertThat(modelFiles())
                .as("lint must see the models (tests run from the repository root)")
                .contains("household-route/household-route.bpmn");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelFiles")
    void modelFollowsTheHouseRules(String file) throws IOException {
        Path path = PROCESSES.root().resolve(file);
        List<String> violations = lint(path.getFileName().toString(), Files.readAllBytes(path),
                formIdsIn(path.getParent()), Outbound.ofRepository());

        assertTrue(violations.isEmpty(), () -> "processes/" + file + " breaks the house rules (STYLE.md):\n  - "
                + String.join("\n  - ", violations));
    }

    // ---------------------------------------------------------------- the rules

    static List<String> lint(String fileName, byte[] content, Set<String> formIdsInFolder) {
        return lint(fileName, content, formIdsInFolder, Outbound.NONE);
    }

    static List<String> lint(String fileName, byte[] content, Set<String> formIdsInFolder, Outbound outbound) {
        try {
            if (fileName.endsWith(".bpmn")) {
                BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
                List<String> violations = new ArrayList<>(lintBpmn(fileName, model, formIdsInFolder));
                violations.addAll(lintSendTasks(model, outbound));
                return violations;
            }
            if (fileName.endsWith(".dmn")) {
                return lintDmn(Dmn.readModelFromStream(new ByteArrayInputStream(content)));
            }
            if (fileName.endsWith(".form")) {
                return lintForm(fileName, JSON.readTree(content));
            }
        } catch (Exception e) {
            return List.of(fileName + ": cannot be parsed: " + e.getMessage());
        }
        return List.of(fileName + ": not a model file (.bpmn, .dmn, .form)");
    }

    static List<String> lintBpmn(String fileName, BpmnModelInstance model, Set<String> formIdsInFolder) {
        List<String> violations = new ArrayList<>();
        checkIds(model.getDocument().getRootElement(), violations, true);

        String fileKey = fileName.substring(0, fileName.length() - ".bpmn".length());
        var processes = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class);
        if (processes.stream().noneMatch(process -> fileKey.equals(process.getId()))) {
            violations.add(fileName + ": file name must equal its process id, found "
                    + processes.stream().map(BaseElement::getId).toList());
        }
        for (var process : processes) {
            if (process.isExecutable() && isBlank(process.getCamundaHistoryTimeToLiveString())) {
                violations.add(process.getId() + ": executable process without camunda:historyTimeToLive");
            }
        }

        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            String formRef = task.getCamundaFormRef();
            if (isBlank(formRef) && isBlank(task.getCamundaFormKey())) {
                violations.add(task.getId() + ": user task without camunda:formRef or camunda:formKey");
            }
            if (!isBlank(formRef)) {
                if (!formIdsInFolder.contains(formRef)) {
                    violations.add(task.getId() + ": formRef '" + formRef
                            + "' matches no .form (by \"id\") in the process folder, found " + formIdsInFolder);
                }
                if (!"deployment".equals(task.getCamundaFormRefBinding())) {
                    violations.add(task.getId() + ": formRef must be bound with camunda:formRefBinding=\"deployment\"");
                }
            }
            if (isBlank(task.getCamundaCandidateGroups())) {
                violations.add(task.getId() + ": user task without camunda:candidateGroups");
            }
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if (isBlank(task.getCamundaDelegateExpression())) {
                violations.add(task.getId() + ": service task without camunda:delegateExpression");
            }
        }
        for (SendTask task : model.getModelElementsByType(SendTask.class)) {
            if (isBlank(task.getCamundaDelegateExpression())) {
                violations.add(task.getId() + ": send task without camunda:delegateExpression");
            }
        }

        Set<String> drawn = new HashSet<>();
        model.getModelElementsByType(BpmnShape.class).stream()
                .filter(shape -> shape.getBpmnElement() != null)
                .forEach(shape -> drawn.add(shape.getBpmnElement().getId()));
        model.getModelElementsByType(BpmnEdge.class).stream()
                .filter(edge -> edge.getBpmnElement() != null)
                .forEach(edge -> drawn.add(edge.getBpmnElement().getId()));
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (!drawn.contains(node.getId())) {
                violations.add(node.getId() + ": no BPMN DI shape (open and lay it out in Camunda Modeler)");
            }
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            if (!drawn.contains(flow.getId())) {
                violations.add(flow.getId() + ": no BPMN DI edge (open and lay it out in Camunda Modeler)");
            }
        }
        return violations;
    }

    // ---------------------------------------------------------------- send tasks and their element templates

    /** An element template of processes/.camunda/element-templates/: its message type and input parameters. */
    record Template(String id, int version, String messageType, Set<String> inputs, Set<String> requiredInputs) {
    }

    /** A message's data schema: its properties and the required ones. */
    record DataSchema(Set<String> properties, Set<String> required) {
    }

    /**
     * What send tasks are checked against: the outbound types of config/hub-connectors.yaml, the element
     * templates by id and the data schemas by type.
     */
    record Outbound(Set<String> types, Map<String, Template> templates, Map<String, DataSchema> schemas) {
        static final Outbound NONE = new Outbound(Set.of(), Map.of(), Map.of());

        static Outbound ofRepository() throws IOException {
            Set<String> types = outboundTypes();
            Map<String, Template> templates = new LinkedHashMap<>();
            for (Path file : templateFiles()) {
                for (Template template : templatesIn(JSON.readTree(file.toFile()))) {
                    templates.put(template.id(), template);
                }
            }
            Map<String, DataSchema> schemas = new LinkedHashMap<>();
            for (String type : types) {
                Path file = SCHEMAS.resolve(type + ".schema.json");
                if (Files.isRegularFile(file)) {
                    schemas.put(type, dataSchema(JSON.readTree(file.toFile())));
                }
            }
            return new Outbound(types, templates, schemas);
        }
    }

    /** hub.outbound-types[].type of config/hub-connectors.yaml. */
    @SuppressWarnings("unchecked")
    static Set<String> outboundTypes() throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(CONNECTORS));
        Map<String, Object> hub = (Map<String, Object>) root.get("hub");
        Set<String> types = new LinkedHashSet<>();
        for (Map<String, Object> type : (List<Map<String, Object>>) hub.get("outbound-types")) {
            types.add((String) type.get("type"));
        }
        return types;
    }

    static List<Path> templateFiles() throws IOException {
        if (!Files.isDirectory(TEMPLATES)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** A template file holds one template or an array of them. */
    static List<Template> templatesIn(JsonNode file) {
        List<Template> templates = new ArrayList<>();
        for (JsonNode template : file.isArray() ? file : JSON.createArrayNode().add(file)) {
            String messageType = null;
            Set<String> inputs = new TreeSet<>();
            Set<String> required = new TreeSet<>();
            for (JsonNode property : template.path("properties")) {
                JsonNode binding = property.path("binding");
                if (!"camunda:inputParameter".equals(binding.path("type").asText())) {
                    continue;
                }
                String name = binding.path("name").asText();
                if (MESSAGE_TYPE.equals(name)) {
                    messageType = property.path("value").asText(null);
                } else {
                    inputs.add(name);
                    if (property.path("constraints").path("notEmpty").asBoolean(false)) {
                        required.add(name);
                    }
                }
            }
            templates.add(new Template(template.path("id").asText(), template.path("version").asInt(-1), messageType,
                    inputs, required));
        }
        return templates;
    }

    static DataSchema dataSchema(JsonNode schema) {
        Set<String> properties = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        return new DataSchema(properties, required);
    }

    /**
     * Every send task writes an outbound message through the hub's delegate, asynchronously with retries,
     * from its element template, with data fields its type's schema knows and every required one.
     */
    static List<String> lintSendTasks(BpmnModelInstance model, Outbound outbound) {
        List<String> violations = new ArrayList<>();
        for (SendTask task : model.getModelElementsByType(SendTask.class)) {
            String id = task.getId();
            if (!OUTBOUND_DELEGATE.equals(task.getCamundaDelegateExpression())) {
                violations.add(id + ": send task must use camunda:delegateExpression=\"" + OUTBOUND_DELEGATE + "\"");
            }
            if (!task.isCamundaAsyncBefore()) {
                violations.add(id + ": send task must be camunda:asyncBefore=\"true\" (a failed write is an incident, "
                        + "not an error in the caseworker's step)");
            }
            Map<String, String> inputs = inputParameters(task);
            String retryCycle = task.getExtensionElements() == null ? null : task.getExtensionElements()
                    .getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list().stream()
                    .map(CamundaFailedJobRetryTimeCycle::getTextContent).map(String::trim).findFirst().orElse(null);
            if (!RETRY_CYCLE.equals(retryCycle)) {
                violations.add(id + ": send task needs camunda:failedJobRetryTimeCycle " + RETRY_CYCLE + ", found "
                        + retryCycle);
            }
            String type = inputs.get(MESSAGE_TYPE);
            if (isBlank(type)) {
                violations.add(id + ": send task without input parameter messageType");
            } else if (!outbound.types().contains(type)) {
                violations.add(id + ": messageType '" + type + "' is not an outbound type of config/hub-connectors.yaml");
            }
            String templateId = task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate");
            Template template = templateId == null ? null : outbound.templates().get(templateId);
            if (template == null) {
                violations.add(id + ": camunda:modelerTemplate '" + templateId
                        + "' names no element template in processes/.camunda/element-templates/");
            } else {
                String version = task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion");
                if (!String.valueOf(template.version()).equals(version)) {
                    violations.add(id + ": camunda:modelerTemplateVersion '" + version + "' but template " + templateId
                            + " is version " + template.version());
                }
                if (type != null && !type.equals(template.messageType())) {
                    violations.add(id + ": messageType '" + type + "' differs from its template's '"
                            + template.messageType() + "'");
                }
            }
            DataSchema schema = type == null ? null : outbound.schemas().get(type);
            if (type != null && outbound.types().contains(type) && schema == null) {
                violations.add(id + ": no data schema config/schemas/" + type + ".schema.json");
            }
            if (schema != null) {
                Set<String> data = new TreeSet<>(inputs.keySet());
                data.remove(MESSAGE_TYPE);
                data.remove(PERSON_REF);
                for (String field : data) {
                    if (!schema.properties().contains(field)) {
                        violations.add(id + ": input '" + field + "' is no property of the data schema of " + type);
                    }
                }
                for (String field : schema.required()) {
                    if (!data.contains(field) && !FILLED_AT_SEND_TIME.contains(field)) {
                        violations.add(id + ": required field '" + field + "' of " + type + " has no input parameter");
                    }
                }
            }
        }
        return violations;
    }

    /** The camunda:inputParameter names and (text) values of a flow node. */
    static Map<String, String> inputParameters(SendTask task) {
        Map<String, String> inputs = new LinkedHashMap<>();
        if (task.getExtensionElements() != null) {
            task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list()
                    .forEach(io -> io.getCamundaInputParameters().forEach((CamundaInputParameter parameter) ->
                            inputs.put(parameter.getCamundaName(), parameter.getTextContent().trim())));
        }
        return inputs;
    }

    /**
     * The element templates and the outbound types agree: one template per type (file {@code <type>.json},
     * template id = type), each sends its own type, and its inputs are the type's data fields, the required
     * ones required in the Modeler too.
     */
    static List<String> lintTemplates(Outbound outbound, Set<String> templateFileNames) {
        List<String> violations = new ArrayList<>();
        for (Template template : outbound.templates().values()) {
            String type = template.messageType();
            if (type == null || !outbound.types().contains(type)) {
                violations.add(template.id() + ": template's messageType '" + type + "' is not an outbound type");
                continue;
            }
            if (!template.id().equals(type)) {
                violations.add(template.id() + ": template id must be its message type " + type);
            }
            DataSchema schema = outbound.schemas().get(type);
            if (schema == null) {
                continue;
            }
            for (String input : template.inputs()) {
                if (!PERSON_REF.equals(input) && !schema.properties().contains(input)) {
                    violations.add(template.id() + ": input '" + input + "' is no property of the data schema");
                }
            }
            for (String field : schema.required()) {
                if (!FILLED_AT_SEND_TIME.contains(field) && !template.requiredInputs().contains(field)) {
                    violations.add(template.id() + ": required field '" + field + "' needs a notEmpty input");
                }
            }
        }
        for (String type : outbound.types()) {
            boolean hasTemplate = outbound.templates().values().stream().anyMatch(t -> type.equals(t.messageType()));
            if (!hasTemplate) {
                violations.add(type + ": outbound type without an element template");
            }
            if (!templateFileNames.contains(type + ".json")) {
                violations.add(type + ": no template file processes/.camunda/element-templates/" + type + ".json");
            }
            if (!outbound.schemas().containsKey(type)) {
                violations.add(type + ": outbound type without config/schemas/" + type + ".schema.json");
            }
        }
        return violations;
    }

    @Test
    void elementTemplatesAndOutboundTypesAgree() throws IOException {
        Set<String> fileNames = new TreeSet<>();
        templateFiles().forEach(file -> fileNames.add(file.getFileName().toString()));
        Outbound outbound = Outbound.ofRepository();

        assertThat(outbound.types()).as("outbound types in config/hub-connectors.yaml").hasSize(8);
        List<String> violations = lintTemplates(outbound, fileNames);
        assertTrue(violations.isEmpty(), () -> "element templates and outbound types disagree:\n  - "
                + String.join("\n  - ", violations));
    }

    static Stream<Path> schemaFiles() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".schema.json")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFiles")
    void schemaFileParsesAsAClosedJsonSchema(Path file) throws IOException {
        JsonNode schema = JSON.readTree(file.toFile());

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        if (file.getFileName().toString().startsWith("nl.utrecht.hub.")) {
            assertThat(schema.path("additionalProperties").isBoolean()
                    && !schema.path("additionalProperties").asBoolean())
                    .as("%s: outbound data allows no other fields", file).isTrue();
        }
    }

    @Test
    void everyOutboundTypeIsSentBySomeSendTaskInTheModels() throws IOException {
        Set<String> sent = new TreeSet<>();
        for (String file : modelFiles().filter(name -> name.endsWith(".bpmn")).toList()) {
            Bpmn.readModelFromFile(PROCESSES.root().resolve(file).toFile()).getModelElementsByType(SendTask.class)
                    .forEach(task -> sent.add(inputParameters(task).get(MESSAGE_TYPE)));
        }
        assertThat(sent).containsExactlyInAnyOrderElementsOf(outboundTypes());
    }

    static List<String> lintDmn(DmnModelInstance model) {
        List<String> violations = new ArrayList<>();
        // Decision ids are referenced by decisionRef; table internals (rules, clauses) need no
        // PascalCase name, but no id may be a generated one.
        checkIds(model.getDocument().getRootElement(), violations, false);
        for (Decision decision : model.getModelElementsByType(Decision.class)) {
            if (isBlank(decision.getCamundaHistoryTimeToLiveString())) {
                violations.add(decision.getId() + ": decision without camunda:historyTimeToLive");
            }
        }
        return violations;
    }

    static List<String> lintForm(String fileName, JsonNode form) {
        List<String> violations = new ArrayList<>();
        String expectedId = fileName.substring(0, fileName.length() - ".form".length());
        String id = form.path("id").asText("");
        if (!expectedId.equals(id)) {
            violations.add(fileName + ": form \"id\" must equal the file name without .form ('" + expectedId
                    + "'), found '" + id + "'");
        }
        if (!form.path("components").isArray()) {
            violations.add(fileName + ": no \"components\" array");
        }
        form.path("components").findValues("id").stream()
                .map(JsonNode::asText)
                .filter(componentId -> GENERATED_ID.matcher(componentId).find())
                .forEach(componentId -> violations.add(componentId + ": Modeler-generated id"));
        return violations;
    }

    /**
     * Walks every element with an id. Generated ids are wrong everywhere (the {@code _di} suffix
     * is checked without the suffix); BPMN ids must be {@code Type_PascalCase}, except the
     * definitions id (free, if not generated) and process ids (kebab-case process keys).
     */
    private static void checkIds(DomElement element, List<String> violations, boolean requireTypePascalCase) {
        String id = element.getAttribute("id");
        if (id != null) {
            String name = id.endsWith(DI_SUFFIX) ? id.substring(0, id.length() - DI_SUFFIX.length()) : id;
            String localName = element.getLocalName();
            if (GENERATED_ID.matcher(name).find()) {
                violations.add(id + ": Modeler-generated id, give it a meaningful Type_PascalCase id");
            } else if ("process".equals(localName)) {
                if (!PROCESS_KEY.matcher(id).matches()) {
                    violations.add(id + ": process id must be a kebab-case process key");
                }
            } else if (requireTypePascalCase && !"definitions".equals(localName)
                    && !id.endsWith(DI_SUFFIX) && !ELEMENT_ID.matcher(id).matches()) {
                violations.add(id + ": id must look like Type_PascalCase, e.g. UserTask_PlanSchoolPlacement");
            }
        }
        for (DomElement child : element.getChildElements()) {
            checkIds(child, violations, requireTypePascalCase);
        }
    }

    /** The "id"s of the Camunda Forms in a process folder: what a formRef may point to. */
    private static Set<String> formIdsIn(Path folder) throws IOException {
        Set<String> ids = new HashSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path form : files.filter(file -> file.getFileName().toString().endsWith(".form")).toList()) {
                try {
                    ids.add(JSON.readTree(form.toFile()).path("id").asText());
                } catch (IOException e) {
                    // reported by that form's own lint
                }
            }
        }
        return ids;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    // ---------------------------------------------------------------- the rules fire

    private static final String BAD_PROCESS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                id="Definitions_0f3k2p1" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="Process_1abc2de" isExecutable="true">
                <bpmn:startEvent id="StartEvent_1" />
                <bpmn:sequenceFlow id="Flow_0xyz12a" sourceRef="StartEvent_1" targetRef="Task_1lvjtd4" />
                <bpmn:userTask id="Task_1lvjtd4" name="Iets doen" />
                <bpmn:sequenceFlow id="Flow_ToReview" sourceRef="Task_1lvjtd4" targetRef="UserTask_Review" />
                <bpmn:userTask id="UserTask_Review" camunda:formRef="bad-route.review" camunda:formRefBinding="latest"
                    camunda:candidateGroups="reviewers" />
                <bpmn:sequenceFlow id="Flow_ToCallPartner" sourceRef="UserTask_Review" targetRef="ServiceTask_CallPartner" />
                <bpmn:serviceTask id="ServiceTask_CallPartner" camunda:class="nl.example.CallPartner" />
                <bpmn:sequenceFlow id="Flow_ToNotifyPartner" sourceRef="ServiceTask_CallPartner" targetRef="SendTask_NotifyPartner" />
                <bpmn:sendTask id="SendTask_NotifyPartner" camunda:expression="${true}" />
                <bpmn:sequenceFlow id="Flow_ToDone" sourceRef="SendTask_NotifyPartner" targetRef="end_done" />
                <bpmn:endEvent id="end_done" />
              </bpmn:process>
              <bpmndi:BPMNDiagram id="BPMNDiagram_1">
                <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_1abc2de">
                  <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
                    <dc:Bounds x="152" y="102" width="36" height="36" />
                  </bpmndi:BPMNShape>
                </bpmndi:BPMNPlane>
              </bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;

    @Test
    void reportsEveryBreachInABadProcessModel() {
        List<String> violations = lint("bad-route.bpmn", BAD_PROCESS.getBytes(StandardCharsets.UTF_8),
                Set.of("bad-route.other-task"));

        assertThat(violations).as(String.join("\n", violations))
                .anyMatch(v -> v.startsWith("Definitions_0f3k2p1: Modeler-generated"))
                .anyMatch(v -> v.startsWith("Process_1abc2de: Modeler-generated"))
                .anyMatch(v -> v.startsWith("StartEvent_1: Modeler-generated"))
                .anyMatch(v -> v.startsWith("StartEvent_1_di: Modeler-generated"))
                .anyMatch(v -> v.startsWith("Flow_0xyz12a: Modeler-generated"))
                .anyMatch(v -> v.startsWith("Task_1lvjtd4: Modeler-generated"))
                .anyMatch(v -> v.startsWith("BPMNDiagram_1: Modeler-generated"))
                .anyMatch(v -> v.startsWith("end_done: id must look like Type_PascalCase"))
                .anyMatch(v -> v.startsWith("bad-route.bpmn: file name must equal its process id"))
                .anyMatch(v -> v.startsWith("Process_1abc2de: executable process without camunda:historyTimeToLive"))
                .anyMatch(v -> v.startsWith("Task_1lvjtd4: user task without camunda:formRef"))
                .anyMatch(v -> v.startsWith("Task_1lvjtd4: user task without camunda:candidateGroups"))
                .anyMatch(v -> v.startsWith("UserTask_Review: formRef 'bad-route.review' matches no .form"))
                .anyMatch(v -> v.startsWith("UserTask_Review: formRef must be bound"))
                .anyMatch(v -> v.startsWith("ServiceTask_CallPartner: service task without camunda:delegateExpression"))
                .anyMatch(v -> v.startsWith("SendTask_NotifyPartner: send task without camunda:delegateExpression"))
                .anyMatch(v -> v.startsWith("UserTask_Review: no BPMN DI shape"))
                .anyMatch(v -> v.startsWith("Flow_ToReview: no BPMN DI edge"))
                .noneMatch(v -> v.startsWith("StartEvent_1: no BPMN DI"))
                .noneMatch(v -> v.startsWith("Flow_ToReview: id must"))
                .noneMatch(v -> v.startsWith("UserTask_Review: user task without"));
    }

    @Test
    void acceptsAProcessThatFollowsTheHouseRules() {
        String good = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                    xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    id="Definitions_GoodRoute" targetNamespace="https://utrecht.nl/integration-hub/processes">
                  <bpmn:process id="good-route" isExecutable="true" camunda:historyTimeToLive="P30D">
                    <bpmn:startEvent id="StartEvent_Received" />
                    <bpmn:sequenceFlow id="Flow_ToReview" sourceRef="StartEvent_Received" targetRef="UserTask_Review" />
                    <bpmn:userTask id="UserTask_Review" camunda:formRef="good-route.review"
                        camunda:formRefBinding="deployment" camunda:candidateGroups="reviewers" />
                  </bpmn:process>
                  <bpmndi:BPMNDiagram id="BPMNDiagram_GoodRoute">
                    <bpmndi:BPMNPlane id="BPMNPlane_GoodRoute" bpmnElement="good-route">
                      <bpmndi:BPMNShape id="StartEvent_Received_di" bpmnElement="StartEvent_Received">
                        <dc:Bounds x="152" y="102" width="36" height="36" />
                      </bpmndi:BPMNShape>
                      <bpmndi:BPMNShape id="UserTask_Review_di" bpmnElement="UserTask_Review">
                        <dc:Bounds x="240" y="80" width="100" height="80" />
                      </bpmndi:BPMNShape>
                      <bpmndi:BPMNEdge id="Flow_ToReview_di" bpmnElement="Flow_ToReview">
                        <di:waypoint x="188" y="120" />
                        <di:waypoint x="240" y="120" />
                      </bpmndi:BPMNEdge>
                    </bpmndi:BPMNPlane>
                  </bpmndi:BPMNDiagram>
                </bpmn:definitions>
                """;

        assertThat(lint("good-route.bpmn", good.getBytes(StandardCharsets.UTF_8), Set.of("good-route.review")))
                .isEmpty();
    }

    @Test
    void reportsAFormWhoseIdDiffersFromItsFileOrHasGeneratedIds() {
        String form = """
                {"id": "Form_0x1y2z3", "type": "default", "schemaVersion": 16,
                 "components": [{"id": "Field_1abcdef", "type": "textfield", "key": "caseId"}]}
                """;

        List<String> violations = lint("good-route.review.form", form.getBytes(StandardCharsets.UTF_8), Set.of());

        assertThat(violations).as(String.join("\n", violations))
                .anyMatch(v -> v.startsWith("good-route.review.form: form \"id\" must equal the file name"))
                .anyMatch(v -> v.startsWith("Field_1abcdef: Modeler-generated"));
    }

    @Test
    void reportsADecisionWithoutHistoryTimeToLiveOrWithGeneratedIds() {
        String dmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_SchoolType"
                    name="Schooltype" namespace="http://camunda.org/schema/1.0/dmn">
                  <decision id="Decision_0k2j3h4" name="Soort onderwijs">
                    <decisionTable id="DecisionTable_SchoolType">
                      <input id="Input_Age">
                        <inputExpression id="InputExpression_Age" typeRef="integer"><text>age</text></inputExpression>
                      </input>
                      <output id="Output_SchoolType" name="schoolType" typeRef="string" />
                    </decisionTable>
                  </decision>
                </definitions>
                """;

        List<String> violations = lint("school-type.dmn", dmn.getBytes(StandardCharsets.UTF_8), Set.of());

        assertThat(violations).as(String.join("\n", violations))
                .anyMatch(v -> v.startsWith("Decision_0k2j3h4: Modeler-generated"))
                .anyMatch(v -> v.startsWith("Decision_0k2j3h4: decision without camunda:historyTimeToLive"))
                .noneMatch(v -> v.startsWith("DecisionTable_SchoolType"));
    }

    @Test
    void reportsAModelThatCannotBeParsed() {
        assertThat(lint("broken.bpmn", "<bpmn:definitions".getBytes(StandardCharsets.UTF_8), Set.of()))
                .singleElement().asString().startsWith("broken.bpmn: cannot be parsed");
    }

    private static final Outbound FAKE_OUTBOUND = new Outbound(
            Set.of("nl.utrecht.hub.example-sent", "nl.utrecht.hub.other-sent"),
            Map.of("nl.utrecht.hub.example-sent", new Template("nl.utrecht.hub.example-sent", 2,
                    "nl.utrecht.hub.example-sent", Set.of("day", "count"), Set.of("day")),
                    "nl.utrecht.hub.stray", new Template("nl.utrecht.hub.stray", 1, "nl.utrecht.hub.unknown",
                            Set.of(), Set.of())),
            Map.of("nl.utrecht.hub.example-sent", new DataSchema(Set.of("day", "count", "attachments"),
                    Set.of("day", "count", "attachments"))));

    private static String sendTaskProcess(String sendTask) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    id="Definitions_SendRoute" targetNamespace="https://utrecht.nl/integration-hub/processes">
                  <bpmn:process id="send-route" isExecutable="true" camunda:historyTimeToLive="P30D">
                    %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(sendTask);
    }

    private static List<String> lintSendTask(String sendTask) {
        return lintSendTasks(Bpmn.readModelFromStream(new ByteArrayInputStream(
                sendTaskProcess(sendTask).getBytes(StandardCharsets.UTF_8))), FAKE_OUTBOUND);
    }

    @Test
    void acceptsASendTaskThatFollowsItsTemplateAndSchema() {
        assertThat(lintSendTask("""
                <bpmn:sendTask id="SendTask_Example" camunda:asyncBefore="true"
                    camunda:delegateExpression="${outboundMessage}" camunda:modelerTemplate="nl.utrecht.hub.example-sent"
                    camunda:modelerTemplateVersion="2">
                  <bpmn:extensionElements>
                    <camunda:inputOutput>
                      <camunda:inputParameter name="messageType">nl.utrecht.hub.example-sent</camunda:inputParameter>
                      <camunda:inputParameter name="personRef">${personRef}</camunda:inputParameter>
                      <camunda:inputParameter name="day">${settlementDate}</camunda:inputParameter>
                      <camunda:inputParameter name="count">${2}</camunda:inputParameter>
                    </camunda:inputOutput>
                    <camunda:failedJobRetryTimeCycle>R5/PT1M</camunda:failedJobRetryTimeCycle>
                  </bpmn:extensionElements>
                </bpmn:sendTask>""")).isEmpty();
    }

    @Test
    void reportsEveryBreachOfASendTask() {
        List<String> violations = lintSendTask("""
                <bpmn:sendTask id="SendTask_Wrong" camunda:delegateExpression="${somethingElse}"
                    camunda:modelerTemplate="nl.utrecht.hub.example-sent" camunda:modelerTemplateVersion="1">
                  <bpmn:extensionElements>
                    <camunda:inputOutput>
                      <camunda:inputParameter name="messageType">nl.utrecht.hub.example-sent</camunda:inputParameter>
                      <camunda:inputParameter name="day">${settlementDate}</camunda:inputParameter>
                      <camunda:inputParameter name="name">${familyName}</camunda:inputParameter>
                    </camunda:inputOutput>
                  </bpmn:extensionElements>
                </bpmn:sendTask>
                <bpmn:sendTask id="SendTask_Unknown" camunda:asyncBefore="true" camunda:delegateExpression="${outboundMessage}"
                    camunda:modelerTemplate="nl.utrecht.hub.missing" camunda:modelerTemplateVersion="1">
                  <bpmn:extensionElements>
                    <camunda:inputOutput>
                      <camunda:inputParameter name="messageType">nl.utrecht.hub.not-configured</camunda:inputParameter>
                    </camunda:inputOutput>
                    <camunda:failedJobRetryTimeCycle>R5/PT1M</camunda:failedJobRetryTimeCycle>
                  </bpmn:extensionElements>
                </bpmn:sendTask>
                <bpmn:sendTask id="SendTask_NoType" camunda:asyncBefore="true" camunda:delegateExpression="${outboundMessage}">
                  <bpmn:extensionElements>
                    <camunda:failedJobRetryTimeCycle>R5/PT1M</camunda:failedJobRetryTimeCycle>
                  </bpmn:extensionElements>
                </bpmn:sendTask>""");

        assertThat(violations).as(String.join("\n", violations))
                .anyMatch(v -> v.startsWith("SendTask_Wrong: send task must use camunda:delegateExpression"))
                .anyMatch(v -> v.startsWith("SendTask_Wrong: send task must be camunda:asyncBefore"))
                .anyMatch(v -> v.startsWith("SendTask_Wrong: send task needs camunda:failedJobRetryTimeCycle"))
                .anyMatch(v -> v.startsWith("SendTask_Wrong: camunda:modelerTemplateVersion '1'"))
                .anyMatch(v -> v.startsWith("SendTask_Wrong: input 'name' is no property"))
                .anyMatch(v -> v.startsWith("SendTask_Wrong: required field 'count'"))
                .noneMatch(v -> v.startsWith("SendTask_Wrong: required field 'attachments'"))
                .anyMatch(v -> v.startsWith("SendTask_Unknown: messageType 'nl.utrecht.hub.not-configured' is not"))
                .anyMatch(v -> v.startsWith("SendTask_Unknown: camunda:modelerTemplate 'nl.utrecht.hub.missing'"))
                .anyMatch(v -> v.startsWith("SendTask_NoType: send task without input parameter messageType"))
                .anyMatch(v -> v.startsWith("SendTask_NoType: camunda:modelerTemplate 'null'"))
                .noneMatch(v -> v.startsWith("SendTask_Unknown: send task must"));
    }

    @Test
    void reportsTemplatesAndOutboundTypesThatDisagree() {
        List<String> violations = lintTemplates(FAKE_OUTBOUND, Set.of("nl.utrecht.hub.example-sent.json"));

        assertThat(violations).as(String.join("\n", violations))
                .anyMatch(v -> v.startsWith("nl.utrecht.hub.stray: template's messageType 'nl.utrecht.hub.unknown'"))
                .anyMatch(v -> v.startsWith("nl.utrecht.hub.other-sent: outbound type without an element template"))
                .anyMatch(v -> v.startsWith("nl.utrecht.hub.other-sent: no template file"))
                .anyMatch(v -> v.startsWith("nl.utrecht.hub.other-sent: outbound type without config/schemas/"))
                .anyMatch(v -> v.startsWith("nl.utrecht.hub.example-sent: required field 'count' needs a notEmpty"))
                .noneMatch(v -> v.startsWith("nl.utrecht.hub.example-sent: required field 'attachments'"))
                .noneMatch(v -> v.startsWith("nl.utrecht.hub.example-sent: outbound type without"));
    }

    @Test
    void generatedIdPatternSparesMeaningfulIds() {
        assertThat(Stream.of("Task_1lvjtd4", "Flow_0xyz12a", "Gateway_1", "BPMNDiagram_1", "Activity_0abcdef")
                .filter(id -> GENERATED_ID.matcher(id).find()).collect(Collectors.toList()))
                .hasSize(5);
        assertThat(Stream.of("Flow_ToOpenDossier", "UserTask_OpenDossier", "Gateway_PermitGranted",
                        "BoundaryTimer_DeclarationOverdue", "Message_AzcIntakeRegistered")
                .filter(id -> GENERATED_ID.matcher(id).find()).collect(Collectors.toList()))
                .isEmpty();
    }
}
