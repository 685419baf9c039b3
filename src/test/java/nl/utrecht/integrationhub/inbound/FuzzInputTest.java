package nl.utrecht.integrationhub.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import nl.utrecht.integrationhub.inbound.EventFuzzer.Input;

/**
 * 10,000 deterministic fuzz inputs (valid events of every type, mutated; see {@link EventFuzzer})
 * through the validator as the HTTP edge feeds it (strictly decoded UTF-8): each is either rejected
 * with violations that all have a pointer and a rule, or, when the mutation happened to keep it
 * valid, accepted. Nothing else may happen. Another seed: {@code -Dfuzz.seed=...}; a failure names
 * the seed and the input's index, which make the input again.
 */
class FuzzInputTest {

    static final long DEFAULT_SEED = 20_260_601L;
    static final int INPUTS = 10_000;
    private static final Clock CLOCK = Clock.fixed(
            ZonedDateTime.of(2026, 6, 1, 12, 0, 0, 0, ZoneId.of("Europe/Amsterdam")).toInstant(), ZoneId.of("UTC"));

    @Test
    void everyFuzzInputIsRejectedWithPointerAndRuleOrAccepted() {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        EventValidator validator = BadInputCorpus.validator(CLOCK);
        List<Input> inputs = new EventFuzzer(BadInputCorpus.validBases(), seed).inputs(INPUTS);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> rules = new TreeMap<>();
        int accepted = 0;

        for (Input input : inputs) {
            try {
                List<Violation> violations = judge(validator, input.body());
                if (violations.isEmpty()) {
                    accepted++;
                }
                for (Violation violation : violations) {
                    if (violation.pointer() == null || !(violation.pointer().isEmpty() || violation.pointer().startsWith("/"))
                            || violation.rule() == null || violation.rule().isBlank()) {
                        failures.add(input + " -> violation without pointer or rule: " + violation);
                    }
                    rules.merge(violation.rule(), 1, Integer::sum);
                }
            } catch (RuntimeException | StackOverflowError e) {
                failures.add(input + " -> " + e + "\n    body: " + abbreviate(input.text()));
            }
        }

        System.out.printf("fuzz seed %d: %d inputs, %d rejected, %d accepted; rules %s%n", seed, inputs.size(),
                inputs.size() - accepted, accepted, rules);
        assertThat(failures).as("inputs that ended otherwise than rejected-with-reason or accepted").isEmpty();
        assertThat(inputs).hasSize(INPUTS);
        // The fuzzer must mostly break things, and in many ways, or it tests little.
        assertThat(inputs.size() - accepted).isGreaterThan(INPUTS * 3 / 4);
        assertThat(rules.keySet()).contains("json-syntax", "encoding", "type", "required", "not-allowed",
                "unknown-type", "source-not-allowed", "pattern", "enum", "format:past-date");
    }

    @Test
    void theSameSeedMakesTheSameInputs() {
        EventFuzzer fuzzer = new EventFuzzer(BadInputCorpus.validBases(), DEFAULT_SEED);

        assertThat(fuzzer.input(4711).body()).isEqualTo(fuzzer.inputs(4712).get(4711).body());
        assertThat(fuzzer.input(4711).body()).isNotEqualTo(fuzzer.input(4712).body());
    }

    /**
     * The violations of one body as the hub judges it: not UTF-8 is an "encoding" violation at the edge
     * (HttpEdge), the rest is the validator's; empty when valid.
     */
    static List<Violation> judge(EventValidator validator, byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return List.of(Violation.of("", "encoding", "the body is not valid UTF-8"));
        }
        try {
            validator.validate(text);
            return List.of();
        } catch (InvalidEventException invalid) {
            if (invalid.violations().isEmpty()) {
                throw new IllegalStateException("rejected without a violation");
            }
            return invalid.violations();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
