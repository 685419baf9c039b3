package nl.utrecht.integrationhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import nl.utrecht.integrationhub.support.CamundaWebappDelegates;
import nl.utrecht.integrationhub.support.Credentials;

/**
 * A browser's session with the hub: a cookie jar, no redirects followed. {@link #logIn} logs in to the
 * Camunda webapps as their login form does (CSRF cookie from a first GET, then the form POST to the
 * welcome app's login); every request then carries the session cookie, as a browser's would.
 */
final class WebappSession {

    /** What the hub answered, with the headers a test of the dashboard looks at. */
    record Answer(int status, String contentType, String location, String contentSecurityPolicy,
                  List<String> wwwAuthenticate, byte[] bytes) {

        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + contentType + (location.isEmpty() ? "" : " -> " + location) + " "
                    + body().substring(0, Math.min(200, body().length()));
        }
    }

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    WebappSession(int port) {
        this.base = URI.create("http://localhost:" + port);
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Logs in to the webapps (the welcome app, as after a redirect to the login); fails unless it succeeds. */
    WebappSession logIn(Credentials user) {
        CamundaWebappDelegates.restore();
        get("/camunda/api/admin/auth/user/default", "application/json", null);
        HttpRequest.Builder login = HttpRequest.newBuilder(base.resolve("/camunda/api/admin/auth/user/default/login/welcome"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user.userId(), StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(user.password(), StandardCharsets.UTF_8)));
        xsrfToken().ifPresent(token -> login.header("X-XSRF-TOKEN", token));
        Answer answer = send(login.build());
        assertThat(answer.status()).as("webapp login of " + user + ": " + answer).isEqualTo(200);
        return this;
    }

    /** The session cookie, for a browser that is to carry the same session. */
    Optional<HttpCookie> sessionCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID")).findFirst();
    }

    /** A GET with this Accept header and, when {@code basic} is given, HTTP Basic. */
    Answer get(String path, String accept, Credentials basic) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", accept);
        if (basic != null) {
            request.header("Authorization", basic.basicAuthorization());
        }
        return send(request.GET().build());
    }

    private Optional<String> xsrfToken() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> "XSRF-TOKEN".equals(c.getName()))
                .map(HttpCookie::getValue).findFirst();
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(""),
                    response.headers().firstValue("Content-Security-Policy").orElse(""),
                    response.headers().allValues("WWW-Authenticate"), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
