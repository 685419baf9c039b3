package nl.utrecht.integrationhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import nl.utrecht.integrationhub.dashboard.DashboardFigures.Count;

class DashboardPageTest {

    private final String page = DashboardPage.render(PreparedFigures.figures());
    private final PageReader reader = new PageReader(page);

    @Test
    void showsTheKnownFiguresInDutchNotation() {
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<html lang=\"nl\">");
        assertThat(cell("phases", "A")).isEqualTo("1.234");
        assertThat(cell("phases", "B")).isEqualTo("42");
        assertThat(page).contains("Berekend op <time id=\"computed-at\" datetime=\"2026-11-29T14:24:00Z\">"
                + "29 november 2026 om 15:24</time>");
        // 2016 in full: 500 × € 2.370 + 845 × € 4.430.
        assertThat(row("money", "2016")).containsExactly("2016", "500", "845", "€ 2.370,00", "€ 4.430", "€ 4.928.350,00");
        assertThat(page).contains("<p class=\"letter\">2016 en 2017: € 4.430 per gehuisveste statushouder (elke leeftijd); "
                + "delen € 1.581,40 + € 2.848,84 = € 4.430,24. De brief noemt € 4.430; de delen tellen op tot € 4.430,24.</p>");
        assertThat(row("housing", "2017-H1")).containsExactly("1e helft 2017", "256", "216", "300", "172");
        assertThat(tile("guidance-average")).isEqualTo("547,5 dagen");
        assertThat(tile("exams-passed")).isEqualTo("6");
        assertThat(row("deadlines", "participation-declaration")).containsExactly(
                "Participatieverklaring binnen 12 maanden (binnenkort: ≤ 30 dagen)", "40", "6", "< 5");
    }

    @Test
    void aCountOfThreeIsShownAsLessThanFiveInTablesChartsAndTitles() {
        assertThat(cell("phases", "C")).isEqualTo("< 5");
        String chart = svg("chart-phases");
        assertThat(chart).contains("<title>C: &lt; 5</title>").doesNotContain("C: 3<");
        assertThat(chart).containsPattern("<rect class=\"hidden\"[^>]*fill=\"url\\(#chart-phases-hatch\\)\"><title>C: &lt; 5");
        assertThat(row("work-trajectories", "vip-project")).containsExactly("VIP-project", "< 5");
        assertThat(svg("chart-trajectories")).contains(">&lt; 5</text>");
    }

    @Test
    void aHiddenCountsBarIsTheSameWhateverItsSize() {
        for (long n = 1; n <= 4; n++) {
            assertThat(DashboardPage.render(PreparedFigures.figures(5, n)))
                    .as("the whole page with %d open cases in phase C", n).isEqualTo(page);
        }
        assertThat(DashboardPage.render(PreparedFigures.figures(5, 5))).isNotEqualTo(page);
    }

    @Test
    void zeroStaysZeroAndDrawsNoBar() {
        assertThat(cell("phases", "D")).isEqualTo("0");
        assertThat(svg("chart-phases")).doesNotContain("<title>D:");
        assertThat(row("work-outflow", "internship")).containsExactly("Stage", "0");
    }

    @Test
    void theThresholdIsTheFiguresOwn() {
        String ten = DashboardPage.render(PreparedFigures.figures(10, 7));
        assertThat(ten).contains("<td class=\"n\">&lt; 10</td>").doesNotContain("&lt; 5<");
        assertThat(ten).contains("Aantallen van 1 tot 10 staan er als “&lt; 10”");
    }

    @Test
    void withholdsFiguresThatWouldGiveAHiddenCountBack() {
        assertThat(row("housing", "2017-H2")).containsExactly("2e helft 2017", "250", "172", "< 5", "afgeschermd");
        // 2018-H1 carries 2017-H2's backlog over: 419 and 519 would give the hidden 3 back.
        assertThat(row("housing", "2018-H1")).containsExactly("1e helft 2018", "200", "afgeschermd", "100", "afgeschermd");
        assertThat(page).doesNotContain(">519<");
        // 2017's persons would be 300 + the hidden 3; its money is persons × € 4.430.
        assertThat(row("money", "2017")).containsExactly("2017", "200", "afgeschermd", "€ 2.370,00", "€ 4.430", "afgeschermd");
        assertThat(page).doesNotContain("303").doesNotContain("1.816.290").doesNotContain("419");
        assertThat(tile("terms-ending")).isEqualTo("< 5");
    }

    @Test
    void isSelfContainedWithoutScriptAndItsStyleMatchesThePolicysHash() {
        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase(" src=")
                .doesNotContainIgnoringCase("<link").doesNotContain(" style=");
        assertThat(page.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://").doesNotContain("https://");
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page);
        assertThat(style.find()).isTrue();
        assertThat(DashboardPage.CONTENT_SECURITY_POLICY).startsWith("default-src 'none'; ")
                .contains("style-src '" + DashboardPage.sha256(style.group(1)) + "'").contains("img-src data:");
        assertThat(page).contains("href=\"/dashboard/export.csv\"");
    }

    @Test
    void everyChartHasATitleADescriptionAndATableBesideIt() {
        Matcher svg = Pattern.compile("<svg [^>]*id=\"([^\"]+)\"[^>]*role=\"img\" aria-labelledby=\"\\1-title \\1-desc\">"
                + "<title id=\"\\1-title\">[^<]+</title><desc id=\"\\1-desc\">[^<]+</desc>").matcher(page);
        int charts = 0;
        while (svg.find()) {
            charts++;
            assertThat(page.substring(svg.end())).as(svg.group(1)).contains("<table>");
        }
        assertThat(charts).isEqualTo(9);
        assertThat(page.split("<svg ", -1)).hasSize(charts + 1);
    }

    @Test
    void escapesLabels() {
        DashboardFigures figures = PreparedFigures.figures();
        DashboardFigures odd = new DashboardFigures(figures.computedAt(), 5, figures.housingQuota(),
                List.of(new Count("A", "<b>A</b> & \"B\"", 10)), List.of(), List.of(), figures.work(),
                figures.civicIntegration(), figures.handover(), List.of());
        assertThat(DashboardPage.render(odd)).contains("&lt;b&gt;A&lt;/b&gt; &amp; &quot;B&quot;").doesNotContain("<b>A");
    }

    @Test
    void fitsLongLabelsBesideBarsAndKeepsThemWholeInTitleAndTable() {
        assertThat(SvgCharts.fit("Kennis van de Nederlandse maatschappij (KNM)", 26)).isEqualTo("KNM");
        assertThat(SvgCharts.fit("Werkervaringsplaats", 26)).isEqualTo("Werkervaringsplaats");
        assertThat(SvgCharts.fit("Een heel lang label zonder afkorting erin", 26)).isEqualTo("Een heel lang label zonde…");
    }

    @Test
    void labelsMonthsAndDeadlinesShortlyUnderTheirColumns() {
        assertThat(DashboardPage.monthLabel("2025-12", true)).isEqualTo("dec ’25");
        assertThat(DashboardPage.monthLabel("2026-01", false)).isEqualTo("jan ’26");
        assertThat(DashboardPage.monthLabel("2026-11", false)).isEqualTo("nov");
        assertThat(DashboardPage.shortLabel("School binnen 3 dagen")).isEqualTo("School");
        assertThat(DashboardPage.shortLabel("Inburgeringstermijn (3 jaar)")).isEqualTo("Inburgeringstermijn");
        assertThat(DashboardPage.shortLabel("Warme overdracht aan het buurtteam")).isEqualTo("Warme overdracht");
        assertThat(svg("chart-flow")).contains(">okt ’26</text>").contains(">nov</text>");
    }

    private List<String> row(String section, String key) {
        return reader.row(section, key);
    }

    private String cell(String section, String key) {
        return reader.cell(section, key);
    }

    private String svg(String id) {
        return reader.svg(id);
    }

    private String tile(String id) {
        return reader.tile(id);
    }
}
