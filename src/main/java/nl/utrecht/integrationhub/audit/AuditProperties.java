package nl.utrecht.integrationhub.audit;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.audit.*}: the processing activity of each kind of access, over the defaults in
 * {@link ProcessingActivities}. Keys: {@code process.<process key>}, {@code group.<engine group>},
 * {@code party.<outbound party>}, {@code event.<CloudEvent type>} (in YAML a key with dots is written
 * {@code "[event.nl.coa.azc-intake-registered]"}). The pseudonym key is not a property of this record:
 * it is a secret, read once by {@link Pseudonymiser}.
 */
@ConfigurationProperties(prefix = "hub.audit")
record AuditProperties(Map<String, String> processingActivities) {

    AuditProperties {
        processingActivities = processingActivities == null ? Map.of() : Map.copyOf(processingActivities);
    }
}
