package nl.utrecht.integrationhub.inbound;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A rule across fields that JSON Schema cannot express (for example: the household includes the
 * main person). Runs only on events whose envelope and data already passed their schemas.
 */
public interface EventRule {

    /** The CloudEvent type this rule applies to. */
    String type();

    List<Violation> check(JsonNode event);
}
