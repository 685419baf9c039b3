package nl.utrecht.integrationhub.inbound;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code hub.inbound.*}: limits and pacing of the inbound side. */
@Validated
@ConfigurationProperties(prefix = "hub.inbound")
public record InboundProperties(@Min(1024) int maxEventBytes, @Min(1) int applyThreads,
                                @NotNull Duration relayInterval, @Min(1) int maxApplyAttempts) {
}
