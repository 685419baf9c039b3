package nl.utrecht.integrationhub.platform.security;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic against the engine's users for the hub's API ({@code /api/*}) and the Actuator
 * ({@code /actuator/*}), and who may call what: partners send events, caseworkers and administrators look
 * up cases, administrators manage and read the Actuator; health (with liveness and readiness) is open.
 */
@Component
public class ApiAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identityService;
    private final OrganisationProperties organisations;
    private final PartnerGroups partnerGroups;

    ApiAuthenticationFilter(IdentityService identityService, OrganisationProperties organisations,
                            PartnerGroups partnerGroups) {
        this.identityService = identityService;
        this.organisations = organisations;
        this.partnerGroups = partnerGroups;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isPublic(request)) {
            chain.doFilter(request, response);
            return;
        }
        HubPrincipal principal = authenticate(request.getHeader("Authorization"));
        if (principal == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"integration-hub\", charset=\"UTF-8\"");
            problem(response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required",
                    "Use HTTP Basic with the credentials of a hub user.");
            return;
        }
        if (!allowed(principal, request)) {
            problem(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                    "Your role may not use this part of the API.");
            return;
        }
        request.setAttribute(HubPrincipal.REQUEST_ATTRIBUTE, principal);
        chain.doFilter(request, response);
    }

    /**
     * The API documents (OpenAPI, AsyncAPI) hold no personal data and are open to integration engineers;
     * health (status only, see management.endpoint.health) is open to load balancers and orchestrators.
     */
    private static boolean isPublic(HttpServletRequest request) {
        String path = path(request);
        String method = request.getMethod();
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        return read && (path.equals("/api/docs") || path.startsWith("/api/docs/")
                || path.equals("/actuator/health") || path.startsWith("/actuator/health/"));
    }

    /**
     * The path as the servlet container mapped it (decoded, normalised, without path parameters), so that
     * {@code /actuator/health/..;/env} or {@code /api/docs/%2e%2e/admin/audit} is judged as what it reaches.
     */
    private static String path(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    private boolean allowed(HubPrincipal principal, HttpServletRequest request) {
        if (principal.isAdministrator()) {
            return true;
        }
        String path = path(request);
        if (path.equals("/actuator") || path.startsWith("/actuator/")) {
            // Everything of the Actuator but health, whatever is exposed now or later (metrics, prometheus).
            return false;
        }
        if (path.startsWith("/api/events")) {
            return principal.inAnyOf(partnerGroups.ids());
        }
        if (path.startsWith("/api/attachments")) {
            // Which partner may upload or fetch which attachment is decided per request by the attachments API.
            return principal.inAnyOf(partnerGroups.ids());
        }
        if (path.startsWith("/api/cases")) {
            return principal.inAnyOf(organisations.caseworkerGroupIds());
        }
        return false;
    }

    private HubPrincipal authenticate(String header) {
        String userId = BasicCredentials.verifiedUser(header, identityService);
        if (userId == null) {
            return null;
        }
        Set<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).collect(Collectors.toUnmodifiableSet());
        return new HubPrincipal(userId, groups);
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}
