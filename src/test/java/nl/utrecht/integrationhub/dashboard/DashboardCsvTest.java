package nl.utrecht.integrationhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class DashboardCsvTest {

    private final String csv = DashboardCsv.render(PreparedFigures.figures());
    private final List<String> lines = Arrays.asList(csv.substring(1).split("\r\n"));

    @Test
    void isUtf8WithABomSemicolonsAndOneRowPerFigure() {
        assertThat(csv).startsWith("\uFEFFsectie;sleutel;omschrijving;waarde;eenheid\r\n").endsWith("\r\n");
        assertThat(lines).allSatisfy(line -> assertThat(fields(line)).as(line).hasSize(5));
        assertThat(lines).contains("meta;computed-at;Berekend op (Europe/Amsterdam);2026-11-29T15:24:00+01:00;tijdstip",
                "meta;small-count-threshold;Aantallen van 1 tot dit getal staan er als < 5;5;aantal",
                "deadlines;school-placement.due-soon;School binnen 3 dagen: binnen 1 dag;< 5;termijnen",
                "money;2016.note;Toelichting 2016;\"De brief noemt € 4.430; de delen tellen op tot € 4.430,24.\";tekst",
                "cases-per-phase;A;Open zaken fase A. Opvang (AZC);1234;zaken",
                "housing-quota;2017-H1.backlog;Achterstand 1e helft 2017;172;personen",
                "money;2016.expected;Verwachte inkomsten 2016;4928350,00;euro",
                "money;2016.per-housed-person;Bedrag per gehuisveste persoon 2016 (zoals in de brief);4430,00;euro",
                "money;2016.per-housed-person-part-1;Deel 1 van het bedrag per persoon 2016;1581,40;euro",
                "money;2016.per-housed-person-part-2;Deel 2 van het bedrag per persoon 2016;2848,84;euro",
                "money;2016.per-housed-person-parts-sum;Som van de delen 2016;4430,24;euro",
                "handover;average-guidance-days;Gemiddelde duur begeleiding (fase D);547,5;dagen");
    }

    @Test
    void aCountOfThreeIsLessThanFiveAndZeroStaysZero() {
        assertThat(lines).contains("cases-per-phase;C;Open zaken fase C. Vestiging;< 5;zaken",
                "cases-per-phase;D;Open zaken fase D. Begeleiding en participatie;0;zaken",
                "work-outflow;internship;Uitstroom Stage;0;personen",
                "housing-quota;2017-H2.housed;Gehuisvest 2e helft 2017;< 5;personen");
        for (long n = 1; n <= 4; n++) {
            assertThat(DashboardCsv.render(PreparedFigures.figures(5, n))).isEqualTo(csv);
        }
        assertThat(DashboardCsv.render(PreparedFigures.figures(10, 7)))
                .contains("cases-per-phase;C;Open zaken fase C. Vestiging;< 10;zaken");
    }

    @Test
    void withholdsWhatTheCsvWouldOtherwiseGiveBack() {
        assertThat(lines).contains("housing-quota;2017-H2.backlog;Achterstand 2e helft 2017;afgeschermd;personen",
                "housing-quota;2018-H1.carried-over;Overloop uit eerdere halfjaren 1e helft 2018;afgeschermd;personen",
                "housing-quota;2018-H1.backlog;Achterstand 1e helft 2018;afgeschermd;personen",
                "money;2017.housed-persons;Personen gehuisvest in 2017;afgeschermd;personen",
                "money;2017.expected;Verwachte inkomsten 2017;afgeschermd;euro",
                "civic-integration;terms-ending-soon;Inburgeringstermijnen die binnen 6 maanden aflopen;< 5;personen");
        assertThat(csv).doesNotContain(";303;").doesNotContain("1816290").doesNotContain(";419;").doesNotContain(";519;");
    }

    /** The fields of one line: separated by semicolons, a quoted field may hold them ("" is a quote). */
    private static List<String> fields(String line) {
        List<String> fields = new java.util.ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    @Test
    void quotesSeparatorsAndDisarmsFormulas() {
        assertThat(DashboardCsv.field("a;b")).isEqualTo("\"a;b\"");
        assertThat(DashboardCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(DashboardCsv.field("=SUM(A1)")).isEqualTo("'=SUM(A1)");
        assertThat(DashboardCsv.field("@cmd")).isEqualTo("'@cmd");
        assertThat(DashboardCsv.field("-12")).isEqualTo("-12");
        assertThat(DashboardCsv.field("< 5")).isEqualTo("< 5");
    }
}
