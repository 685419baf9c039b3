package nl.utrecht.integrationhub.dashboard;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;

import nl.utrecht.integrationhub.dashboard.DashboardFigures.CivicIntegration;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.Count;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.DeadlineKind;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.Handover;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MoneyYear;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MonthFlow;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.QuotaPeriod;

/**
 * The dashboard's figures as CSV for the quarterly report (docs/dashboard.md, "CSV export"): one row per
 * figure, {@code sectie;sleutel;omschrijving;waarde;eenheid}, separated by semicolons and preceded by a
 * UTF-8 byte-order mark, as Dutch Excel opens it without an import wizard. Counts are digits only (1234),
 * amounts have a decimal comma and no grouping (4430,24); small counts and the figures derived from them
 * follow {@link SmallCounts}, exactly as on the page.
 */
final class DashboardCsv {

    static final String BOM = "\uFEFF";
    static final String HEADER = "sectie;sleutel;omschrijving;waarde;eenheid";
    private static final String EOL = "\r\n";

    private DashboardCsv() {
    }

    static String render(DashboardFigures figures) {
        SmallCounts small = SmallCounts.of(figures);
        StringBuilder csv = new StringBuilder(16 * 1024).append(BOM).append(HEADER).append(EOL);
        row(csv, "meta", "computed-at", "Berekend op (Europe/Amsterdam)",
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(figures.computedAt().atZone(DutchFormat.AMSTERDAM)), "tijdstip");
        row(csv, "meta", "small-count-threshold", "Aantallen van 1 tot dit getal staan er als < " + small.threshold(),
                Integer.toString(small.threshold()), "aantal");

        List<QuotaPeriod> quotaPeriods = figures.housingQuota();
        for (int i = 0; i < quotaPeriods.size(); i++) {
            QuotaPeriod p = quotaPeriods.get(i);
            String k = p.period() + ".";
            row(csv, "housing-quota", k + "target", "Taakstelling " + p.label(), Long.toString(p.target()), "personen");
            row(csv, "housing-quota", k + "carried-over", "Overloop uit eerdere halfjaren " + p.label(),
                    small.withholdsCarriedOver(quotaPeriods, i) ? SmallCounts.WITHHELD : Long.toString(p.carriedOver()), "personen");
            row(csv, "housing-quota", k + "housed", "Gehuisvest " + p.label(), small.cell(p.housed()), "personen");
            row(csv, "housing-quota", k + "backlog", "Achterstand " + p.label(),
                    small.withholdsBacklog(quotaPeriods, i) ? SmallCounts.WITHHELD : Long.toString(p.backlog()), "personen");
        }
        counts(csv, "cases-per-phase", "", "Open zaken fase ", figures.casesPerPhase(), small, "zaken");
        for (MonthFlow month : figures.phaseFlow()) {
            for (Count c : month.entered()) {
                row(csv, "phase-flow", month.month() + "." + c.key(), "Zaken die fase " + c.key() + " ingingen in "
                        + month.month(), small.cell(c.value()), "zaken");
            }
        }
        for (DeadlineKind d : figures.deadlines()) {
            row(csv, "deadlines", d.key() + ".open", d.label() + ": open", small.cell(d.open()), "termijnen");
            row(csv, "deadlines", d.key() + ".due-soon", d.label() + ": binnen " + DutchFormat.days(d.dueSoonWindowDays()),
                    small.cell(d.dueSoon()), "termijnen");
            row(csv, "deadlines", d.key() + ".overdue", d.label() + ": verlopen", small.cell(d.overdue()), "termijnen");
        }
        counts(csv, "work-trajectories", "", "Deelnemers traject ", figures.work().participantsPerTrajectory(), small, "personen");
        counts(csv, "work-outflow", "", "Uitstroom ", figures.work().outflow(), small, "personen");

        CivicIntegration civic = figures.civicIntegration();
        counts(csv, "civic-language-levels", "", "Taalniveau ", civic.languageLevels(), small, "personen");
        counts(csv, "civic-exam-parts", "", "Examenonderdeel gehaald: ", civic.examPartsPassed(), small, "onderdelen");
        row(csv, "civic-integration", "exams-passed", "Inburgeringsexamens gehaald", small.cell(civic.examsPassed()), "personen");
        row(csv, "civic-integration", "terms-open", "Lopende inburgeringstermijnen", small.cell(civic.termsOpen()), "personen");
        row(csv, "civic-integration", "terms-ending-soon", "Inburgeringstermijnen die binnen 6 maanden aflopen",
                small.withholdsTermsEndingSoon(civic) && !small.hides(civic.termsEndingSoon()) ? SmallCounts.WITHHELD
                        : small.cell(civic.termsEndingSoon()), "personen");

        Handover h = figures.handover();
        row(csv, "handover", "done", "Overdrachten aan het buurtteam afgerond", small.cell(h.handoversDone()), "huishoudens");
        row(csv, "handover", "open", "Overdrachten aan het buurtteam lopend", small.cell(h.handoversOpen()), "huishoudens");
        row(csv, "handover", "average-guidance-days", "Gemiddelde duur begeleiding (fase D)",
                h.averageGuidanceDays() == null ? "" : small.withholdsAverageGuidance(h) ? SmallCounts.WITHHELD
                        : DutchFormat.plainDecimal(h.averageGuidanceDays()), "dagen");

        List<QuotaPeriod> quota = figures.housingQuota();
        for (MoneyYear y : figures.money()) {
            String k = y.year() + ".";
            row(csv, "money", k + "housed-adults", "Volwassenen gehuisvest in " + y.year(),
                    small.withholdsAdults(y) && !small.hides(y.housedAdults()) ? SmallCounts.WITHHELD
                            : small.cell(y.housedAdults()), "personen");
            row(csv, "money", k + "housed-persons", "Personen gehuisvest in " + y.year(),
                    small.withholdsPersons(y, quota) && !small.hides(y.housedPersons()) ? SmallCounts.WITHHELD
                            : small.cell(y.housedPersons()), "personen");
            if (y.perHousedAdult() != null) {
                row(csv, "money", k + "per-housed-adult", "Bedrag per gehuisveste volwassene " + y.year(),
                        DutchFormat.plainEuro(y.perHousedAdult()), "euro");
            }
            if (y.perHousedPerson() != null) {
                row(csv, "money", k + "per-housed-person", "Bedrag per gehuisveste persoon " + y.year() + " (zoals in de brief)",
                        DutchFormat.plainEuro(y.perHousedPerson()), "euro");
            }
            List<BigDecimal> parts = y.perHousedPersonParts() == null ? List.of() : y.perHousedPersonParts();
            for (int i = 0; i < parts.size(); i++) {
                row(csv, "money", k + "per-housed-person-part-" + (i + 1), "Deel " + (i + 1) + " van het bedrag per persoon "
                        + y.year(), DutchFormat.plainEuro(parts.get(i)), "euro");
            }
            if (!parts.isEmpty()) {
                row(csv, "money", k + "per-housed-person-parts-sum", "Som van de delen " + y.year(),
                        DutchFormat.plainEuro(parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add)), "euro");
            }
            row(csv, "money", k + "expected", "Verwachte inkomsten " + y.year(),
                    small.withholdsExpected(y, quota) ? SmallCounts.WITHHELD : DutchFormat.plainEuro(y.expected()), "euro");
            if (y.note() != null && !y.note().isBlank()) {
                row(csv, "money", k + "note", "Toelichting " + y.year(), y.note(), "tekst");
            }
        }
        return csv.toString();
    }

    private static void counts(StringBuilder csv, String section, String keyPrefix, String labelPrefix, List<Count> counts,
                               SmallCounts small, String unit) {
        for (Count c : counts) {
            row(csv, section, keyPrefix + c.key(), labelPrefix + c.label(), small.cell(c.value()), unit);
        }
    }

    private static void row(StringBuilder csv, String section, String key, String label, String value, String unit) {
        csv.append(field(section)).append(';').append(field(key)).append(';').append(field(label)).append(';')
                .append(field(value)).append(';').append(field(unit)).append(EOL);
    }

    /**
     * One field: quoted when it holds a separator, quote or line break; text that a spreadsheet would take
     * for a formula (=, +, @, or - not followed by a digit) gets a leading apostrophe.
     */
    static String field(String text) {
        String value = text == null ? "" : text;
        if (!value.isEmpty() && (value.charAt(0) == '=' || value.charAt(0) == '+' || value.charAt(0) == '@'
                || (value.charAt(0) == '-' && (value.length() == 1 || !Character.isDigit(value.charAt(1)))))) {
            value = "'" + value;
        }
        if (value.indexOf(';') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
