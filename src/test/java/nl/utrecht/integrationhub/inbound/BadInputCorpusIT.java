package nl.utrecht.integrationhub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

import nl.utrecht.integrationhub.inbound.BadInputCorpus.Case;
import nl.utrecht.integrationhub.inbound.EventFuzzer.Input;
import nl.utrecht.integrationhub.platform.security.OrganisationProperties;
import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * The bad-input corpus and a sample of the fuzz inputs through the running hub: over HTTP each is
 * answered with the expected status as problem+json (for 400 naming the corpus's pointer and rule, for
 * fuzz inputs exactly the validator's violations), never 500; a slice of the corpus over JMS lands in
 * hub.inbound.dlq with its reason. None leaves a trace (inbox row, person, case, process), and the hub
 * still records and applies a valid event afterwards.
 */
@HubIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusIT extends EndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(BadInputCorpusIT.class);
    private static final int FUZZ_SAMPLE = 1_000;
    private static final String DEAD_LETTERS = "hub.inbound.dlq";
    private static final String MARKER = "itMarker";
    private static final Duration WITHIN = Duration.ofSeconds(20);
    /** Every V-number of the corpus and the fuzz bases starts so; no other test uses them. */
    private static final String CORPUS_V_NUMBERS = "0000000%";
    private static final String CORPUS_BSN = "111222333";

    @Autowired
    EventValidator validator;
    @Autowired
    OrganisationProperties organisations;
    @Autowired
    ConnectionFactory connectionFactory;

    private final Map<String, Credentials> senders = new HashMap<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void createSenders() {
        organisations.partnerGroups().forEach(group ->
                senders.put(group.id(), TestUsers.ensure(identityService, "it-bad-input-" + group.id(), group.id())));
        senders.put("source:*", TestUsers.coa(identityService));
    }

    @Test
    @Order(1)
    void everyCorpusCaseIsRefusedOverHttpWithItsReason() {
        List<Case> cases = BadInputCorpus.cases();
        List<String> wrong = new ArrayList<>();
        long started = System.nanoTime();

        for (Case badInput : cases) {
            Response answer = hub.postEvent(badInput.bodyFor(run), badInput.contentType(), sender(badInput.sender()));
            String mismatch = mismatch(answer, badInput.status(), badInput.status() == 400
                    ? Set.of(badInput.pointer() + " " + badInput.rule()) : Set.of(), false);
            if (mismatch != null) {
                wrong.add(badInput + ": " + mismatch);
            }
        }

        log.info("{} corpus cases over HTTP in {} ms", cases.size(), (System.nanoTime() - started) / 1_000_000);
        assertThat(wrong).as("corpus cases answered otherwise than expected").isEmpty();
        assertNoTrace();
    }

    @Test
    @Order(2)
    void fuzzSampleIsRefusedOverHttpExactlyAsTheValidatorRefusesIt() {
        List<ObjectNode> bases = BadInputCorpus.validBases();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        long started = System.nanoTime();

        for (Input input : new EventFuzzer(bases, FuzzInputTest.DEFAULT_SEED).inputs(FuzzInputTest.INPUTS)) {
            Set<String> expected = FuzzInputTest.judge(validator, input.body()).stream()
                    .map(v -> v.pointer() + " " + v.rule()).collect(Collectors.toCollection(TreeSet::new));
            if (expected.isEmpty()) {
                continue; // the mutation kept the event valid: sending it would record it
            }
            String source = bases.get(input.index() % bases.size()).get("source").asText();
            Response answer = hub.postEvent(input.body(), BadInputCorpus.CLOUDEVENTS_JSON, senderFor(source));
            String mismatch = mismatch(answer, 400, expected, true);
            if (mismatch != null) {
                wrong.add(input + ": " + mismatch);
            }
            if (++sent == FUZZ_SAMPLE) {
                break;
            }
        }

        log.info("{} rejected fuzz inputs over HTTP in {} ms", sent, (System.nanoTime() - started) / 1_000_000);
        assertThat(sent).isEqualTo(FUZZ_SAMPLE);
        assertThat(wrong).as("fuzz inputs answered otherwise than the validator judges them").isEmpty();
        assertNoTrace();
    }

    @Test
    @Order(3)
    void corpusSliceOverJmsLandsInTheDeadLetterQueueWithItsReason() throws JMSException {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(WITHIN.toMillis());
        List<Case> slice = new ArrayList<>();
        List<Case> validatorCases = BadInputCorpus.cases().stream().filter(Case::validatorLayer).toList();
        for (int i = 0; i < validatorCases.size(); i++) {
            if (i % 6 == 0 || validatorCases.get(i).alsoOverJms()) {
                slice.add(validatorCases.get(i));
            }
        }
        String marker = UUID.randomUUID().toString();
        for (int i = 0; i < slice.size(); i++) {
            String text = new String(slice.get(i).bodyFor(run), java.nio.charset.StandardCharsets.UTF_8);
            int number = i;
            jms.send("hub.inbound", session -> {
                TextMessage message = session.createTextMessage(text);
                message.setStringProperty(MARKER, marker + "-" + number);
                return message;
            });
        }

        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < slice.size(); i++) {
            Message deadLetter = jms.receiveSelected(DEAD_LETTERS, MARKER + " = '" + marker + "-" + i + "'");
            Case badInput = slice.get(i);
            if (deadLetter == null) {
                wrong.add(badInput + ": no dead letter within " + WITHIN);
                continue;
            }
            String reason = deadLetter.getStringProperty("hubDeadLetterReason");
            if (reason == null || !reason.contains(badInput.pointer() + " " + badInput.rule())) {
                wrong.add(badInput + ": reason " + reason);
            }
        }

        assertThat(slice).hasSizeGreaterThanOrEqualTo(40);
        assertThat(wrong).as("corpus cases over JMS without their dead letter and reason").isEmpty();
        assertNoTrace();
    }

    @Test
    @Order(4)
    void afterwardsTheHubStillRecordsAndAppliesAValidEventAndRefusesAConflictingCopy() {
        String vNumber = Events.newVNumber();
        ObjectNode intake = Events.intake(vNumber);
        String id = intake.get("id").asText();

        Response accepted = hub.postEvent(intake, TestUsers.coa(identityService));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        await().atMost(WITHIN).until(() -> state.inboxStatus(Events.SOURCE_COA, id).orElse(""), "APPLIED"::equals);
        assertThat(state.casesOfPerson(vNumber)).isEqualTo(1);

        ObjectNode conflicting = intake.deepCopy();
        Events.data(conflicting).put("givenNames", "Ander");
        Response conflict = hub.postEvent(conflicting, TestUsers.coa(identityService));

        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertThat(conflict.isProblem()).isTrue();
        assertThat(state.inboxRows(id)).isEqualTo(1);
        assertThat(String.valueOf(state.inboxRow(Events.SOURCE_COA, id).orElseThrow().get("payload")))
                .doesNotContain("Ander");
        assertThat(state.casesOfPerson(vNumber)).isEqualTo(1);
    }

    /** Why an answer is not the expected one, or null when it is. */
    private static String mismatch(Response answer, int status, Set<String> violations, boolean exactly) {
        if (answer.status() != status) {
            return "status " + answer;
        }
        if (!answer.isProblem()) {
            return "not problem+json: " + answer;
        }
        JsonNode problem = answer.json();
        if (problem.path("status").asInt() != status) {
            return "problem status " + answer;
        }
        Set<String> named = new TreeSet<>();
        problem.path("errors").forEach(error -> named.add(error.path("pointer").asText() + " "
                + error.path("rule").asText()));
        boolean ok = exactly ? named.equals(violations) : named.containsAll(violations);
        return ok ? null : "errors " + named + ", expected " + violations;
    }

    /** Nothing of any bad input was recorded: no inbox row, person, case member or process of its own. */
    private void assertNoTrace() {
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_inbox WHERE event_id LIKE 'bad-input-%' OR event_id LIKE 'fuzz-base-%'",
                Integer.class)).as("inbox rows of bad input").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hub_person WHERE v_number LIKE ? OR bsn = ?",
                Integer.class, CORPUS_V_NUMBERS, CORPUS_BSN)).as("persons of bad input").isZero();
        for (String vNumber : List.of("0000000001", "0000000002", "0000000003")) {
            assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals("vNumber", vNumber).count())
                    .as("processes of " + vNumber).isZero();
        }
    }

    private Credentials sender(String groupId) {
        Credentials credentials = senders.get(groupId);
        assertThat(credentials).as("a partner user of group " + groupId).isNotNull();
        return credentials;
    }

    private Credentials senderFor(String source) {
        return organisations.partnerGroups().stream().filter(group -> group.source().equals(source)).findFirst()
                .map(group -> senders.get(group.id())).orElseGet(() -> senders.get("source:*"));
    }
}
