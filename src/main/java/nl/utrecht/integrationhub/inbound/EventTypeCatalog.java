package nl.utrecht.integrationhub.inbound;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * The event types the hub accepts, from {@code config/hub-events.yaml}: for each CloudEvent
 * {@code type} the sources allowed to send it, what its subject identifies and its data schema
 * ({@code config/schemas/<type>.schema.json}).
 */
@Validated
@ConfigurationProperties(prefix = "hub")
public record EventTypeCatalog(@NotNull @Valid List<EventType> eventTypes, Map<String, ConnectorEvents> connectors) {

    public enum SubjectKind {
        /** A vreemdelingennummer: 10 digits. */
        V_NUMBER,
        /** A V-number, or once known a BSN (9 digits passing the 11-test). */
        V_NUMBER_OR_BSN
    }

    /** Who an event is about, for correlation: the household's case, or one person in it. */
    public enum Scope {
        HOUSEHOLD, PERSON
    }

    /**
     * How an event reaches its process: the BPMN message named as the type, for the case of the
     * subject (scope HOUSEHOLD) or for the subject's own instance in it (scope PERSON, matched on the
     * process variable personRef), with the listed data fields as variables ({@code field} or
     * {@code field:variable} to name the variable otherwise). Parked when the process
     * does not wait for it yet, unless parkWhenNotWaiting is false (then it is only recorded).
     */
    public record Correlation(@NotNull Scope scope, List<String> variables, Boolean parkWhenNotWaiting) {
        public Correlation {
            variables = variables == null ? List.of() : List.copyOf(variables);
            parkWhenNotWaiting = parkWhenNotWaiting == null || parkWhenNotWaiting;
        }
    }

    /**
     * @param schema the schema's path when it is not {@code config/schemas/<type>.schema.json}
     */
    public record EventType(@NotBlank String type, @NotEmpty List<String> sources, @NotNull SubjectKind subject,
                            String description, @Valid Correlation correlate, String schema) {
        @ConstructorBinding
        public EventType {
        }

        public EventType(String type, List<String> sources, SubjectKind subject, String description,
                         Correlation correlate) {
            this(type, sources, subject, description, correlate, null);
        }

        public String schemaFile() {
            return schema == null || schema.isBlank() ? type + ".schema.json" : schema;
        }
    }

    /**
     * The event types a connector declares with itself ({@code hub.connectors.<party>.event-types}), so
     * that adding a system is one block of configuration; their sources default to the connector's.
     */
    public record ConnectorEvents(List<String> sources, List<ConnectorEventType> eventTypes) {
    }

    public record ConnectorEventType(String type, List<String> sources, SubjectKind subject, String description,
                                     Correlation correlate, String schema) {
    }

    @ConstructorBinding
    public EventTypeCatalog {
        List<EventType> all = new java.util.ArrayList<>(eventTypes == null ? List.of() : eventTypes);
        connectors = connectors == null ? Map.of() : Map.copyOf(connectors);
        connectors.forEach((party, connector) -> {
            if (connector.eventTypes() != null) {
                connector.eventTypes().forEach(declared -> all.add(new EventType(declared.type(),
                        declared.sources() == null || declared.sources().isEmpty() ? connector.sources() : declared.sources(),
                        declared.subject(), declared.description(), declared.correlate(), declared.schema())));
            }
        });
        eventTypes = List.copyOf(all);
    }

    public EventTypeCatalog(List<EventType> eventTypes) {
        this(eventTypes, null);
    }

    public Optional<EventType> find(String type) {
        return Optional.ofNullable(byType().get(type));
    }

    Map<String, EventType> byType() {
        return eventTypes.stream().collect(Collectors.toMap(EventType::type, Function.identity()));
    }
}
