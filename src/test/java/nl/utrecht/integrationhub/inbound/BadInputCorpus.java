package nl.utrecht.integrationhub.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The hand-made corpus of bad inbound events in {@code src/test/resources/bad-input/} (see its
 * README.md): one case a line, with the bytes sent, how they are sent and the answer expected.
 */
final class BadInputCorpus {

    static final Path DIR = Path.of("src/test/resources/bad-input");
    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";
    /** The prefix of every corpus event id; an IT replaces it to make the ids its own. */
    static final String ID_PREFIX = "bad-input-";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One bad input. {@code layer} "validator": the {@link EventValidator} alone rejects it with
     * {@code pointer} and {@code rule}; "http": only the HTTP edge can (encoding, media type, size, sender).
     */
    record Case(String file, int line, String name, String layer, String sender, String contentType, int status,
                String pointer, String rule, boolean alsoOverJms, byte[] body) {

        boolean validatorLayer() {
            return "validator".equals(layer);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body with the corpus's event ids made unique to {@code run}, byte for byte otherwise. */
        byte[] bodyFor(String run) {
            byte[] prefix = ID_PREFIX.getBytes(StandardCharsets.US_ASCII);
            byte[] replacement = (ID_PREFIX + run + "-").getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
            int i = 0;
            while (i < body.length) {
                if (startsWith(body, i, prefix)) {
                    out.writeBytes(replacement);
                    i += prefix.length;
                } else {
                    out.write(body[i++]);
                }
            }
            return out.toByteArray();
        }

        private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
            if (at + prefix.length > bytes.length) {
                return false;
            }
            for (int j = 0; j < prefix.length; j++) {
                if (bytes[at + j] != prefix[j]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return file + ":" + line + " " + name;
        }
    }

    private BadInputCorpus() {
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl"))
                    .filter(f -> !f.getFileName().toString().equals("valid-bases.jsonl")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).isBlank()) {
                        cases.add(parse(file.getFileName().toString(), i + 1, JSON.readTree(lines.get(i))));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** One valid event of every type, the start of every mutation. */
    static List<ObjectNode> validBases() {
        try {
            List<ObjectNode> bases = new ArrayList<>();
            for (String line : Files.readAllLines(DIR.resolve("valid-bases.jsonl"), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    bases.add((ObjectNode) JSON.readTree(line));
                }
            }
            return bases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case parse(String file, int line, JsonNode row) {
        byte[] body;
        if (row.has("bodyBase64")) {
            body = Base64.getDecoder().decode(row.get("bodyBase64").asText());
        } else {
            body = row.get("body").asText().getBytes(StandardCharsets.UTF_8);
        }
        if (row.has("padTo")) {
            int size = row.get("padTo").asInt();
            byte[] padded = Arrays.copyOf(body, size);
            Arrays.fill(padded, body.length, size, (byte) ' ');
            body = padded;
        }
        return new Case(file, line, row.get("name").asText(), row.get("layer").asText(), row.get("sender").asText(),
                row.path("contentType").isNull() ? null : row.path("contentType").asText(CLOUDEVENTS_JSON),
                row.get("status").asInt(), row.path("pointer").isNull() ? null : row.path("pointer").asText(null),
                row.path("rule").isNull() ? null : row.path("rule").asText(null),
                row.path("alsoOverJms").asBoolean(false), body);
    }

    /** The validator as the hub builds it (config/hub-events.yaml, config/schemas/, the intake's rules), without Spring. */
    static EventValidator validator(Clock clock) {
        try {
            Constructor<?> constructor = Class.forName("nl.utrecht.integrationhub.intake.IntakeRules")
                    .getDeclaredConstructor();
            constructor.setAccessible(true);
            return new EventValidator(catalog(), Path.of("config/schemas"), clock,
                    List.of((EventRule) constructor.newInstance()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** config/hub-events.yaml bound the way Spring Boot binds it. */
    static EventTypeCatalog catalog() {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                    .load("hub-events", new FileSystemResource("config/hub-events.yaml"));
            return new Binder(ConfigurationPropertySources.from(sources)).bind("hub", EventTypeCatalog.class)
                    .orElseThrow(() -> new IllegalStateException("no event types in config/hub-events.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
