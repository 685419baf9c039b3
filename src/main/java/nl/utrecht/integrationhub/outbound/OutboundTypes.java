package nl.utrecht.integrationhub.outbound;

import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The messages the hub sends, from {@code config/hub-connectors.yaml}: per CloudEvent type the party
 * (connector) it goes to; its data schema is {@code config/schemas/<type>.schema.json}.
 */
@Validated
@ConfigurationProperties(prefix = "hub")
public record OutboundTypes(@NotNull @Valid List<OutboundType> outboundTypes) {

    public record OutboundType(@NotBlank String type, @NotBlank String party, String description) {
        public String schemaFile() {
            return type + ".schema.json";
        }
    }

    public OutboundTypes {
        outboundTypes = outboundTypes == null ? List.of() : List.copyOf(outboundTypes);
    }

    public Optional<OutboundType> find(String type) {
        return outboundTypes.stream().filter(t -> t.type().equals(type)).findFirst();
    }
}
