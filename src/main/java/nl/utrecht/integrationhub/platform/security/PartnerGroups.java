package nl.utrecht.integrationhub.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.stereotype.Component;

/**
 * The engine groups of partner systems that may POST events, and the sources each may send for: those
 * of {@code hub.organisations.partner-groups}, and one per connector that names a
 * {@code hub.connectors.<party>.partner-group} (with the connector's sources), so that a new HTTP
 * partner is one block of connector configuration.
 */
@Component
public class PartnerGroups {

    /** A partner group and the CloudEvent sources its members may send for. */
    public record Partner(String id, String name, List<String> sources) {
    }

    /** What {@code hub.connectors.<party>} says about the party's partner group. */
    @ConfigurationProperties(prefix = "hub")
    public record ConnectorPartners(Map<String, ConnectorPartner> connectors) {
        @ConstructorBinding
        public ConnectorPartners {
            connectors = connectors == null ? Map.of() : Map.copyOf(connectors);
        }
    }

    public record ConnectorPartner(String name, List<String> sources, String partnerGroup) {
    }

    private final List<Partner> partners;

    PartnerGroups(OrganisationProperties organisations, ConnectorPartners connectors) {
        List<Partner> all = new ArrayList<>();
        organisations.partnerGroups().forEach(group ->
                all.add(new Partner(group.id(), group.name(), List.of(group.source()))));
        connectors.connectors().values().stream()
                .filter(connector -> connector.partnerGroup() != null && !connector.partnerGroup().isBlank())
                .forEach(connector -> all.add(new Partner(connector.partnerGroup(),
                        "Partner " + connector.name(), connector.sources() == null ? List.of() : connector.sources())));
        this.partners = List.copyOf(all);
    }

    public List<Partner> all() {
        return partners;
    }

    public Set<String> ids() {
        return partners.stream().map(Partner::id).collect(Collectors.toSet());
    }

    /** The sources a member of these groups may send for, comma-separated (empty: none). */
    public String allowedSources(Set<String> groups) {
        return partners.stream().filter(partner -> groups.contains(partner.id()))
                .flatMap(partner -> partner.sources().stream()).distinct().collect(Collectors.joining(","));
    }
}
