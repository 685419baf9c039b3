package nl.utrecht.integrationhub.platform.security;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.organisations.*}: who does what. Each organisation that does casework is an engine group
 * (the candidate group of its user tasks); partners that send events are groups too. Managers
 * ({@code manager-group}, default {@code managers}) see the monitoring dashboard only: no engine rights.
 */
@Validated
@ConfigurationProperties(prefix = "hub.organisations")
public record OrganisationProperties(@NotEmpty @Valid List<Group> caseworkerGroups,
                                     @NotNull @Valid Group processOwnerGroup,
                                     @Valid List<PartnerGroup> partnerGroups,
                                     @Valid Group managerGroup) {

    public static final String ADMIN_GROUP = "camunda-admin";

    public record Group(@NotBlank String id, @NotBlank String name) {
    }

    public record PartnerGroup(@NotBlank String id, @NotBlank String name, @NotBlank String source) {
    }

    public OrganisationProperties {
        partnerGroups = partnerGroups == null ? List.of() : List.copyOf(partnerGroups);
        managerGroup = managerGroup == null ? new Group("managers", "Managers (monitoring)") : managerGroup;
    }

    public Set<String> caseworkerGroupIds() {
        return caseworkerGroups.stream().map(Group::id).collect(Collectors.toSet());
    }

    public Set<String> partnerGroupIds() {
        return partnerGroups.stream().map(PartnerGroup::id).collect(Collectors.toSet());
    }
}
