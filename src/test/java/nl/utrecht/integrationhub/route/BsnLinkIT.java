package nl.utrecht.integrationhub.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.PartnerEvents;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * BRP registration gives a person a BSN: the register links it to the V-number, both keep finding the
 * same case, and a BSN that already belongs to someone else is refused for an administrator to sort out.
 */
@HubIntegrationTest
class BsnLinkIT extends EndToEndTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    private Credentials admin;
    private Credentials caseworker;

    @BeforeEach
    void setUp() {
        admin = TestUsers.ensure(identityService, "it-bsn-link", "camunda-admin");
        caseworker = TestUsers.educationCaseworker(identityService);
    }

    @Test
    void theBsnFromTheBrpFindsTheSameCaseAsTheVNumber() {
        String main = Events.newVNumber();
        assertThat(hub.postEvent(Events.intake(main), admin).status()).isEqualTo(202);
        String caseId = awaitCaseId(main);
        ObjectNode registered = PartnerEvents.of("nl.utrecht.brp-registered", main, today());
        String bsn = registered.get("data").get("bsn").asText();

        assertThat(hub.postEvent(registered, admin).status()).isEqualTo(202);

        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode byBsn = hub.cases(bsn, caseworker).json();
            assertThat(byBsn).hasSize(1);
            assertThat(byBsn.get(0).get("caseId").asText()).isEqualTo(caseId);
        });
        assertThat(hub.cases(main, caseworker).json().get(0).get("caseId").asText()).isEqualTo(caseId);
        assertThat(state.inboxStatus("urn:nl:utrecht:brp", registered.get("id").asText()))
                .as("recorded: the case does not wait for the BRP step yet").contains("APPLIED");
    }

    @Test
    void aBsnAlreadyLinkedToSomeoneElseIsNotLinkedAgain() {
        Conflict conflict = registerOneBsnForTwoPeople();
        String bsn = conflict.bsn();
        String secondCase = conflict.secondCase();

        await().atMost(WITHIN).untilAsserted(() -> assertThat(
                state.inboxRow("urn:nl:utrecht:brp", conflict.secondRegistered().get("id").asText()))
                .hasValueSatisfying(row -> assertThat(row.get("last_error")).isNotNull()));
        JsonNode byBsn = hub.cases(bsn, caseworker).json();
        assertThat(byBsn).hasSize(1);
        assertThat(byBsn.get(0).get("caseId").asText()).isNotEqualTo(secondCase);
    }

    @Test
    void theRefusedRegistrationIsShownToAnAdministratorAndReplayedOnRequest() {
        Conflict conflict = registerOneBsnForTwoPeople();
        String bsn = conflict.bsn();
        String second = conflict.second();
        ObjectNode firstRegistered = conflict.firstRegistered();
        String id = conflict.secondRegistered().get("id").asText();

        await().atMost(Duration.ofSeconds(60)).until(() ->
                state.inboxStatus("urn:nl:utrecht:brp", id).filter("FAILED"::equals).isPresent());
        JsonNode failed = hub.get("/api/admin/inbox?status=failed&limit=1000", admin).json();
        JsonNode listed = null;
        for (JsonNode entry : failed) {
            if (entry.get("eventId").asText().equals(id)) {
                listed = entry;
            }
        }
        assertThat(listed).as("the failed event is listed").isNotNull();
        assertThat(listed.get("lastError").asText()).contains("belongs to another person");
        assertThat(failed.toString()).doesNotContain(bsn).doesNotContain(second);

        java.sql.Timestamp lastAttemptBefore = lastAttempt(id);
        String replay = "/api/admin/inbox/replay?source=urn:nl:utrecht:brp&id=" + id;
        assertThat(hub.postJson(replay, null, caseworker).status()).isEqualTo(403);
        assertThat(hub.postJson(replay, null, admin).status()).isEqualTo(202);
        // The cause is still there, so it is tried again and fails again.
        await().atMost(Duration.ofSeconds(60)).until(() -> lastAttempt(id).after(lastAttemptBefore)
                && state.inboxStatus("urn:nl:utrecht:brp", id).filter("FAILED"::equals).isPresent());
        assertThat(hub.postJson("/api/admin/inbox/replay?source=urn:nl:utrecht:brp&id="
                + firstRegistered.get("id").asText(), null, admin).status()).isEqualTo(409);
        assertThat(hub.postJson("/api/admin/inbox/replay?source=urn:nl:utrecht:brp&id=no-such-event", null, admin)
                .status()).isEqualTo(404);
    }

    /** Two households; the BRP registers a BSN for the first's main person, then the same BSN for the second's. */
    private record Conflict(String second, String secondCase, String bsn, ObjectNode firstRegistered,
                            ObjectNode secondRegistered) {
    }

    private Conflict registerOneBsnForTwoPeople() {
        String first = Events.newVNumber();
        String second = Events.newVNumber();
        assertThat(hub.postEvent(Events.intake(first), admin).status()).isEqualTo(202);
        assertThat(hub.postEvent(Events.intake(second), admin).status()).isEqualTo(202);
        awaitCaseId(first);
        String secondCase = awaitCaseId(second);
        ObjectNode firstRegistered = PartnerEvents.of("nl.utrecht.brp-registered", first, today());
        String bsn = firstRegistered.get("data").get("bsn").asText();
        assertThat(hub.postEvent(firstRegistered, admin).status()).isEqualTo(202);
        await().atMost(WITHIN).until(() -> hub.cases(bsn, caseworker).json().size() == 1);
        ObjectNode secondRegistered = PartnerEvents.of("nl.utrecht.brp-registered", second, today());
        ((ObjectNode) secondRegistered.get("data")).put("bsn", bsn);
        assertThat(hub.postEvent(secondRegistered, admin).status()).isEqualTo(202);
        return new Conflict(second, secondCase, bsn, firstRegistered, secondRegistered);
    }

    private java.sql.Timestamp lastAttempt(String eventId) {
        return jdbc.queryForObject("SELECT last_attempt_at FROM hub_inbox WHERE source = ? AND event_id = ?",
                java.sql.Timestamp.class, "urn:nl:utrecht:brp", eventId);
    }

    private String awaitCaseId(String subject) {
        return await().atMost(WITHIN).until(() -> hub.cases(subject, caseworker).json(), cases -> cases.size() == 1)
                .get(0).get("caseId").asText();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    }
}
