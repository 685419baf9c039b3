package nl.utrecht.integrationhub.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The chain's systems the hub talks to, from {@code hub.connectors.<party>} in
 * {@code config/hub-connectors.yaml}: the sources a party sends as, how the hub sends to it and how
 * long it keeps trying, and its CSV drop folder if it exports files.
 */
@Validated
@ConfigurationProperties(prefix = "hub")
public record Connectors(@NotNull @Valid Map<String, Connector> connectors) {

    public enum Transport {
        /** A CloudEvent POSTed to {@code endpoint}, with an Idempotency-Key. */
        HTTP,
        /** A CloudEvent on the Artemis queue {@code destination} (hub.out.&lt;party&gt;), with a duplicate-detection id. */
        JMS
    }

    /**
     * @param credentials the name of a property (environment variable or secrets file) whose value is
     *                    sent as a bearer token; never the value itself
     */
    public record Outbound(@NotNull Transport transport, String endpoint, String destination, String credentials) {
    }

    /** Retry budget: attempts in all, and the backoff between them. */
    public record Retry(Integer maxAttempts, Duration initialBackoff, Double multiplier, Duration maxBackoff) {
        public Retry {
            maxAttempts = maxAttempts == null ? 10 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(2) : initialBackoff;
            multiplier = multiplier == null ? 2.0 : multiplier;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
        }

        /** The wait after the given number of failed attempts (1 = after the first failure). */
        public Duration backoffAfter(int failedAttempts) {
            double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
            return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
        }
    }

    /**
     * A CSV drop folder: each row an event of {@code eventType}, or of the type in the row's
     * {@code type} column when eventType is empty; values separated by {@code delimiter} ({@code ,}
     * unless set to {@code ;}). See docs/file-exchange.md.
     */
    public record FileDrop(boolean enabled, String directory, String eventType,
                           @Pattern(regexp = "[,;]", message = "must be , or ;") String delimiter) {
        public FileDrop {
            delimiter = delimiter == null || delimiter.isEmpty() ? "," : delimiter;
        }
    }

    public record Connector(@NotBlank String name, @NotEmpty List<String> sources, @Valid Outbound outbound,
                            @Valid Retry retry, @Valid FileDrop file) {
        public Connector {
            retry = retry == null ? new Retry(null, null, null, null) : retry;
        }
    }

    public Connectors {
        connectors = connectors == null ? Map.of() : Map.copyOf(connectors);
    }

    public Optional<Connector> find(String party) {
        return Optional.ofNullable(connectors.get(party));
    }
}
