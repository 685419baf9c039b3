package nl.utrecht.integrationhub.dashboard;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Debian package's Chromium, headless, driven over the Chrome DevTools Protocol (a WebSocket from
 * java.net.http, no library): navigate, run a script in the page, read the DOM, take a screenshot. Started
 * with {@code --no-sandbox} (CI runs as root) and its own throwaway profile; {@link #close()} ends the
 * process it started and removes the profile.
 */
final class HeadlessChromium implements AutoCloseable {

    /** The browser: {@code $CHROMIUM}, or the Debian package's {@code /usr/bin/chromium}. */
    static Path binary() {
        String configured = System.getenv("CHROMIUM");
        return Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket, Listener listener) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        listener.owner = this;
    }

    /** Starts Chromium with a window of this size and connects to its first page. */
    static HeadlessChromium start(int width, int height, Path log) throws IOException {
        Path profile = Files.createTempDirectory("dashboard-chromium-");
        List<String> command = List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                "--mute-audio", "--lang=nl-NL", "--window-size=" + width + "," + height,
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "about:blank");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path activePort = profile.resolve("DevToolsActivePort");
            await("Chromium's DevTools port (log: " + log + ")").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !process.isAlive() || (Files.exists(activePort) && Files.readAllLines(activePort).size() >= 2));
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium ended at start with " + process.exitValue() + "; see " + log);
            }
            int port = Integer.parseInt(Files.readAllLines(activePort).get(0).trim());
            HttpClient http = HttpClient.newHttpClient();
            String pageSocket = await("Chromium's first page").atMost(Duration.ofSeconds(30)).until(() -> {
                HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                for (JsonNode target : JSON.readTree(list.body())) {
                    if ("page".equals(target.path("type").asText())) {
                        return target.path("webSocketDebuggerUrl").asText(null);
                    }
                }
                return null;
            }, url -> url != null);
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(pageSocket), listener).get(30, TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, profile, socket, listener);
            chromium.send("Page.enable", JSON.createObjectNode());
            chromium.send("Runtime.enable", JSON.createObjectNode());
            return chromium;
        } catch (RuntimeException | IOException e) {
            process.destroyForcibly();
            deleteQuietly(profile);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            deleteQuietly(profile);
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            deleteQuietly(profile);
            throw new IllegalStateException("no DevTools connection to Chromium", e);
        }
    }

    /** Sends one DevTools command and gives its result (an error answer throws). */
    JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode reply = answer.get(ANSWER.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + ": no answer from Chromium", e);
        } finally {
            pending.remove(id);
        }
    }

    void navigate(String url) {
        send("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** Runs a script in the page and gives its value as text ("" for undefined or null). */
    String evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            return "";
        }
        JsonNode value = result.path("result").path("value");
        return value.isMissingNode() || value.isNull() ? "" : value.isTextual() ? value.asText() : value.toString();
    }

    /** True when the script's value is {@code true}; false also while the page is between documents. */
    boolean isTrue(String expression) {
        try {
            return "true".equals(evaluate(expression));
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** The page as the browser has it now. */
    String dom() {
        return evaluate("document.documentElement.outerHTML");
    }

    /** A PNG of the whole page at this width (the viewport is stretched to the page's height first). */
    byte[] screenshot(int width) {
        JsonNode metrics = send("Page.getLayoutMetrics", JSON.createObjectNode());
        int height = (int) Math.ceil(metrics.path("cssContentSize").path("height").asDouble(900));
        send("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
        JsonNode shot = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true));
        return Base64.getDecoder().decode(shot.path("data").asText());
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleteQuietly(profile);
        }
    }

    private void received(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
                if (answer != null) {
                    answer.complete(message);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary profile is harmless
        }
    }

    /** Collects a message's fragments and hands each whole message on. */
    private static final class Listener implements WebSocket.Listener {
        private final List<CharSequence> parts = new ArrayList<>();
        private volatile HeadlessChromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.add(data);
            if (last) {
                StringBuilder message = new StringBuilder();
                parts.forEach(message::append);
                parts.clear();
                HeadlessChromium chromium = owner;
                if (chromium != null) {
                    chromium.received(message.toString());
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
