package nl.utrecht.integrationhub.platform.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.inbound.EventTypeCatalog;
import nl.utrecht.integrationhub.inbound.EventTypeCatalog.EventType;
import nl.utrecht.integrationhub.inbound.EventTypeCatalog.SubjectKind;
import nl.utrecht.integrationhub.inbound.EventValidator;
import nl.utrecht.integrationhub.outbound.Connectors;
import nl.utrecht.integrationhub.outbound.Connectors.Connector;
import nl.utrecht.integrationhub.outbound.Connectors.Transport;
import nl.utrecht.integrationhub.outbound.OutboundTypes;
import nl.utrecht.integrationhub.outbound.OutboundTypes.OutboundType;
import nl.utrecht.integrationhub.outbound.Outbox;
import nl.utrecht.integrationhub.platform.messaging.BrokerProperties;

/**
 * The hub's API documents, generated from the configuration that drives the hub, so they cannot
 * drift from it: OpenAPI 3.1 (the hand-written {@code api/openapi-base.yaml} plus {@code POST /api/events}
 * with one variant per inbound event type, and a webhook per outbound type sent over HTTP) and
 * AsyncAPI 3.0 (the queue hub.inbound and a queue hub.out.&lt;party&gt; per party reached over JMS).
 * Data schemas are the files the validator checks against ({@code config/schemas/<type>.schema.json}),
 * inlined under {@code components.schemas} with the type as name. What cannot be documented (a
 * missing schema, a type without a connector) is named in {@link Documents#problems()}.
 */
@Component
class ApiDocuments {

    static final String BASE_RESOURCE = "api/openapi-base.yaml";
    static final String ENVELOPE_SCHEMA_FILE = "cloudevent.schema.json";
    static final String ENVELOPE = "CloudEvent";
    static final String INBOUND_EVENT = "InboundEvent";
    static final String EVENT_SUFFIX = ".event";
    static final String INBOUND_CHANNEL = "hub-inbound";
    static final String OUTBOUND_CHANNEL_PREFIX = "hub-out-";
    static final String SCHEMA_FILE_SUFFIX = ".schema.json";
    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SCHEMAS_REF = "#/components/schemas/";

    /** Both documents and what kept them from being complete. */
    record Documents(ObjectNode openApi, ObjectNode asyncApi, List<String> problems) {
    }

    private final EventTypeCatalog catalog;
    private final OutboundTypes outboundTypes;
    private final Connectors connectors;
    private final EventValidator schemas;
    private final BrokerProperties broker;
    private final Path schemaDir;
    private final int maxEventBytes;
    private final ObjectNode base;

    ApiDocuments(EventTypeCatalog catalog, OutboundTypes outboundTypes, Connectors connectors, EventValidator schemas,
                 BrokerProperties broker, @Value("${hub.schemas-dir:config/schemas}") Path schemaDir,
                 @Value("${hub.inbound.max-event-bytes:262144}") int maxEventBytes) {
        this.catalog = catalog;
        this.outboundTypes = outboundTypes;
        this.connectors = connectors;
        this.schemas = schemas;
        this.broker = broker;
        this.schemaDir = schemaDir;
        this.maxEventBytes = maxEventBytes;
        this.base = loadBase();
    }

    /** Generates both documents from the configuration and schema files as they are now. */
    Documents generate() {
        List<String> problems = new ArrayList<>();
        ObjectNode components = NODES.objectNode();
        inline(ENVELOPE, schemas.schemaJson(ENVELOPE_SCHEMA_FILE), ENVELOPE_SCHEMA_FILE, components, problems);
        List<EventType> inbound = catalog.eventTypes();
        for (EventType type : inbound) {
            inline(type.type(), schemas.schemaJson(type.schemaFile()), type.schemaFile(), components, problems);
            components.set(type.type() + EVENT_SUFFIX, inboundEvent(type));
        }
        Map<String, List<OutboundType>> httpParties = new LinkedHashMap<>();
        Map<String, List<OutboundType>> jmsParties = new LinkedHashMap<>();
        connectors.connectors().entrySet().stream()
                .filter(entry -> entry.getValue().outbound() != null)
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> (entry.getValue().outbound().transport() == Transport.HTTP ? httpParties : jmsParties)
                        .put(entry.getKey(), new ArrayList<>()));
        for (OutboundType type : outboundTypes.outboundTypes()) {
            List<OutboundType> ofParty = httpParties.containsKey(type.party()) ? httpParties.get(type.party())
                    : jmsParties.get(type.party());
            if (ofParty == null) {
                problems.add("outbound type " + type.type() + " goes to party " + type.party()
                        + ", which has no outbound connector (hub.connectors." + type.party()
                        + ".outbound): it is documented nowhere and every message of it is dead-lettered");
                continue;
            }
            ofParty.add(type);
            inline(type.type(), schemas.schemaJson(type.schemaFile()), type.schemaFile(), components, problems);
            components.set(type.type() + EVENT_SUFFIX, outboundEvent(type));
        }
        jmsParties.keySet().forEach(party -> {
            String destination = connectors.connectors().get(party).outbound().destination();
            if (destination == null || destination.isBlank()) {
                problems.add("party " + party + " is reached over JMS but has no destination (hub.connectors."
                        + party + ".outbound.destination)");
            }
        });
        problems.addAll(orphanSchemaFiles());
        ObjectNode openApi = openApi(inbound, httpParties, components.deepCopy(), problems);
        ObjectNode asyncApi = asyncApi(inbound, jmsParties, components, problems);
        return new Documents(openApi, asyncApi, List.copyOf(problems));
    }

    // ---------------------------------------------------------------- OpenAPI

    private ObjectNode openApi(List<EventType> inbound, Map<String, List<OutboundType>> httpParties,
                               ObjectNode generatedSchemas, List<String> problems) {
        ObjectNode doc = base.deepCopy();
        ObjectNode paths = object(doc, "paths");
        if (paths.has("/api/events")) {
            throw new IllegalStateException(BASE_RESOURCE + " may not document /api/events: it is generated");
        }
        ObjectNode components = object(doc, "components");
        ObjectNode componentSchemas = object(components, "schemas");
        ObjectNode requestSchema = NODES.objectNode();
        if (inbound.isEmpty()) {
            requestSchema.put("$ref", SCHEMAS_REF + ENVELOPE);
        } else {
            ArrayNode oneOf = requestSchema.putArray("oneOf");
            ObjectNode mapping = NODES.objectNode();
            for (EventType type : inbound) {
                oneOf.addObject().put("$ref", SCHEMAS_REF + type.type() + EVENT_SUFFIX);
                mapping.put(type.type(), SCHEMAS_REF + type.type() + EVENT_SUFFIX);
            }
            ObjectNode discriminator = requestSchema.putObject("discriminator");
            discriminator.put("propertyName", "type");
            discriminator.set("mapping", mapping);
        }
        requestSchema.put("description", "A CloudEvent 1.0 in structured JSON mode, of one of the types the hub accepts.");
        generatedSchemas.set(INBOUND_EVENT, requestSchema);
        generatedSchemas.fieldNames().forEachRemaining(name -> {
            if (componentSchemas.has(name)) {
                throw new IllegalStateException(BASE_RESOURCE + " defines schema " + name + ", a generated name");
            }
        });
        componentSchemas.setAll(generatedSchemas);
        ObjectNode handWritten = paths.deepCopy();
        paths.removeAll();
        paths.set("/api/events", postEvents());
        paths.setAll(handWritten);
        ObjectNode webhooks = doc.putObject("webhooks");
        httpParties.forEach((party, types) -> types.forEach(type ->
                webhooks.set(type.type(), webhook(type, party, connectors.connectors().get(party)))));
        if (!problems.isEmpty()) {
            object(doc, "info").set("x-hub-problems", strings(problems));
        }
        return doc;
    }

    private ObjectNode postEvents() {
        ObjectNode post = NODES.objectNode();
        post.putArray("tags").add("events");
        post.put("operationId", "postEvent");
        post.put("summary", "Send a partner event (CloudEvent 1.0, structured JSON mode)");
        post.put("description", """
                The event is validated (envelope, type, the sender's source, subject, data schema, rules across \
                fields), recorded in the inbox keyed by (source, id) and then applied once. The answer comes when \
                the event is durably recorded; applying may follow. Sending the same event again (same source, \
                id and payload) answers 202 again without a second effect. Only `application/cloudevents+json` \
                in UTF-8 is accepted (`application/json` answers 415). The same events may be put on the JMS \
                queue hub.inbound (see the AsyncAPI document).""");
        ObjectNode body = post.putObject("requestBody");
        body.put("required", true);
        body.putObject("content").putObject(CLOUDEVENTS_JSON).putObject("schema").put("$ref", SCHEMAS_REF + INBOUND_EVENT);
        ObjectNode responses = post.putObject("responses");
        ObjectNode accepted = responses.putObject("202");
        accepted.put("description", "Recorded (or a duplicate of a recorded event: same source, id and payload).");
        accepted.putObject("content").putObject("application/json").putObject("schema").put("$ref", SCHEMAS_REF + "Accepted");
        responses.set("400", problem("The event breaks rules: each one in errors, with a JSON Pointer and the rule "
                + "(malformed JSON, envelope, unknown type, a source not allowed for the type, subject, data schema, "
                + "rules across fields, bytes that are not UTF-8). Nothing is recorded.", "InvalidEventProblem"));
        responses.putObject("401").put("$ref", "#/components/responses/Unauthorized");
        responses.set("403", problem("The user is not a partner system, or may not send for the event's source.",
                "Problem"));
        responses.set("409", problem("An event with this source and id was recorded with a different payload.",
                "Problem"));
        responses.set("413", problem("The body is larger than " + maxEventBytes
                + " bytes (hub.inbound.max-event-bytes).", "Problem"));
        responses.set("415", problem("Content-Type is not " + CLOUDEVENTS_JSON + ", or its charset is not UTF-8.",
                "Problem"));
        responses.set("503", problem("The event was not recorded (for example the database is unavailable); "
                + "send it again later.", "Problem"));
        ObjectNode pathItem = NODES.objectNode();
        pathItem.set("post", post);
        return pathItem;
    }

    private ObjectNode webhook(OutboundType type, String party, Connector connector) {
        Connectors.Retry retry = connector.retry();
        ObjectNode post = NODES.objectNode();
        post.putArray("tags").add("webhooks");
        post.put("operationId", "deliver:" + type.type());
        post.put("summary", "The hub sends " + type.type() + " to " + connector.name());
        post.put("description", (type.description() == null ? "" : type.description() + "\n\n") + """
                The hub POSTs this CloudEvent to the endpoint of party `%s` (hub.connectors.%s.outbound.endpoint) \
                after the process step that wrote it committed. A 2xx answer means delivered. A timeout, a \
                broken connection, 408, 429, 5xx or a redirect (never followed) is a failed attempt: the hub \
                tries again with backoff (%d attempts in all, waiting %s at first, times %s, at most %s) and then \
                dead-letters the message. Any other 4xx refuses the message for good: it is dead-lettered at \
                once. An administrator can replay a dead letter (POST /api/admin/outbox/{id}/replay); it keeps \
                its id, so deduplicate on Idempotency-Key."""
                .formatted(party, party, retry.maxAttempts(), retry.initialBackoff(), retry.multiplier(),
                        retry.maxBackoff()));
        boolean bearer = connector.outbound().credentials() != null && !connector.outbound().credentials().isBlank();
        ArrayNode security = post.putArray("security");
        if (bearer) {
            security.addObject().putArray("partnerBearer");
        } else {
            security.addObject();
        }
        ObjectNode key = post.putArray("parameters").addObject();
        key.put("name", "Idempotency-Key");
        key.put("in", "header");
        key.put("required", true);
        key.put("description", "The CloudEvent id: the same on every retry and replay of this message.");
        key.putObject("schema").put("type", "string");
        ObjectNode body = post.putObject("requestBody");
        body.put("required", true);
        body.putObject("content").putObject(CLOUDEVENTS_JSON).putObject("schema")
                .put("$ref", SCHEMAS_REF + type.type() + EVENT_SUFFIX);
        ObjectNode responses = post.putObject("responses");
        responses.putObject("2XX").put("description", "Delivered: the message is marked sent.");
        responses.putObject("3XX").put("description", "Not followed; a failed attempt, tried again.");
        responses.putObject("408").put("description", "A failed attempt, tried again with backoff.");
        responses.putObject("429").put("description", "A failed attempt, tried again with backoff.");
        responses.putObject("4XX").put("description", "Refused for good: the message is dead-lettered at once.");
        responses.putObject("5XX").put("description", "A failed attempt, tried again with backoff until the "
                + "retry budget is spent, then dead-lettered.");
        ObjectNode retryExtension = post.putObject("x-hub-retry");
        retryExtension.put("maxAttempts", retry.maxAttempts());
        retryExtension.put("initialBackoff", retry.initialBackoff().toString());
        retryExtension.put("multiplier", retry.multiplier());
        retryExtension.put("maxBackoff", retry.maxBackoff().toString());
        ObjectNode pathItem = NODES.objectNode();
        pathItem.set("post", post);
        return pathItem;
    }

    private static ObjectNode problem(String description, String schema) {
        ObjectNode response = NODES.objectNode();
        response.put("description", description);
        response.putObject("content").putObject("application/problem+json").putObject("schema")
                .put("$ref", SCHEMAS_REF + schema);
        return response;
    }

    // ---------------------------------------------------------------- AsyncAPI

    private ObjectNode asyncApi(List<EventType> inbound, Map<String, List<OutboundType>> jmsParties,
                                ObjectNode schemaComponents, List<String> problems) {
        ObjectNode doc = NODES.objectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", base.path("info").path("title").asText("Utrecht integration hub") + ": queues");
        info.put("version", base.path("info").path("version").asText("1"));
        info.put("description", """
                The hub's queues on its embedded Apache Artemis broker. Partners may put inbound events on \
                hub.inbound instead of POSTing them to /api/events (same contract, same validation; a message \
                that breaks the contract goes to hub.inbound.dlq with its reason). The hub sends its own \
                messages to parties reached over JMS on hub.out.<party>, persistent, with the message id as \
                Artemis duplicate-detection id. Every payload is a CloudEvent 1.0 in structured JSON mode; the \
                data schemas are the hub's JSON Schema files (config/schemas/<type>.schema.json). The HTTP side \
                is at /api/docs/openapi.json.""");
        if (!problems.isEmpty()) {
            info.set("x-hub-problems", strings(problems));
        }
        doc.put("defaultContentType", CLOUDEVENTS_JSON);
        if (broker.port() > 0) {
            ObjectNode server = doc.putObject("servers").putObject("artemis");
            server.put("host", broker.host() + ":" + broker.port());
            server.put("protocol", "jms");
            server.put("description", """
                    The hub's embedded Apache Artemis broker: an acceptor for the Artemis core protocol \
                    (tcp://%s:%d, clients such as the Jakarta JMS client of Artemis), on loopback by default \
                    (hub.broker.host, hub.broker.port). On any other address the broker requires the login of \
                    its broker user (hub.broker.user).""".formatted(broker.host(), broker.port()));
        }
        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode messages = NODES.objectNode();

        ObjectNode inboundChannel = channels.putObject(INBOUND_CHANNEL);
        inboundChannel.put("address", "hub.inbound");
        inboundChannel.put("title", "Inbound events");
        inboundChannel.put("description", "Partner events for the hub, the same types as POST /api/events.");
        ObjectNode inboundMessages = inboundChannel.putObject("messages");
        for (EventType type : inbound) {
            String id = messageId(type.type());
            messages.set(type.type(), message(type.type(), type.description(), inboundHeaders()));
            inboundMessages.putObject(id).put("$ref", "#/components/messages/" + type.type());
        }
        ObjectNode receive = operations.putObject("receiveInboundEvents");
        receive.put("action", "receive");
        receive.putObject("channel").put("$ref", "#/channels/" + INBOUND_CHANNEL);
        receive.put("summary", "The hub takes each event from hub.inbound, validates, records and applies it once.");
        messageRefs(receive, INBOUND_CHANNEL, inboundMessages);

        ObjectNode dlq = channels.putObject("hub-inbound-dlq");
        dlq.put("address", "hub.inbound.dlq");
        dlq.put("title", "Refused inbound messages");
        dlq.put("description", "Messages from hub.inbound that break the contract, with the reason.");
        dlq.putObject("messages").putObject("deadLetter").put("$ref", "#/components/messages/deadLetter");
        messages.set("deadLetter", deadLetter());
        ObjectNode deadLetters = operations.putObject("sendDeadLetters");
        deadLetters.put("action", "send");
        deadLetters.putObject("channel").put("$ref", "#/channels/hub-inbound-dlq");
        messageRefs(deadLetters, "hub-inbound-dlq", dlq.get("messages"));

        jmsParties.forEach((party, types) -> {
            Connector connector = connectors.connectors().get(party);
            String channelId = OUTBOUND_CHANNEL_PREFIX + party.replaceAll("[^A-Za-z0-9_-]", "_");
            ObjectNode channel = channels.putObject(channelId);
            String destination = connector.outbound().destination();
            if (destination == null || destination.isBlank()) {
                channel.putNull("address");
            } else {
                channel.put("address", destination);
            }
            channel.put("title", "Messages for " + connector.name());
            channel.put("description", "What the hub sends to " + connector.name() + " (party " + party
                    + "). A message that cannot be put on the queue is tried again (" + connector.retry().maxAttempts()
                    + " attempts in all), then dead-lettered in the hub's outbox.");
            ObjectNode channelMessages = channel.putObject("messages");
            for (OutboundType type : types) {
                messages.set(type.type(), message(type.type(), type.description(), outboundHeaders(type.type())));
                channelMessages.putObject(messageId(type.type())).put("$ref", "#/components/messages/" + type.type());
            }
            ObjectNode send = operations.putObject("sendTo-" + channelId.substring(OUTBOUND_CHANNEL_PREFIX.length()));
            send.put("action", "send");
            send.putObject("channel").put("$ref", "#/channels/" + channelId);
            send.put("summary", "The hub's outbox relay sends " + connector.name() + "'s messages, in order.");
            messageRefs(send, channelId, channelMessages);
        });
        ObjectNode components = doc.putObject("components");
        components.set("schemas", schemaComponents);
        components.set("messages", messages);
        return doc;
    }

    private static void messageRefs(ObjectNode operation, String channelId, JsonNode channelMessages) {
        ArrayNode refs = operation.putArray("messages");
        channelMessages.fieldNames().forEachRemaining(id ->
                refs.addObject().put("$ref", "#/channels/" + channelId + "/messages/" + id));
    }

    /** A key in a channel's messages: letters, digits, _ and - only. */
    static String messageId(String type) {
        return type.replace('.', '_');
    }

    private static ObjectNode message(String type, String description, ObjectNode headers) {
        ObjectNode message = NODES.objectNode();
        message.put("name", type);
        message.put("title", type);
        if (description != null) {
            message.put("summary", description);
        }
        message.put("contentType", CLOUDEVENTS_JSON);
        message.set("headers", headers);
        message.putObject("payload").put("$ref", SCHEMAS_REF + type + EVENT_SUFFIX);
        return message;
    }

    private static ObjectNode inboundHeaders() {
        ObjectNode headers = NODES.objectNode();
        headers.put("type", "object");
        ObjectNode dupl = headers.putObject("properties").putObject("_AMQ_DUPL_ID");
        dupl.put("type", "string");
        dupl.put("description", "Recommended: the CloudEvent id, so that the broker drops a resend. "
                + "The hub deduplicates on (source, id) in any case.");
        return headers;
    }

    private static ObjectNode outboundHeaders(String type) {
        ObjectNode headers = NODES.objectNode();
        headers.put("type", "object");
        headers.putArray("required").add("_AMQ_DUPL_ID").add("ce_type");
        ObjectNode properties = headers.putObject("properties");
        properties.putObject("_AMQ_DUPL_ID").put("type", "string")
                .put("description", "The CloudEvent id (the hub's outbox id): Artemis drops a resend of the same "
                        + "message; the same on every retry and replay.");
        properties.putObject("ce_type").put("const", type).put("description", "The CloudEvent type.");
        properties.putObject("contentType").put("const", CLOUDEVENTS_JSON + "; charset=UTF-8");
        return headers;
    }

    private static ObjectNode deadLetter() {
        ObjectNode message = NODES.objectNode();
        message.put("name", "deadLetter");
        message.put("title", "Refused inbound message");
        message.put("summary", "The message as it was received, with the reason it was refused.");
        message.put("contentType", "text/plain");
        ObjectNode headers = message.putObject("headers");
        headers.put("type", "object");
        ObjectNode properties = headers.putObject("properties");
        properties.putObject("hubDeadLetterReason").put("type", "string").put("description",
                "Why: the broken rules as JSON Pointer and rule (never the values), or a conflicting duplicate.");
        properties.putObject("hubDeadLetterRoute").put("type", "string").put("description", "The route that refused it.");
        message.putObject("payload").put("type", "string").put("description", "The original body.");
        return message;
    }

    // ---------------------------------------------------------------- event schemas

    private ObjectNode inboundEvent(EventType type) {
        ObjectNode event = NODES.objectNode();
        event.put("title", type.type());
        StringBuilder description = new StringBuilder(type.description() == null ? "" : type.description());
        description.append(description.isEmpty() ? "" : "\n\n").append("Sent by: ")
                .append(String.join(", ", type.sources())).append(". Subject: ")
                .append(type.subject() == SubjectKind.V_NUMBER ? "a V-number (10 digits)"
                        : "a V-number (10 digits) or a BSN (9 digits, 11-test)").append('.');
        if (type.correlate() != null) {
            description.append(" Delivered to the ")
                    .append(type.correlate().scope() == EventTypeCatalog.Scope.HOUSEHOLD ? "household's case" : "person's")
                    .append(" process as the BPMN message ").append(type.type())
                    .append(type.correlate().parkWhenNotWaiting() ? "; parked until the process waits for it."
                            : "; recorded only when the process does not wait for it.");
        }
        event.put("description", description.toString());
        ArrayNode allOf = event.putArray("allOf");
        allOf.addObject().put("$ref", SCHEMAS_REF + ENVELOPE);
        ObjectNode specific = allOf.addObject();
        specific.put("type", "object");
        ObjectNode properties = specific.putObject("properties");
        properties.putObject("type").put("const", type.type());
        ObjectNode source = properties.putObject("source");
        if (type.sources().size() == 1) {
            source.put("const", type.sources().get(0));
        } else {
            source.set("enum", strings(type.sources()));
        }
        ObjectNode subject = properties.putObject("subject");
        subject.put("type", "string");
        if (type.subject() == SubjectKind.V_NUMBER) {
            subject.put("pattern", "^[0-9]{10}$");
            subject.put("description", "The person's V-number (vreemdelingennummer).");
        } else {
            subject.put("pattern", "^[0-9]{9,10}$");
            subject.put("description", "The person's V-number, or once known the BSN (9 digits passing the 11-test).");
        }
        properties.putObject("data").put("$ref", SCHEMAS_REF + type.type());
        if (type.correlate() != null) {
            ObjectNode correlation = event.putObject("x-hub-correlation");
            correlation.put("scope", type.correlate().scope().name());
            correlation.set("variables", strings(type.correlate().variables()));
            correlation.put("parkWhenNotWaiting", type.correlate().parkWhenNotWaiting());
        }
        return event;
    }

    private ObjectNode outboundEvent(OutboundType type) {
        ObjectNode event = NODES.objectNode();
        event.put("title", type.type());
        event.put("description", (type.description() == null ? "" : type.description() + "\n\n")
                + "Sent by the hub to party " + type.party() + ".");
        ArrayNode allOf = event.putArray("allOf");
        allOf.addObject().put("$ref", SCHEMAS_REF + ENVELOPE);
        ObjectNode specific = allOf.addObject();
        specific.put("type", "object");
        ObjectNode properties = specific.putObject("properties");
        properties.putObject("id").put("description", "The hub's message id; the same on every retry and replay.");
        properties.putObject("type").put("const", type.type());
        properties.putObject("source").put("const", Outbox.HUB_SOURCE);
        properties.putObject("subject").put("description", "The person the message is about (V-number or BSN).");
        properties.putObject("caseid").put("type", "string")
                .put("description", "CloudEvents extension: the hub's case id (HH-2026-000123), when there is one.");
        properties.putObject("data").put("$ref", SCHEMAS_REF + type.type());
        return event;
    }

    /**
     * Puts a schema file's JSON under components.schemas as {@code name}: without $schema and $id (the
     * document is the resource), its root $defs as components of their own ({@code name.defs.<def>}),
     * local references rewritten to point into the document.
     */
    private static void inline(String name, Optional<JsonNode> schema, String file, ObjectNode components,
                               List<String> problems) {
        if (components.has(name)) {
            return;
        }
        if (schema.isEmpty()) {
            problems.add("no schema file " + file + " for type " + name);
            ObjectNode missing = NODES.objectNode();
            missing.put("description", "MISSING: the schema file " + file + " does not exist.");
            missing.put("x-hub-missing-schema", true);
            components.set(name, missing);
            return;
        }
        ObjectNode copy = (ObjectNode) schema.get().deepCopy();
        copy.remove("$schema");
        copy.remove("$id");
        JsonNode defs = copy.remove("$defs");
        rewriteRefs(copy, name, file, problems);
        components.set(name, copy);
        if (defs != null) {
            defs.fields().forEachRemaining(def -> {
                JsonNode defSchema = def.getValue().deepCopy();
                rewriteRefs(defSchema, name, file, problems);
                components.set(name + ".defs." + def.getKey(), defSchema);
            });
        }
    }

    private static void rewriteRefs(JsonNode node, String name, String file, List<String> problems) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                object.put("$ref", rewrite(ref.asText(), name, file, problems));
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals("$ref")) {
                    rewriteRefs(field.getValue(), name, file, problems);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> rewriteRefs(element, name, file, problems));
        }
    }

    private static String rewrite(String ref, String name, String file, List<String> problems) {
        if (ref.startsWith("#/$defs/")) {
            String rest = ref.substring("#/$defs/".length());
            int slash = rest.indexOf('/');
            String def = slash < 0 ? rest : rest.substring(0, slash);
            return SCHEMAS_REF + name + ".defs." + def + (slash < 0 ? "" : rest.substring(slash));
        }
        if (ref.equals("#")) {
            return SCHEMAS_REF + name;
        }
        if (ref.startsWith("#/")) {
            return SCHEMAS_REF + name + ref.substring(1);
        }
        problems.add("schema " + file + " has a reference the documents cannot follow: " + ref);
        return ref;
    }

    /** Schema files that no configured type uses (the envelope aside). */
    private List<String> orphanSchemaFiles() {
        Set<String> used = new TreeSet<>();
        used.add(ENVELOPE_SCHEMA_FILE);
        catalog.eventTypes().forEach(type -> used.add(type.schemaFile()));
        outboundTypes.outboundTypes().forEach(type -> used.add(type.schemaFile()));
        if (!Files.isDirectory(schemaDir)) {
            return List.of("the schema folder " + schemaDir + " does not exist");
        }
        try (Stream<Path> files = Files.list(schemaDir)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(file -> file.endsWith(SCHEMA_FILE_SUFFIX) && !used.contains(file))
                    .sorted()
                    .map(file -> "schema file " + file + " belongs to no type in hub.event-types or hub.outbound-types")
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + schemaDir, e);
        }
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode child = parent.get(field);
        if (child == null || child.isNull()) {
            return parent.putObject(field);
        }
        if (!child.isObject()) {
            throw new IllegalStateException(BASE_RESOURCE + ": " + field + " is not a mapping");
        }
        return (ObjectNode) child;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ObjectNode loadBase() {
        try (InputStream in = new ClassPathResource(BASE_RESOURCE).getInputStream()) {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(in);
            if (node == null || !node.isObject()) {
                throw new IllegalStateException(BASE_RESOURCE + " is not a YAML mapping");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BASE_RESOURCE, e);
        }
    }
}
