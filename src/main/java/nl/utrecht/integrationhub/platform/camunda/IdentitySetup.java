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
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
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
            // The process's name, diagram and forms in Tasklist. Nothing on instances, history or other
            // organisations' tasks: a caseworker reads a task (and its variables) through the engine's own
            // authorization for the task's candidate group, created with the task (READ, UPDATE and, as
            // EngineAccessPolicy enforces specific variable permissions, READ_VARIABLE).
            grant(group.id(), Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
            String filterId = ensureTaskFilter(group, priority++);
            grant(group.id(), Resources.FILTER, filterId, Permissions.READ);
        }
        OrganisationProperties.Group owners = organisations.processOwnerGroup();
        ensureGroup(owners.id(), owners.name(), WORKFLOW);
        grant(owners.id(), Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        // Models and Cockpit's statistics: the counts per activity (the diagram), incidents and the instance
        // list need READ_INSTANCE (the counts per definition only READ). No variables (READ_INSTANCE_VARIABLE,
        // READ_TASK_VARIABLE: EngineAccessPolicy enforces them), no history (READ_HISTORY would show historic
        // instances, tasks and their assignees), no tasks (READ_TASK).
        grant(owners.id(), Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ, Permissions.READ_INSTANCE);
        grant(owners.id(), Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
        grant(owners.id(), Resources.DECISION_REQUIREMENTS_DEFINITION, Authorization.ANY, Permissions.READ);
        grant(owners.id(), Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
        // Managers: the monitoring dashboard only (dashboard/DashboardAccess), no grant in the engine.
        ensureGroup(organisations.managerGroup().id(), organisations.managerGroup().name(), WORKFLOW);
        for (PartnerGroups.Partner partner : partnerGroups.all()) {
            // No authorization at all: partner systems do not use the engine (EngineAccessPolicy refuses them).
            ensureGroup(partner.id(), partner.name(), SYSTEM);
        }
        grantReadVariableWithTaskRead();
        ensureAdministrator();
    }

    /**
     * Tasks created before specific variable permissions were enforced carry authorizations with READ
     * but without READ_VARIABLE; their caseworkers would lose their forms' data. Adds it, once.
     */
    private void grantReadVariableWithTaskRead() {
        int updated = 0;
        for (Authorization authorization : authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(Resources.TASK)
                .hasPermission(Permissions.READ).list()) {
            if (!authorization.isPermissionGranted(TaskPermissions.READ_VARIABLE)) {
                authorization.addPermission(TaskPermissions.READ_VARIABLE);
                authorizationService.saveAuthorization(authorization);
                updated++;
            }
        }
        if (updated > 0) {
            log.info("Granted READ_VARIABLE on {} task authorization(s) that had READ", updated);
        }
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

    /**
     * Makes the group's grant on the resource exactly these permissions: created when missing, replaced
     * when it differs (a permission granted by an earlier version of this policy is taken away).
     */
    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        int wanted = 0;
        for (Permission permission : permissions) {
            wanted |= permission.getValue();
        }
        boolean exact = false;
        for (Authorization existing : authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).list()) {
            if (!exact && existing instanceof AuthorizationEntity entity && entity.getPermissions() == wanted) {
                exact = true;
            } else {
                authorizationService.deleteAuthorization(existing.getId());
                log.info("Replaced the grant of {} on {} {}", groupId, resource.resourceName(), resourceId);
            }
        }
        if (exact) {
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
