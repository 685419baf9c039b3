package nl.utrecht.integrationhub.platform.camunda;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.platform.security.AdminProperties;
import nl.utrecht.integrationhub.platform.security.OrganisationProperties;
import nl.utrecht.integrationhub.platform.security.PartnerGroups;

/**
 * Makes the engine's groups, authorizations and Tasklist filters match the configured organisations,
 * and creates the first administrator from configuration. Idempotent: runs at every start.
 */
@Component
class IdentitySetup implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);
    static final String WORKFLOW = "WORKFLOW";
    static final String SYSTEM = "SYSTEM";

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;
    private final OrganisationProperties organisations;
    private final AdminProperties admin;
    private final PartnerGroups partnerGroups;

    IdentitySetup(IdentityService identityService, AuthorizationService authorizationService,
                  FilterService filterService, TaskService taskService, OrganisationProperties organisations,
                  AdminProperties admin, PartnerGroups partnerGroups) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.filterService = filterService;
        this.taskService = taskService;
        this.organisations = organisations;
        this.admin = admin;
        this.partnerGroups = partnerGroups;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ensureGroup(Groups.CAMUNDA_ADMIN, "Beheerders", SYSTEM);
        for (Resource resource : Resources.values()) {
            grant(Groups.CAMUNDA_ADMIN, resource, Authorization.ANY, Permissions.ALL);
        }
        int priority = 0;
        for (OrganisationProperties.Group group : organisations.caseworkerGroups()) {
            ensureGroup(group.id(), group.name(), WORKFLOW);
            grant(group.id(), Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group.id(), Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
            String filterId = ensureTaskFilter(group, priority++);
            grant(group.id(), Resources.FILTER, filterId, Permissions.READ);
        }
        OrganisationProperties.Group owners = organisations.processOwnerGroup();
        ensureGroup(owners.id(), owners.name(), WORKFLOW);
        grant(owners.id(), Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(owners.id(), Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ, Permissions.READ_HISTORY);
        grant(owners.id(), Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
        grant(owners.id(), Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
        for (PartnerGroups.Partner partner : partnerGroups.all()) {
            ensureGroup(partner.id(), partner.name(), SYSTEM);
        }
        ensureAdministrator();
    }

    private void ensureAdministrator() {
        if (!admin.configured()) {
            return;
        }
        if (identityService.createUserQuery().userId(admin.userId()).count() == 0) {
            User user = identityService.newUser(admin.userId());
            user.setFirstName("Beheerder");
            user.setLastName("Integratiehub");
            user.setPassword(admin.password());
            identityService.saveUser(user);
            identityService.createMembership(admin.userId(), Groups.CAMUNDA_ADMIN);
            log.info("Created the first administrator from configuration");
        }
    }

    /** Once everything has started (demo users included): say so when nobody can administer the hub. */
    @EventListener(ApplicationReadyEvent.class)
    void warnWithoutAdministrator() {
        if (identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
            log.warn("No administrator exists: set HUB_ADMIN_USER and HUB_ADMIN_PASSWORD (or the secrets "
                    + "files hub.admin.user-id and hub.admin.password) to create the first one");
        }
    }

    /** Creates the group if missing. */
    void ensureGroup(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).count() > 0) {
            return;
        }
        Group group = identityService.newGroup(id);
        group.setName(name);
        group.setType(type);
        identityService.saveGroup(group);
    }

    private String ensureTaskFilter(OrganisationProperties.Group group, int priority) {
        String name = "Taken " + group.name();
        Filter existing = filterService.createTaskFilterQuery().filterName(name).singleResult();
        if (existing != null) {
            return existing.getId();
        }
        Filter filter = filterService.newTaskFilter(name)
                .setOwner(null)
                .setQuery(taskService.createTaskQuery().taskCandidateGroup(group.id()).includeAssignedTasks())
                .setProperties(Map.of(
                        "description", "Open taken voor " + group.name(),
                        "priority", priority,
                        "refresh", true));
        filterService.saveFilter(filter);
        return filter.getId();
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        boolean exists = authorizationService.createAuthorizationQuery()
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).count() > 0;
        if (exists) {
            return;
        }
        Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizationService.saveAuthorization(authorization);
    }
}
