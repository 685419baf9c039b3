package nl.utrecht.integrationhub.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The hub's own HTTP API as a simulated partner calls it: on loopback, with the partner's demo user
 * (password {@code hub.demo.password}). A failure is an exception, so the simulator's JMS transaction
 * rolls back and the broker redelivers the request later.
 */
@Component
@Profile("demo")
class HubApiClient {

    /** What the hub answered, for callers that treat some refusals as done (e.g. 410 for a document fetched before). */
    record Answer(int status, byte[] body) {
    }

    private final Environment environment;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HubApiClient(Environment environment, DemoProperties demo) {
        this.environment = environment;
        this.password = demo.password();
    }

    /** {@code POST /api/events} as {@code user}; throws unless the hub answered 202. */
    void postEvent(String event, String user) {
        Answer answer = send(HttpRequest.newBuilder(uri("/api/events"))
                .header("Content-Type", "application/cloudevents+json")
                .header("Authorization", basic(user))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(event, StandardCharsets.UTF_8)).build());
        if (answer.status() != 202) {
            throw new IllegalStateException("the hub answered " + answer.status() + " to an event of the simulator");
        }
    }

    /** {@code POST /api/attachments?subject=} as {@code user}: stores a document for the person's open case. */
    Answer upload(String subject, String mediaType, byte[] content, String user) {
        return send(HttpRequest.newBuilder(uri("/api/attachments?subject=" + URLEncoder.encode(subject, StandardCharsets.UTF_8)))
                .header("Content-Type", mediaType)
                .header("Authorization", basic(user))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
    }

    /** GET of a link the hub handed out (absolute, or relative to the hub), as {@code user}. */
    Answer fetch(String href, String user) {
        URI target = href.startsWith("http://") || href.startsWith("https://") ? URI.create(href) : uri(href);
        return send(HttpRequest.newBuilder(target)
                .header("Authorization", basic(user))
                .timeout(Duration.ofSeconds(30))
                .GET().build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the hub could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the hub", e);
        }
    }

    /** The hub on loopback, on the port the web server actually listens on. */
    private URI uri(String pathAndQuery) {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
