package nl.utrecht.integrationhub.platform.security;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/** Who calls the hub's API: an engine user and its groups. */
public record HubPrincipal(String userId, Set<String> groups) {

    static final String REQUEST_ATTRIBUTE = HubPrincipal.class.getName();

    public boolean isAdministrator() {
        return groups.contains(OrganisationProperties.ADMIN_GROUP);
    }

    public boolean inAnyOf(Set<String> candidates) {
        return groups.stream().anyMatch(candidates::contains);
    }

    /** The principal the authentication filter put on the request. */
    public static HubPrincipal of(HttpServletRequest request) {
        Object principal = request.getAttribute(REQUEST_ATTRIBUTE);
        if (principal instanceof HubPrincipal hubPrincipal) {
            return hubPrincipal;
        }
        throw new IllegalStateException("request was not authenticated");
    }
}
