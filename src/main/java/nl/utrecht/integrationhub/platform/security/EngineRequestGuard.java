package nl.utrecht.integrationhub.platform.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import nl.utrecht.integrationhub.platform.web.BufferedRequest;

/**
 * Compensating controls for Camunda 7.24 CE in front of the engine's REST API ({@code /engine-rest}) and
 * the webapps' own API ({@code /camunda/api}), in addition to the engine's settings
 * ({@code EngineHardeningPlugin}); see docs/security.md:
 * <ul>
 *   <li>the webapps' first-administrator setup ({@code /camunda/api/admin/setup/...}) is closed: 403
 *       always, also while no administrator exists (administrators come from configuration);</li>
 *   <li>no expression ({@code ${...}} or {@code #{...}}) in a query parameter of any call, nor anywhere in
 *       the JSON body of a task query or filter call (also inside {@code orQueries}): 400;</li>
 *   <li>no Java-serialized object as a variable: a body of type {@code application/x-java-serialized-object}
 *       (415), a JSON value naming that serialization format, or a multipart part of that type (400).</li>
 * </ul>
 * Answers are problem details naming the parameter or JSON pointer and the rule, never the value.
 */
@Configuration
class EngineRequestGuard {

    static final String JAVA_SERIALIZED = "application/x-java-serialized-object";
    /** Bodies larger than this are not read here; the engine's API has no use for them. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineRequestGuardFilter(ObjectMapper objectMapper) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Guard(objectMapper));
        registration.setName("engine-request-guard");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        // After the engine REST authentication (order 1): an anonymous caller gets 401 first.
        registration.setOrder(2);
        return registration;
    }

    /** One broken rule: where (query parameter or JSON pointer) and which rule. */
    record Violation(String where, String rule) {
    }

    static final class Guard extends OncePerRequestFilter {

        private final ObjectMapper json;

        Guard(ObjectMapper json) {
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = path(request);
            if (path.equals("/camunda/api/admin/setup") || path.startsWith("/camunda/api/admin/setup/")) {
                problem(response, 403, "Setup closed", "The first administrator comes from configuration "
                        + "(HUB_ADMIN_USER and HUB_ADMIN_PASSWORD); the webapps' setup is closed.", List.of());
                return;
            }
            List<Violation> violations = new ArrayList<>(queryStringViolations(request.getQueryString()));
            if (!violations.isEmpty()) {
                problem(response, 400, "Expression refused", "Expressions are not accepted in queries.", violations);
                return;
            }
            if (!hasBody(request)) {
                chain.doFilter(request, response);
                return;
            }
            String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
            if (contentType.startsWith(JAVA_SERIALIZED)) {
                problem(response, 415, "Unsupported media type", "Java-serialized objects are not accepted; "
                        + "send variables as JSON.", List.of(new Violation("Content-Type", "no-java-serialization")));
                return;
            }
            boolean jsonBody = contentType.startsWith("application/json") || contentType.contains("+json");
            boolean multipart = contentType.startsWith("multipart/");
            if (!jsonBody && !multipart) {
                chain.doFilter(request, response);
                return;
            }
            if (request.getContentLengthLong() > MAX_BODY_BYTES) {
                problem(response, 413, "Content too large", "The request body is too large.", List.of());
                return;
            }
            byte[] body = BufferedRequest.readAtMost(request.getInputStream(), MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                problem(response, 413, "Content too large", "The request body is too large.", List.of());
                return;
            }
            violations.addAll(jsonBody ? jsonViolations(body, isTaskQuery(path))
                    : multipartViolations(body));
            if (!violations.isEmpty()) {
                boolean serialized = violations.stream().anyMatch(v -> v.rule().equals("no-java-serialization"));
                problem(response, 400, serialized ? "Java serialization refused" : "Expression refused",
                        serialized ? "Java-serialized objects are not accepted; send variables as JSON."
                                : "Expressions are not accepted in task queries or filters.", violations);
                return;
            }
            chain.doFilter(new BufferedRequest(request, body), response);
        }

        /** The request path without the context path, decoded and normalised by the servlet container. */
        private static String path(HttpServletRequest request) {
            String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            path = path.toLowerCase(Locale.ROOT).replaceAll("/{2,}", "/");
            return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        }

        /**
         * Task queries and filters (a filter is a stored task query; listing one takes an extending query):
         * {@code .../task}, {@code .../task/count}, {@code .../filter/...}, on /engine-rest (also with
         * /engine/{name}) and on the webapps' /camunda/api/engine/engine/{name}.
         */
        static boolean isTaskQuery(String path) {
            String resource;
            if (path.startsWith("/engine-rest/engine/")) {
                resource = afterEngineName(path.substring("/engine-rest/engine/".length()));
            } else if (path.startsWith("/engine-rest/")) {
                resource = path.substring("/engine-rest/".length());
            } else if (path.startsWith("/camunda/api/engine/engine/")) {
                resource = afterEngineName(path.substring("/camunda/api/engine/engine/".length()));
            } else {
                return false;
            }
            return resource.equals("task") || resource.equals("task/count") || resource.equals("filter")
                    || resource.startsWith("filter/");
        }

        private static String afterEngineName(String rest) {
            int slash = rest.indexOf('/');
            return slash < 0 ? "" : rest.substring(slash + 1);
        }

        private static boolean hasBody(HttpServletRequest request) {
            String method = request.getMethod();
            return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method);
        }

        static List<Violation> queryStringViolations(String queryString) {
            List<Violation> found = new ArrayList<>();
            if (queryString == null || queryString.isEmpty()) {
                return found;
            }
            for (String pair : queryString.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (isExpression(name) || isExpression(value)) {
                    found.add(new Violation(safeName(name), "no-expression"));
                }
            }
            return found;
        }

        private List<Violation> jsonViolations(byte[] body, boolean taskQuery) {
            List<Violation> found = new ArrayList<>();
            JsonNode root;
            try {
                root = json.readTree(body);
            } catch (JsonProcessingException e) {
                // Not JSON: the engine refuses it anyway; still never let a marker through unread.
                String text = new String(body, StandardCharsets.UTF_8);
                if (taskQuery && isExpression(text)) {
                    found.add(new Violation("", "no-expression"));
                }
                if (text.toLowerCase(Locale.ROOT).contains(JAVA_SERIALIZED)) {
                    found.add(new Violation("", "no-java-serialization"));
                }
                return found;
            } catch (IOException e) {
                return found;
            }
            walk(root, "", taskQuery, found);
            return found;
        }

        private static void walk(JsonNode node, String pointer, boolean taskQuery, List<Violation> found) {
            if (node == null) {
                return;
            }
            if (node.isTextual()) {
                String text = node.asText();
                if (taskQuery && isExpression(text)) {
                    found.add(new Violation(pointer, "no-expression"));
                }
                if (text.trim().toLowerCase(Locale.ROOT).startsWith(JAVA_SERIALIZED)) {
                    found.add(new Violation(pointer, "no-java-serialization"));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    walk(node.get(i), pointer + "/" + i, taskQuery, found);
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                    if (taskQuery && isExpression(field.getKey())) {
                        found.add(new Violation(pointer, "no-expression"));
                    }
                    walk(field.getValue(), child, taskQuery, found);
                }
            }
        }

        private static List<Violation> multipartViolations(byte[] body) {
            // Part headers are plain ASCII: a part declared as a Java-serialized object is refused.
            String text = new String(body, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            return text.contains(JAVA_SERIALIZED) ? List.of(new Violation("multipart", "no-java-serialization"))
                    : List.of();
        }

        static boolean isExpression(String text) {
            return text != null && (text.contains("${") || text.contains("#{"));
        }

        private static String decode(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return text;
            }
        }

        /** A parameter name for the answer: only when it is a plain name, never what the caller wrote otherwise. */
        private static String safeName(String name) {
            return name.matches("[A-Za-z0-9_.\\[\\]-]{1,100}") ? name : "(parameter)";
        }

        private void problem(HttpServletResponse response, int status, String title, String detail,
                             List<Violation> violations) throws IOException {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", title);
            problem.put("status", status);
            problem.put("detail", detail);
            if (!violations.isEmpty()) {
                problem.put("errors", violations.stream()
                        .map(v -> Map.of("pointer", v.where(), "rule", v.rule())).toList());
            }
            response.setStatus(status);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(json.writeValueAsString(problem));
        }
    }
}
