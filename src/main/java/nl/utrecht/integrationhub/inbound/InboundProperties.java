package nl.utrecht.integrationhub.inbound;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.inbound.*}: limits and pacing of the inbound side. {@code applyBatchSize}: at most this
 * many events are applied in one transaction (1: each on its own).
 */
@Validated
@ConfigurationProperties(prefix = "hub.inbound")
public record InboundProperties(@Min(1024) int maxEventBytes, @Min(1) int applyThreads,
                                @NotNull Duration relayInterval, @Min(1) int maxApplyAttempts,
                                @DefaultValue("20") @Min(1) @Max(500) int applyBatchSize) {
}
