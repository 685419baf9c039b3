package nl.utrecht.integrationhub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.utrecht.integrationhub.inbound.PersonIdentifiers;

class DemoBsnTest {

    @Test
    void everyPersonGetsAnObviouslyFakeBsnOfItsOwnThatPassesTheElevenTest() {
        Set<String> seen = new HashSet<>();
        for (long person = 0; person < 100_000; person++) {
            String bsn = DemoBsn.forPerson(person);
            assertThat(bsn).hasSize(9).startsWith("99");
            assertThat(DemoBsn.passesElevenTest(bsn)).as(bsn).isTrue();
            assertThat(seen.add(bsn)).as("unique: %s", bsn).isTrue();
        }
        assertThat(PersonIdentifiers.isBsn(DemoBsn.forPerson(42))).isTrue();
        assertThat(DemoBsn.forPerson(42)).isEqualTo(DemoBsn.forPerson(42));
    }

    @Test
    void theElevenTestRefusesAChangedDigit() {
        assertThat(DemoBsn.passesElevenTest("111222333")).isTrue();
        assertThat(DemoBsn.passesElevenTest("111222334")).isFalse();
        assertThat(DemoBsn.passesElevenTest("11122233")).isFalse();
    }
}
