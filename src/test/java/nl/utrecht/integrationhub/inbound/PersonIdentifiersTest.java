package nl.utrecht.integrationhub.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** V-numbers, BSNs (11-test) and masking. Every number here is made up. */
class PersonIdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"999999990", "111222333", "123456782"})
    void acceptsBsnPassingElevenTest(String bsn) {
        assertThat(PersonIdentifiers.isBsn(bsn)).isTrue();
    }

    @Test
    void rejectsBsnFailingElevenTest() {
        assertThat(PersonIdentifiers.isBsn("123456789")).isFalse();
        assertThat(PersonIdentifiers.isBsn("999999991")).isFalse();
    }

    @Test
    void rejectsAllZeroBsnAlthoughItsSumIsZero() {
        assertThat(PersonIdentifiers.isBsn("000000000")).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"99999999", "9999999900", "99999999O", "99999999a", " 999999990", "999999990 ",
            "999-99-990", "+99999999", "٩٩٩٩٩٩٩٩٠"})
    void rejectsBsnOfWrongLengthOrWithOtherThanAsciiDigits(String value) {
        assertThat(PersonIdentifiers.isBsn(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890", "0000000000", "9999999999"})
    void acceptsVNumberOfTenDigits(String vNumber) {
        assertThat(PersonIdentifiers.isVNumber(vNumber)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"123456789", "12345678901", "123456789O", "12345 67890", "1234567890\n",
            "V123456789", "١٢٣٤٥٦٧٨٩٠"})
    void rejectsVNumberOfWrongLengthOrWithOtherThanAsciiDigits(String value) {
        assertThat(PersonIdentifiers.isVNumber(value)).isFalse();
    }

    @Test
    void aBsnIsNoVNumberAndAVNumberIsNoBsn() {
        assertThat(PersonIdentifiers.isVNumber("999999990")).isFalse();
        assertThat(PersonIdentifiers.isBsn("1234567890")).isFalse();
    }

    @Test
    void masksBsnAndVNumberToKindAndLastTwoDigits() {
        assertThat(PersonIdentifiers.masked("999999990")).isEqualTo("bsn:*******90");
        assertThat(PersonIdentifiers.masked("1234567890")).isEqualTo("v:*******90");
        assertThat(PersonIdentifiers.masked("123456789")).isEqualTo("id:*******89");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"7", "42", "123", "999999990", "111222333", "1234567890", "123456789012345",
            "12345678901234567890", "ab1234cd56"})
    void maskedNeverShowsMoreThanTheLastTwoDigits(String value) {
        String masked = PersonIdentifiers.masked(value);

        long digitsShown = masked.chars().filter(Character::isDigit).count();
        assertThat(digitsShown).isLessThanOrEqualTo(2);
        if (digitsShown > 0) {
            assertThat(masked).endsWith(value.substring(value.length() - 2));
        }
    }

    @Test
    void masksValuesTooShortToHideAnythingCompletely() {
        assertThat(PersonIdentifiers.masked(null)).isEqualTo("***");
        assertThat(PersonIdentifiers.masked("12")).isEqualTo("***");
    }
}
