package nl.utrecht.integrationhub.platform.camunda;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import nl.utrecht.integrationhub.platform.security.OrganisationProperties;

/**
 * The engine side of "each organisation sees only its own work" (docs/security.md, Authorization), next
 * to the grants of {@link IdentitySetup}:
 * <ul>
 *   <li>specific variable permissions are enforced: reading a variable needs READ_VARIABLE on the task
 *       (granted with the task to its candidate group) or READ_INSTANCE_VARIABLE / READ_TASK_VARIABLE /
 *       READ_HISTORY_VARIABLE on the process definition (administrators only). Without this, READ_INSTANCE
 *       (which Cockpit's statistics need) or READ_HISTORY would also show every variable;</li>
 *   <li>historic instance permissions stay off: history is readable only through READ_HISTORY on a process
 *       definition, which only administrators have, so no per-instance grant can open it;</li>
 *   <li>only users of a group that works with the engine (administrators, caseworker organisations, process
 *       owners) use {@code /engine-rest} and the webapps' API (managers, who have no grant, only the webapps'
 *       API, for the welcome page and its dashboard link); anyone else, the partner systems above all,
 *       gets 403, even though they can authenticate (HTTP Basic, or Camunda's "welcome" login, which
 *       accepts every user).</li>
 * </ul>
 */
@Configuration
class EngineAccessPolicy {

    /** Set in code after every other configurator, so that no profile or generic property can undo it. */
    @Component
    @Order(Ordered.LOWEST_PRECEDENCE)
    static class VariablePermissions extends AbstractProcessEnginePlugin {

        @Override
        public void preInit(ProcessEngineConfigurationImpl configuration) {
            configuration.setAuthorizationEnabled(true);
            configuration.setEnforceSpecificVariablePermission(true);
            configuration.setEnableHistoricInstancePermissions(false);
        }
    }

    @Bean
    FilterRegistrationBean<EngineUserGate> engineUserGate(IdentityService identityService,
                                                          OrganisationProperties organisations) {
        Set<String> engineGroups = new HashSet<>(organisations.caseworkerGroupIds());
        engineGroups.add(organisations.processOwnerGroup().id());
        engineGroups.add(Groups.CAMUNDA_ADMIN);
        // Managers log in on the webapps' welcome page for the dashboard's link: the webapps' API lets them
        // in (without a grant the engine shows them nothing, and no application admits them); /engine-rest not.
        Set<String> webappGroups = new HashSet<>(engineGroups);
        webappGroups.add(organisations.managerGroup().id());
        FilterRegistrationBean<EngineUserGate> registration = new FilterRegistrationBean<>(
                new EngineUserGate(identityService, Set.copyOf(engineGroups), Set.copyOf(webappGroups)));
        registration.setName("engine-user-gate");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        // Inside the engine REST authentication filter (order 1), which sets the caller on the engine.
        registration.setOrder(2);
        return registration;
    }

    /**
     * 403 for an authenticated caller who is in none of the engine's working groups; the webapps' login and
     * logout stay reachable. 401 for an anonymous call of {@code /engine-rest} wherever the engine's own
     * authentication filter does not ask for a login.
     */
    static final class EngineUserGate extends OncePerRequestFilter {

        private final IdentityService identityService;
        private final Set<String> engineGroups;
        private final Set<String> webappGroups;

        EngineUserGate(IdentityService identityService, Set<String> engineGroups, Set<String> webappGroups) {
            this.identityService = identityService;
            this.engineGroups = engineGroups;
            this.webappGroups = webappGroups;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = (request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()))
                    .toLowerCase(Locale.ROOT);
            if (path.startsWith("/engine-rest") && identityService.getCurrentAuthentication() == null) {
                // A path the engine's authentication filter lets pass without a login (the list of engines).
                response.setHeader("WWW-Authenticate", "Basic realm=\"default\"");
                problem(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                        "Use HTTP Basic with the credentials of an engine user.");
                return;
            }
            if (!path.startsWith("/camunda/api/admin/auth/") && callerOutsideEngineGroups(request, path)) {
                problem(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                        "Your role does not use the process engine.");
                return;
            }
            chain.doFilter(request, response);
        }

        private static void problem(HttpServletResponse response, int status, String title, String detail)
                throws IOException {
            response.setStatus(status);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                    + ",\"detail\":\"" + detail + "\"}");
        }

        private boolean callerOutsideEngineGroups(HttpServletRequest request, String path) {
            if (path.startsWith("/engine-rest")) {
                Authentication current = identityService.getCurrentAuthentication();
                return current != null && current.getUserId() != null && !inEngineGroup(current.getGroupIds());
            }
            HttpSession session = request.getSession(false);
            if (session == null) {
                return false;
            }
            Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
            if (authentications == null) {
                return false;
            }
            for (UserAuthentication user : authentications.getAuthentications()) {
                if (user.getName() != null && (user.getGroupIds() == null
                        || user.getGroupIds().stream().noneMatch(webappGroups::contains))) {
                    return true;
                }
            }
            return false;
        }

        private boolean inEngineGroup(List<String> groupIds) {
            return groupIds != null && groupIds.stream().anyMatch(engineGroups::contains);
        }
    }
}
