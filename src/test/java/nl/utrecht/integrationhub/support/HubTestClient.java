package nl.utrecht.integrationhub.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP against a running hub (java.net.http, no redirects followed): the real entry points, with or
 * without HTTP Basic.
 */
public final class HubTestClient {

    public static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public HubTestClient(int port) {
        this.base = URI.create("http://localhost:" + port);
    }

    /** {@code POST /api/events} with a CloudEvent in structured JSON mode. */
    public Response postEvent(JsonNode event, Credentials credentials) {
        return postEvent(event.toString().getBytes(StandardCharsets.UTF_8), CLOUDEVENTS_JSON, credentials);
    }

    /** {@code POST /api/events} with one extra request header (for header-injection attempts). */
    public Response postEvent(JsonNode event, Credentials credentials, String headerName, String headerValue) {
        return send(request("/api/events", credentials)
                .header("Content-Type", CLOUDEVENTS_JSON)
                .header(headerName, headerValue)
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.toString().getBytes(StandardCharsets.UTF_8)))
                .build());
    }

    /** {@code POST /api/events} with exactly these bytes and this Content-Type. */
    public Response postEvent(byte[] body, String contentType, Credentials credentials) {
        HttpRequest.Builder request = request("/api/events", credentials)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /** {@code POST /api/events} streamed without a Content-Length (chunked), as a proxy may send it. */
    public Response postEventChunked(byte[] body, String contentType, Credentials credentials) {
        HttpRequest.Builder request = request("/api/events", credentials)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        return send(request.build());
    }

    /** {@code GET /api/cases?subject=...}. */
    public Response cases(String subject, Credentials credentials) {
        return get("/api/cases?subject=" + URLEncoder.encode(subject, StandardCharsets.UTF_8), credentials);
    }

    /** POST of a JSON body (e.g. to /engine-rest); {@code credentials} may be null for anonymous. */
    public Response postJson(String pathAndQuery, JsonNode body, Credentials credentials) {
        return send(request(pathAndQuery, credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString(), StandardCharsets.UTF_8))
                .build());
    }

    /** GET of a path (with query) on the hub; {@code credentials} may be null for anonymous. */
    public Response get(String pathAndQuery, Credentials credentials) {
        return send(request(pathAndQuery, credentials).GET().build());
    }

    private HttpRequest.Builder request(String pathAndQuery, Credentials credentials) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (credentials != null) {
            builder.header("Authorization", credentials.basicAuthorization());
        }
        return builder;
    }

    private Response send(HttpRequest request) {
        return send(http, request);
    }

    /** Sends any request with the given client and gives the hub's answer (status, type, challenge, body). */
    public static Response send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().allValues("WWW-Authenticate"), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What the hub answered. */
    public record Response(int status, String contentType, List<String> wwwAuthenticate, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + body, e);
            }
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
