package nl.utrecht.integrationhub.platform.camel;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import nl.utrecht.integrationhub.inbound.InboundProperties;
import nl.utrecht.integrationhub.platform.web.BufferedRequest;

/**
 * Bounds what {@code POST /api/events} reads into memory: a declared length over the limit is refused
 * at once; a body without a declared length (chunked) is read at most one byte past the limit and
 * refused when it is larger. Both answer 413 before the route sees anything.
 *
 * <p>A form-encoded body is refused here too (415): Camel's HTTP binding parses such a body as form
 * fields before the route runs, fails on anything that is not one, answers 500 and logs the body
 * (personal data) in its warning. The route's own media-type check (HttpEdge) never got to see it.
 */
@Configuration
class EventSizeLimitFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> eventSizeLimit(InboundProperties properties) {
        int limit = properties.maxEventBytes();
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (isFormEncoded(request.getContentType())) {
                    unsupportedMediaType(response);
                    return;
                }
                if (request.getContentLengthLong() > limit) {
                    tooLarge(response);
                    return;
                }
                byte[] body = BufferedRequest.readAtMost(request.getInputStream(), limit + 1);
                if (body.length > limit) {
                    tooLarge(response);
                    return;
                }
                chain.doFilter(new BufferedRequest(request, body), response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("event-size-limit");
        registration.addUrlPatterns("/api/events");
        // After authentication: an anonymous caller never gets its body read.
        registration.setOrder(2);
        return registration;
    }


    private static boolean isFormEncoded(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT)
                .startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    private static void unsupportedMediaType(HttpServletResponse response) throws IOException {
        response.setStatus(415);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unsupported media type\",\"status\":415,"
                + "\"detail\":\"Send a CloudEvent in structured mode with Content-Type: application/cloudevents+json\","
                + "\"instance\":\"/api/events\"}");
    }

    private static void tooLarge(HttpServletResponse response) throws IOException {
        response.setStatus(413);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Content too large\",\"status\":413,"
                + "\"detail\":\"An event may be at most the configured size\",\"instance\":\"/api/events\"}");
    }
}
