package nl.utrecht.integrationhub.intake;

import java.time.Period;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.deadlines.*}: the letter's periods (ISO-8601), configurable so an acceptance
 * environment can compress time. Each runs from its business date, not from when a task is created.
 */
@Validated
@ConfigurationProperties(prefix = "hub.deadlines")
public record DeadlineProperties(@NotNull Period schoolPlacement) {
}
