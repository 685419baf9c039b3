package nl.utrecht.integrationhub.platform.camunda;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import nl.utrecht.integrationhub.audit.AuditLog;
import nl.utrecht.integrationhub.audit.AuditLog.Access;
import nl.utrecht.integrationhub.audit.AuditLog.Action;
import nl.utrecht.integrationhub.audit.AuditLog.Actor;
import nl.utrecht.integrationhub.audit.AuditLog.Outcome;
import nl.utrecht.integrationhub.audit.ProcessingActivities;
import nl.utrecht.integrationhub.audit.TraceIds;

/**
 * Every read (and change) of process data through the engine's REST API, in the audit log: the same
 * calls through {@code /engine-rest} and through the webapps' own API
 * ({@code /camunda/api/engine/engine/<name>}, what Tasklist and Cockpit use). Logged are a task's
 * variables and form variables, a process instance's and an execution's variables, the variable
 * instance, historic variable instance and historic detail queries, and a filter's task list when it
 * carries variables; completing a task or submitting its form is an UPDATE. The person is found by the
 * process instance's business key (the case id) in the case register: one entry per person of the case,
 * and per process instance a query answered with. The outcome follows the answer's status (401/403
 * denied); a task or instance that does not exist concerns nobody and writes nothing. The engine's
 * own work (jobs, delegates) and the hub's Java code are not requests and are not logged here.
 */
class EngineAccessAudit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(EngineAccessAudit.class);
    static final String ENGINE_REST = "/engine-rest/";
    static final Pattern WEBAPP_ENGINE_API = Pattern.compile("/camunda/api/engine/engine/([^/]+)/(.*)");

    enum Kind { TASK, PROCESS_INSTANCE, EXECUTION, QUERY, FILTER }

    record Call(Kind kind, String id, Action action) {
    }

    private static final Pattern TASK_VARIABLES =
            Pattern.compile("task/([^/]+)/(variables|localVariables|form-variables)(/.*)?");
    private static final Pattern TASK_COMPLETION = Pattern.compile("task/([^/]+)/(submit-form|complete|resolve)");
    private static final Pattern PROCESS_INSTANCE_VARIABLES = Pattern.compile("process-instance/([^/]+)/variables(/.*)?");
    private static final Pattern EXECUTION_VARIABLES = Pattern.compile("execution/([^/]+)/localVariables(/.*)?");
    private static final Pattern VARIABLE_QUERY =
            Pattern.compile("(variable-instance|history/variable-instance|history/detail)(/(?!count$)[^/]+)?(/data)?");
    private static final Pattern FILTER_LIST = Pattern.compile("filter/([^/]+)/(list|singleResult)");

    private final AuditLog audit;
    private final ProcessingActivities activities;
    private final IdentityService identityService;
    private final HistoryService historyService;
    private final RuntimeService runtimeService;
    private final ObjectMapper objectMapper;

    EngineAccessAudit(AuditLog audit, ProcessingActivities activities, IdentityService identityService,
                      HistoryService historyService, RuntimeService runtimeService, ObjectMapper objectMapper) {
        this.audit = audit;
        this.activities = activities;
        this.identityService = identityService;
        this.historyService = historyService;
        this.runtimeService = runtimeService;
        this.objectMapper = objectMapper;
    }

    /** Which engine call a request is, or null if it reads no process data. Package-private for tests. */
    static Call classify(String method, String path) {
        String rest;
        Matcher webapp = WEBAPP_ENGINE_API.matcher(path);
        if (path.startsWith(ENGINE_REST)) {
            rest = path.substring(ENGINE_REST.length());
        } else if (webapp.matches()) {
            rest = webapp.group(2);
        } else {
            return null;
        }
        boolean read = "GET".equals(method);
        Matcher matcher;
        if ((matcher = TASK_VARIABLES.matcher(rest)).matches()) {
            boolean formRead = "form-variables".equals(matcher.group(2));
            return new Call(Kind.TASK, matcher.group(1), read || formRead ? Action.READ : Action.UPDATE);
        }
        if ((matcher = TASK_COMPLETION.matcher(rest)).matches() && "POST".equals(method)) {
            return new Call(Kind.TASK, matcher.group(1), Action.UPDATE);
        }
        if ((matcher = PROCESS_INSTANCE_VARIABLES.matcher(rest)).matches()) {
            return new Call(Kind.PROCESS_INSTANCE, matcher.group(1), read ? Action.READ : Action.UPDATE);
        }
        if ((matcher = EXECUTION_VARIABLES.matcher(rest)).matches()) {
            return new Call(Kind.EXECUTION, matcher.group(1), read ? Action.READ : Action.UPDATE);
        }
        if (VARIABLE_QUERY.matcher(rest).matches() && (read || "POST".equals(method))) {
            return new Call(Kind.QUERY, null, Action.READ);
        }
        if ((matcher = FILTER_LIST.matcher(rest)).matches() && (read || "POST".equals(method))) {
            return new Call(Kind.FILTER, matcher.group(1), Action.READ);
        }
        return null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Call call = classify(request.getMethod(), path);
        if (call == null) {
            chain.doFilter(request, response);
            return;
        }
        Actor actor = actor(request, path);
        boolean scanAnswer = call.kind() == Kind.QUERY || call.kind() == Kind.FILTER;
        ContentCachingResponseWrapper cached = scanAnswer ? new ContentCachingResponseWrapper(response) : null;
        try {
            chain.doFilter(request, scanAnswer ? cached : response);
        } finally {
            if (actor != null) {
                try {
                    withoutAuthentication(() -> {
                        record(call, actor, request, scanAnswer ? cached.getStatus() : response.getStatus(),
                                scanAnswer ? cached.getContentAsByteArray() : null);
                        return null;
                    });
                } catch (RuntimeException e) {
                    log.error("Could not write the audit entry of {} {} ({})", request.getMethod(), path,
                            e.getClass().getName());
                }
            }
            if (scanAnswer) {
                cached.copyBodyToResponse();
            }
        }
    }

    private void record(Call call, Actor actor, HttpServletRequest request, int status, byte[] answer) {
        Outcome outcome = Outcome.ofHttpStatus(status);
        String trace = TraceIds.of(request);
        switch (call.kind()) {
            case TASK -> {
                HistoricTaskInstance task = historyService.createHistoricTaskInstanceQuery().taskId(call.id())
                        .singleResult();
                if (task != null && task.getProcessInstanceId() != null) {
                    recordForInstance(task.getProcessInstanceId(), actor, call.action(), "task:" + call.id(),
                            outcome, trace);
                }
            }
            case PROCESS_INSTANCE -> recordForInstance(call.id(), actor, call.action(), "process-instance:" + call.id(),
                    outcome, trace);
            case EXECUTION -> {
                Execution execution = runtimeService.createExecutionQuery().executionId(call.id()).singleResult();
                if (execution != null) {
                    recordForInstance(execution.getProcessInstanceId(), actor, call.action(),
                            "execution:" + call.id(), outcome, trace);
                }
            }
            case QUERY, FILTER -> {
                if (outcome != Outcome.SUCCESS || answer == null || answer.length == 0) {
                    return;
                }
                for (String instanceId : processInstancesIn(answer, call.kind() == Kind.FILTER)) {
                    recordForInstance(instanceId, actor, Action.READ, "process-instance:" + instanceId, outcome, trace);
                }
            }
        }
    }

    private void recordForInstance(String processInstanceId, Actor actor, Action action, String resource,
                                   Outcome outcome, String trace) {
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (instance == null) {
            return;
        }
        String caseId = instance.getBusinessKey();
        if (caseId == null && instance.getRootProcessInstanceId() != null) {
            HistoricProcessInstance root = historyService.createHistoricProcessInstanceQuery()
                    .processInstanceId(instance.getRootProcessInstanceId()).singleResult();
            caseId = root == null ? null : root.getBusinessKey();
        }
        audit.recordForCase(new Access(actor, action, activities.ofProcess(instance.getProcessDefinitionKey()),
                resource, outcome, trace), caseId);
    }

    /** The process instances whose variables an answer holds (a list, or a filter's {@code _embedded.variable}). */
    private Set<String> processInstancesIn(byte[] answer, boolean filter) {
        Set<String> ids = new LinkedHashSet<>();
        JsonNode json;
        try {
            json = objectMapper.readTree(answer);
        } catch (IOException e) {
            return ids;
        }
        List<JsonNode> variables = new ArrayList<>();
        JsonNode list = filter ? json.path("_embedded").path("variable") : json;
        if (list.isArray()) {
            list.forEach(variables::add);
        } else if (list.isObject()) {
            variables.add(list);
        }
        variables.stream().map(variable -> variable.path("processInstanceId"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).forEach(ids::add);
        return ids;
    }

    /**
     * The caller: on {@code /engine-rest} the user the engine authentication filter (which runs first)
     * set on the engine; in the webapps the user of the session's webapp login.
     */
    private Actor actor(HttpServletRequest request, String path) {
        Authentication current = identityService.getCurrentAuthentication();
        if (current != null && current.getUserId() != null) {
            return audit.actor(current.getUserId(),
                    current.getGroupIds() == null ? List.of() : current.getGroupIds());
        }
        Matcher webapp = WEBAPP_ENGINE_API.matcher(path);
        HttpSession session = request.getSession(false);
        if (!webapp.matches() || session == null) {
            return null;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications != null && authentications.getAuthenticationForProcessEngine(webapp.group(1))
                instanceof UserAuthentication user && user.getName() != null) {
            return audit.actor(user.getName(), user.getGroupIds() == null ? List.of() : user.getGroupIds());
        }
        return null;
    }

    /** Looks up the person behind what the caller asked for even when the caller may not read it (denied). */
    private <T> T withoutAuthentication(Supplier<T> lookup) {
        Authentication saved = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return lookup.get();
        } finally {
            if (saved != null) {
                identityService.setAuthentication(saved);
            }
        }
    }

    /** Inside the engine REST authentication filter (order 1), so the caller is known on /engine-rest. */
    @Configuration
    static class Registration {

        @Bean
        FilterRegistrationBean<EngineAccessAudit> engineAccessAudit(AuditLog audit, ProcessingActivities activities,
                                                                    IdentityService identityService,
                                                                    HistoryService historyService,
                                                                    RuntimeService runtimeService,
                                                                    ObjectMapper objectMapper) {
            FilterRegistrationBean<EngineAccessAudit> registration = new FilterRegistrationBean<>(new EngineAccessAudit(
                    audit, activities, identityService, historyService, runtimeService, objectMapper));
            registration.setName("engine-access-audit");
            registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
            registration.setOrder(2);
            return registration;
        }
    }
}
