package nl.utrecht.integrationhub.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * The messages the hub sends, from {@code config/hub-connectors.yaml}: per CloudEvent type the party
 * (connector) it goes to; its data schema is {@code config/schemas/<type>.schema.json} unless
 * {@code schema} gives another path. Declared in {@code hub.outbound-types}, or with the connector
 * itself in {@code hub.connectors.<party>.outbound-types} (the party is then implied).
 */
@Validated
@ConfigurationProperties(prefix = "hub")
public record OutboundTypes(@NotNull @Valid List<OutboundType> outboundTypes, Map<String, ConnectorMessages> connectors) {

    public record OutboundType(@NotBlank String type, @NotBlank String party, String description, String schema) {
        @ConstructorBinding
        public OutboundType {
        }

        public OutboundType(String type, String party, String description) {
            this(type, party, description, null);
        }

        public String schemaFile() {
            return schema == null || schema.isBlank() ? type + ".schema.json" : schema;
        }
    }

    /** The outbound types a connector declares with itself. */
    public record ConnectorMessages(List<ConnectorMessage> outboundTypes) {
    }

    public record ConnectorMessage(String type, String description, String schema) {
    }

    @ConstructorBinding
    public OutboundTypes {
        List<OutboundType> all = new ArrayList<>(outboundTypes == null ? List.of() : outboundTypes);
        connectors = connectors == null ? Map.of() : Map.copyOf(connectors);
        connectors.forEach((party, connector) -> {
            if (connector.outboundTypes() != null) {
                connector.outboundTypes().forEach(declared -> all.add(
                        new OutboundType(declared.type(), party, declared.description(), declared.schema())));
            }
        });
        outboundTypes = List.copyOf(all);
    }

    public OutboundTypes(List<OutboundType> outboundTypes) {
        this(outboundTypes, null);
    }

    public Optional<OutboundType> find(String type) {
        return outboundTypes.stream().filter(t -> t.type().equals(type)).findFirst();
    }
}
