package nl.utrecht.integrationhub.inbound.file;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.file-exchange.*}: settings shared by every CSV drop folder (the folders themselves are
 * configured per party under {@code hub.connectors.<party>.file}).
 *
 * @param idKey optional secret (from the environment or the secrets directory, never from a file in
 *              the repository) that keys the hash behind a row's event id. Without it the id is a
 *              plain SHA-256 of the row, which someone who has the id could test guesses of a V-number
 *              against. Set it once: a changed key gives every row a new id, so a file imported again
 *              after the change would have a second effect.
 */
@ConfigurationProperties(prefix = "hub.file-exchange")
record FileExchangeProperties(String idKey) {
}
