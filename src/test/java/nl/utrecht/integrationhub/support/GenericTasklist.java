package nl.utrecht.integrationhub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.utrecht.integrationhub.support.HubTestClient.Response;

/**
 * Does what a caseworker does in Tasklist, knowing nothing of the models: reads a task's deployed
 * Camunda Form over {@code /engine-rest}, fills every field with a valid value (required or not,
 * respecting patterns, lengths, minimums and options) and submits it.
 */
public final class GenericTasklist {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ZoneId UTRECHT = ZoneId.of("Europe/Amsterdam");
    /** Candidate texts for a text field with a pattern: the first that matches is entered. */
    private static final List<String> TEXT_CANDIDATES = List.of("Testwaarde", "VWMN-2026-0042", "TEST-0042",
            "ABC123", "1234AB", "01234567", "0612345678", "test@example.invalid", "A2", "42");

    private final HubTestClient hub;
    private final Credentials user;

    public GenericTasklist(HubTestClient hub, Credentials user) {
        this.hub = hub;
        this.user = user;
    }

    public void completeWithForm(JsonNode task) {
        String id = task.get("id").asText();
        Response form = hub.get("/engine-rest/task/" + id + "/deployed-form", user);
        assertThat(form.status()).as("deployed form of task '%s': %s", task.get("name").asText(), form).isEqualTo(200);
        ObjectNode variables = NODES.objectNode();
        fill(form.json().get("components"), variables, task.get("name").asText());
        ObjectNode body = NODES.objectNode();
        body.set("variables", variables);
        Response submitted = hub.postJson("/engine-rest/task/" + id + "/submit-form", body, user);
        assertThat(submitted.status()).as("submit '%s': %s", task.get("name").asText(), submitted).isIn(200, 204);
    }

    private void fill(JsonNode components, ObjectNode variables, String taskName) {
        if (components == null) {
            return;
        }
        for (JsonNode component : components) {
            fill(component.get("components"), variables, taskName);
            String key = component.path("key").asText("");
            if (key.isEmpty() || component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false)) {
                continue;
            }
            JsonNode value = valueFor(component, taskName);
            if (value != null) {
                ObjectNode typed = NODES.objectNode();
                // Tasklist submits a checklist's array as a JSON variable
                typed.set("value", value.isArray() ? NODES.textNode(value.toString()) : value);
                typed.put("type", value.isArray() ? "Json" : value.isBoolean() ? "Boolean" : value.isIntegralNumber() ? "Long"
                        : value.isNumber() ? "Double" : "String");
                variables.set(key, typed);
            }
        }
    }

    private JsonNode valueFor(JsonNode component, String taskName) {
        JsonNode validate = component.path("validate");
        switch (component.path("type").asText()) {
            case "textfield", "textarea" -> {
                String pattern = validate.path("pattern").asText("");
                int min = validate.path("minLength").asInt(0);
                int max = validate.path("maxLength").asInt(Integer.MAX_VALUE);
                for (String candidate : TEXT_CANDIDATES) {
                    if ((pattern.isEmpty() || Pattern.matches(pattern, candidate))
                            && candidate.length() >= min && candidate.length() <= max) {
                        return NODES.textNode(candidate);
                    }
                }
                fail("no valid text for field '%s' (pattern %s) of task '%s'", component.get("key"), pattern, taskName);
            }
            case "number" -> {
                return NODES.numberNode(validate.has("min") ? validate.get("min").asLong() : 1L);
            }
            case "checkbox" -> {
                return NODES.booleanNode(true);
            }
            case "select", "radio" -> {
                JsonNode options = component.path("values");
                if (options.isArray() && !options.isEmpty()) {
                    return options.get(0).get("value");
                }
                fail("no options for field '%s' of task '%s'", component.get("key"), taskName);
            }
            case "checklist", "taglist" -> {
                JsonNode options = component.path("values");
                return NODES.arrayNode().add(options.get(0).get("value"));
            }
            case "datetime" -> {
                String subtype = component.path("subtype").asText("date");
                return switch (subtype) {
                    case "time" -> NODES.textNode("09:00");
                    case "datetime" -> NODES.textNode(OffsetDateTime.now(UTRECHT).withNano(0)
                            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                    default -> NODES.textNode(LocalDate.now(UTRECHT).toString());
                };
            }
            default -> {
                return null;
            }
        }
        return null;
    }

}
