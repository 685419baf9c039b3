package nl.utrecht.integrationhub.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import nl.utrecht.integrationhub.platform.security.BasicCredentials;
import nl.utrecht.integrationhub.platform.security.OrganisationProperties;

/**
 * Who may see the dashboard ({@code /dashboard}, {@code /dashboard/export.csv}): process owners,
 * managers and administrators, logged in through the Camunda webapps (the webapps' session, as Tasklist
 * and Cockpit use it) or, for scripts, with HTTP Basic against the engine's users. The groups are read
 * from the engine at every request, so a membership taken away counts at once, also in a running session.
 * <ul>
 *   <li>not logged in: a browser is sent to the webapps' login (welcome), anything else gets 401;</li>
 *   <li>logged in without one of those groups (a caseworker, a partner system): 403, a short Dutch page
 *       for a browser, problem+json otherwise;</li>
 *   <li>a wrong HTTP Basic password: 401, whatever session there is.</li>
 * </ul>
 */
@Configuration
class DashboardAccess {

    static final String LOGIN = "/camunda/app/welcome/default/";

    @Bean
    FilterRegistrationBean<Gate> dashboardAccessFilter(IdentityService identityService, ProcessEngine engine,
                                                       OrganisationProperties organisations) {
        Set<String> allowed = Set.of(organisations.processOwnerGroup().id(), organisations.managerGroup().id(),
                Groups.CAMUNDA_ADMIN);
        FilterRegistrationBean<Gate> registration =
                new FilterRegistrationBean<>(new Gate(identityService, engine.getName(), allowed));
        registration.setName("dashboard-access");
        registration.addUrlPatterns("/dashboard", "/dashboard/*");
        registration.setOrder(1);
        return registration;
    }

    static final class Gate extends OncePerRequestFilter {

        private final IdentityService identityService;
        private final String engineName;
        private final Set<String> allowedGroups;

        Gate(IdentityService identityService, String engineName, Set<String> allowedGroups) {
            this.identityService = identityService;
            this.engineName = engineName;
            this.allowedGroups = allowedGroups;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String authorization = request.getHeader("Authorization");
            String userId;
            if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                userId = BasicCredentials.verifiedUser(authorization, identityService);
                if (userId == null) {
                    unauthorized(request, response, true);
                    return;
                }
            } else {
                userId = sessionUser(request);
                if (userId == null) {
                    unauthorized(request, response, false);
                    return;
                }
            }
            Set<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                    .map(Group::getId).collect(Collectors.toUnmodifiableSet());
            if (groups.stream().noneMatch(allowedGroups::contains)) {
                forbidden(request, response);
                return;
            }
            chain.doFilter(request, response);
        }

        /** The user of the webapps' session for this engine, or null. */
        private String sessionUser(HttpServletRequest request) {
            HttpSession session = request.getSession(false);
            if (session == null) {
                return null;
            }
            Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
            if (authentications == null) {
                return null;
            }
            Authentication authentication = authentications.getAuthenticationForProcessEngine(engineName);
            return authentication == null ? null : authentication.getName();
        }

        private static boolean browser(HttpServletRequest request) {
            String accept = request.getHeader("Accept");
            return accept != null && accept.contains("text/html");
        }

        private static void unauthorized(HttpServletRequest request, HttpServletResponse response, boolean triedBasic)
                throws IOException {
            if (browser(request) && !triedBasic) {
                response.sendRedirect(request.getContextPath() + LOGIN);
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"integration-hub\", charset=\"UTF-8\"");
            problem(response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required",
                    "Log in to the Camunda webapps or use HTTP Basic with the credentials of a hub user.");
        }

        private static void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (browser(request)) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setContentType("text/html;charset=UTF-8");
                response.setHeader("Content-Security-Policy", FORBIDDEN_POLICY);
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Cache-Control", "no-store");
                response.getOutputStream().write(FORBIDDEN_PAGE.getBytes(StandardCharsets.UTF_8));
                return;
            }
            problem(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                    "The dashboard is for process owners, managers and administrators.");
        }

        private static void problem(HttpServletResponse response, int status, String title, String detail)
                throws IOException {
            response.setStatus(status);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                    + ",\"detail\":\"" + detail + "\"}");
        }
    }

    private static final String FORBIDDEN_STYLE =
            "body{font-family:Arial,sans-serif;margin:3rem;color:#1f2933}h1{font-size:1.4rem}a{color:#0b4f8a}";
    static final String FORBIDDEN_POLICY = "default-src 'none'; style-src '" + DashboardPage.sha256(FORBIDDEN_STYLE)
            + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String FORBIDDEN_PAGE = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
            + "<title>Geen toegang – Monitoring integratieroute</title><style>" + FORBIDDEN_STYLE + "</style></head><body>"
            + "<h1>Geen toegang</h1><p>De monitoring is er voor proceseigenaren, managers en beheerders. "
            + "Vraag de beheerder om toegang als u die nodig hebt.</p><p><a href=\"" + LOGIN
            + "\">Terug naar de Camunda-startpagina</a></p></body></html>\n";
}
