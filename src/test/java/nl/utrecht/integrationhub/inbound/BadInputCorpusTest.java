package nl.utrecht.integrationhub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nl.utrecht.integrationhub.inbound.BadInputCorpus.Case;

/**
 * Every case of the bad-input corpus that the validator alone can judge is rejected with the
 * pointer and rule the corpus names, and with nothing but an {@link InvalidEventException}. The corpus
 * itself is checked too: large enough, every event type has its share, its valid bases are valid.
 */
class BadInputCorpusTest {

    /** The corpus's dates: valid ones are in 2024, future ones in 2999. */
    private static final Clock CLOCK = Clock.fixed(
            ZonedDateTime.of(2026, 6, 1, 12, 0, 0, 0, ZoneId.of("Europe/Amsterdam")).toInstant(), ZoneId.of("UTC"));

    private static EventValidator validator;

    @BeforeAll
    static void createValidator() {
        validator = BadInputCorpus.validator(CLOCK);
    }

    static Stream<Case> validatorCases() {
        return BadInputCorpus.cases().stream().filter(Case::validatorLayer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validatorCases")
    void rejectsWithTheExpectedPointerAndRule(Case badInput) {
        Throwable thrown = catchThrowable(() -> validator.validate(badInput.text()));

        assertThat(thrown).as(badInput.toString()).isInstanceOf(InvalidEventException.class);
        List<Violation> violations = ((InvalidEventException) thrown).violations();
        assertThat(violations).as(badInput.toString())
                .extracting(v -> v.pointer() + " " + v.rule())
                .contains(badInput.pointer() + " " + badInput.rule());
        assertThat(violations).allSatisfy(v -> {
            assertThat(v.pointer()).satisfiesAnyOf(p -> assertThat(p).isEmpty(), p -> assertThat(p).startsWith("/"));
            assertThat(v.rule()).isNotBlank();
        });
    }

    static Stream<Case> encodingCases() {
        return BadInputCorpus.cases().stream().filter(c -> "encoding".equals(c.rule()));
    }

    /** What the HTTP edge decodes strictly (see {@link FuzzInputTest#judge}) is no UTF-8 at all. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("encodingCases")
    void bodiesOfTheEncodingCasesAreNoUtf8(Case badInput) {
        assertThat(FuzzInputTest.judge(validator, badInput.body()))
                .extracting(v -> v.pointer() + " " + v.rule()).containsExactly(" encoding");
    }

    @Test
    void corpusHasAtLeast200CasesAndEveryEventTypeItsShare() {
        List<Case> cases = BadInputCorpus.cases();
        Set<String> types = BadInputCorpus.validBases().stream().map(e -> e.get("type").asText())
                .collect(Collectors.toSet());
        Map<String, Long> perType = cases.stream().filter(Case::validatorLayer)
                .flatMap(c -> types.stream().filter(t -> c.text().contains("\"" + t + "\"")))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        assertThat(cases.stream().map(Case::name).distinct()).as("case names are unique").hasSize(cases.size());
        assertThat(types).as("every type of config/hub-events.yaml has a valid base")
                .isEqualTo(BadInputCorpus.catalog().eventTypes().stream().map(EventTypeCatalog.EventType::type)
                        .collect(Collectors.toSet()));
        assertThat(perType).as("bad cases per event type").hasSize(types.size())
                .allSatisfy((type, count) -> assertThat(count).as(type).isGreaterThanOrEqualTo(6));
        assertThat(cases).extracting(Case::status).contains(400, 403, 413, 415);
    }

    @Test
    void theValidBasesTheCorpusStartsFromAreValid() {
        for (ObjectNode base : BadInputCorpus.validBases()) {
            assertThat(validator.validate(base.toString())).as(base.get("type").asText()).isEqualTo(base);
        }
    }
}
