package nl.utrecht.integrationhub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.utrecht.integrationhub.outbound.Outbox;
import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.PartnerEvents;
import nl.utrecht.integrationhub.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Medical hand-over notices carry no medical content, in either direction: a field the notice's
 * schema does not list (here "diagnosis") is refused with 400 naming the field, and its value is
 * neither stored (inbox, outbox, message log) nor logged nor echoed back.
 */
@HubIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MedicalNoticeIT extends EndToEndTest {

    private static final String CONFIRMED = "nl.gca.medical-record-handover-confirmed";
    private static final String REQUESTED = "nl.utrecht.hub.medical-record-handover-requested";

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ObjectMapper objectMapper;

    @Test
    void aConfirmationWithMedicalContentIsRefusedAndLeavesNoTrace(CapturedOutput output) {
        Credentials gca = TestUsers.ensure(identityService, "it-gca-system", "partner-gca");
        String marker = "DIAGNOSE-MARKER-" + UUID.randomUUID();
        ObjectNode event = PartnerEvents.of(CONFIRMED, Events.newVNumber(), Events.today());
        ((ObjectNode) event.get("data")).put("diagnosis", marker);

        Response response = hub.postEvent(event, gca);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("errors").findValuesAsText("pointer")).contains("/data/diagnosis");
        assertThat(response.json().path("errors").findValuesAsText("rule")).contains("not-allowed");
        assertThat(response.body()).doesNotContain(marker);
        assertThat(state.inboxRows(event.get("id").asText())).isZero();
        assertNowhereInTheDatabase(marker);
        assertThat(output.getAll()).doesNotContain(marker);
    }

    @Test
    void theSameNoticeWithoutTheFieldIsAccepted() {
        Credentials gca = TestUsers.ensure(identityService, "it-gca-system", "partner-gca");
        ObjectNode event = PartnerEvents.of(CONFIRMED, Events.newVNumber(), Events.today());

        assertThat(hub.postEvent(event, gca).status()).isEqualTo(202);
        assertThat(state.inboxRows(event.get("id").asText())).isEqualTo(1);
    }

    @Test
    void aRequestWithMedicalContentIsNeverWrittenToTheOutbox(CapturedOutput output) {
        String marker = "MEDICATIE-MARKER-" + UUID.randomUUID();
        String caseId = "HH-MED-" + Events.newVNumber();
        ObjectNode data = objectMapper.createObjectNode();
        data.put("gpPractice", "Huisartsenpraktijk Testlaan");
        data.put("consentReference", "TOESTEMMING-TEST-0002");
        data.put("requestedOn", Events.today().toString());
        data.put("medication", marker);

        assertThatThrownBy(() -> transactions.executeWithoutResult(status ->
                outbox.write(new Outbox.Draft(REQUESTED, caseId, Events.newVNumber(), data, null, "SendTask_Test"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/data/medication")
                .hasMessageNotContaining(marker);
        assertThat(outbox.list(null, caseId, 10)).isEmpty();
        assertNowhereInTheDatabase(marker);
        assertThat(output.getAll()).doesNotContain(marker);
    }

    /** Every text column of the hub's own tables and the engine's variable and history tables. */
    private void assertNowhereInTheDatabase(String marker) {
        Map<String, List<String>> textColumns = Map.of(
                "hub_inbox", List.of("payload", "outcome", "last_error"),
                "hub_outbox", List.of("payload", "last_error"),
                "hub_message_hop", List.of("detail"),
                "act_ru_variable", List.of("text_", "text2_"),
                "act_hi_varinst", List.of("text_", "text2_"));
        textColumns.forEach((table, columns) -> columns.forEach(column -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + table + " WHERE " + column + " LIKE ?", Integer.class, "%" + marker + "%"))
                .as("%s.%s", table, column).isZero()));
    }
}
