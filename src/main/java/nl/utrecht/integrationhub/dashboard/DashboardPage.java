package nl.utrecht.integrationhub.dashboard;

import static nl.utrecht.integrationhub.dashboard.SvgCharts.esc;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import nl.utrecht.integrationhub.dashboard.DashboardFigures.CivicIntegration;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.Count;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.DeadlineKind;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.Handover;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MoneyYear;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.MonthFlow;
import nl.utrecht.integrationhub.dashboard.DashboardFigures.QuotaPeriod;
import nl.utrecht.integrationhub.dashboard.SvgCharts.Bar;
import nl.utrecht.integrationhub.dashboard.SvgCharts.Series;

/**
 * The dashboard as one self-contained HTML page in Dutch: the style sheet inline (allowed by its hash in
 * the Content-Security-Policy, {@link #CONTENT_SECURITY_POLICY}), charts as inline SVG, no script, no
 * external resource. Only aggregates; small counts through {@link SmallCounts}. Pure: figures in, text out.
 */
final class DashboardPage {

    static final String CSS = """
            :root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--bg:#f5f7fa;--card:#fff;--accent:#c8102e}
            *{box-sizing:border-box}
            body{margin:0;font-family:"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg);line-height:1.45}
            header{background:var(--card);border-bottom:4px solid var(--accent);padding:1.2rem 2rem}
            header h1{margin:0 0 .3rem;font-size:1.6rem}
            header p{margin:.2rem 0;color:var(--muted)}
            header a{color:#0b4f8a}
            main{padding:1rem 2rem 3rem;display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,520px),1fr));gap:1.2rem}
            section{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:1rem 1.2rem}
            section.wide{grid-column:1/-1}
            h2{font-size:1.2rem;margin:.1rem 0 .6rem}
            h3{font-size:1rem;margin:1rem 0 .4rem;color:var(--muted)}
            .pair{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;align-items:start}
            .pair.money{grid-template-columns:minmax(0,2fr) minmax(0,3fr)}
            .scroll{overflow-x:auto}
            svg.chart{width:100%;height:auto;display:block}
            svg .label,svg .legend{font-size:12px;fill:var(--ink)}
            svg .axis{font-size:11px;fill:var(--muted)}
            svg .value{font-size:12px;font-weight:600;fill:var(--ink)}
            svg .inbar{font-size:11px;fill:#fff;font-weight:600}
            svg .grid{stroke:var(--line);stroke-width:1}
            svg .baseline{stroke:var(--muted);stroke-width:1}
            svg .s1{fill:#0b4f8a}svg .s2{fill:#c8102e}svg .s3{fill:#3e8e5e}svg .s4{fill:#e0a100}svg .s5{fill:#7b3f98}svg .s6{fill:#52606d}
            svg .hidden{stroke:#52606d;stroke-width:1}
            svg .hatch-bg{fill:#e4e7eb}svg .hatch-line{stroke:#7b8794;stroke-width:2}
            table{border-collapse:collapse;width:100%;font-size:.9rem}
            caption{text-align:left;font-weight:600;padding:.2rem 0 .4rem}
            th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .tiles{display:flex;flex-wrap:wrap;gap:.8rem;margin:.4rem 0 .8rem}
            .tile{flex:1 1 150px;border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;background:var(--bg)}
            .tile .big{display:block;font-size:1.6rem;font-weight:700}
            .tile .what{color:var(--muted);font-size:.85rem}
            .note{color:var(--muted);font-size:.85rem}
            .letter{border-left:4px solid var(--accent);padding:.4rem .8rem;background:var(--bg);margin:.6rem 0}
            footer{padding:0 2rem 2rem;color:var(--muted);font-size:.85rem}
            @media (max-width:700px){main{grid-template-columns:1fr;padding:1rem}.pair{grid-template-columns:1fr}}
            @media print{body{background:#fff}main{display:block}section{break-inside:avoid;margin-bottom:1rem}header a{display:none}}
            """;

    /** The page's policy: nothing from anywhere, the one style block by its hash, images only inline. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(CSS)
            + "'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static final String CSV_LINK = "/dashboard/export.csv";

    private static final List<Series> PHASES = List.of(new Series("A", "s1"), new Series("B", "s2"),
            new Series("C", "s3"), new Series("D", "s4"), new Series("E", "s5"));

    private DashboardPage() {
    }

    static String render(DashboardFigures figures) {
        SmallCounts small = SmallCounts.of(figures);
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Monitoring integratieroute – Integratiehub Utrecht</title>")
                .append("<style>").append(CSS).append("</style></head><body>");
        html.append("<header><h1>Monitoring integratieroute</h1>")
                .append("<p>Utrechtse integratie-aanpak: taakstelling, zaken per fase, termijnen, werk, inburgering, ")
                .append("overdrachten en middelen. Alleen totalen: geen namen, geen V-nummers, geen zaaknummers.</p>")
                .append("<p>Berekend op <time id=\"computed-at\" datetime=\"").append(figures.computedAt()).append("\">")
                .append(esc(DutchFormat.time(figures.computedAt()))).append("</time>. ")
                .append("Aantallen van 1 tot ").append(small.threshold()).append(" staan er als “")
                .append(esc(small.hiddenText())).append("”, zodat niemand herkenbaar is. ")
                .append("<a id=\"csv-export\" href=\"").append(CSV_LINK)
                .append("\" download>Cijfers downloaden als CSV (kwartaalrapportage)</a></p></header><main>");
        housing(html, figures, small);
        phases(html, figures, small);
        deadlines(html, figures, small);
        flow(html, figures, small);
        work(html, figures, small);
        civic(html, figures.civicIntegration(), small);
        handover(html, figures.handover(), small);
        money(html, figures, small);
        html.append("</main><footer>Bron: de procesengine en de eigen tabellen van de integratiehub. ")
                .append("“").append(esc(SmallCounts.WITHHELD)).append("”: een afgeleid cijfer (achterstand, bedrag, ")
                .append("gemiddelde) dat een klein aantal zou verraden, wordt niet getoond.</footer></body></html>\n");
        return html.toString();
    }

    private static void housing(StringBuilder html, DashboardFigures figures, SmallCounts small) {
        List<QuotaPeriod> quota = figures.housingQuota();
        List<String> periods = quota.stream().map(QuotaPeriod::label).toList();
        long[][] values = new long[quota.size()][];
        for (int i = 0; i < quota.size(); i++) {
            QuotaPeriod p = quota.get(i);
            values[i] = new long[] {p.housed(), small.withholdsBacklog(quota, i) ? 0 : p.backlog()};
        }
        html.append("<section class=\"wide\" id=\"housing\"><h2>Huisvesting: taakstelling en achterstand</h2><div class=\"pair\">");
        html.append(SvgCharts.columns("chart-housing", "Taakstelling per halfjaar",
                "Per halfjaar het aantal gehuisveste statushouders en de achterstand op de taakstelling (gestapeld).",
                periods, List.of(new Series("Gehuisvest", "s1"), new Series("Achterstand", "s2")), values, small));
        html.append("<table><caption>Taakstelling per halfjaar</caption><thead><tr><th>Halfjaar</th>")
                .append("<th class=\"n\">Taakstelling</th><th class=\"n\">Overloop</th><th class=\"n\">Gehuisvest</th>")
                .append("<th class=\"n\">Achterstand</th></tr></thead><tbody>");
        for (int i = 0; i < quota.size(); i++) {
            QuotaPeriod p = quota.get(i);
            html.append("<tr data-key=\"").append(esc(p.period())).append("\"><td>").append(esc(p.label())).append("</td>")
                    .append(num(DutchFormat.count(p.target())))
                    .append(num(small.withholdsCarriedOver(quota, i) ? SmallCounts.WITHHELD : DutchFormat.count(p.carriedOver())))
                    .append(num(small.text(p.housed())))
                    .append(num(small.withholdsBacklog(quota, i) ? SmallCounts.WITHHELD : DutchFormat.count(p.backlog())))
                    .append("</tr>");
        }
        html.append("</tbody></table></div><p class=\"note\">Achterstand = taakstelling + overloop uit eerdere ")
                .append("halfjaren − gehuisvest (niet onder 0). Gehuisvest: personen van elke leeftijd met een ")
                .append("vestigingsdatum in het halfjaar.</p></section>");
    }

    private static void phases(StringBuilder html, DashboardFigures figures, SmallCounts small) {
        List<Count> phases = figures.casesPerPhase();
        long[][] values = phases.stream().map(c -> new long[] {c.value()}).toArray(long[][]::new);
        html.append("<section id=\"phases\"><h2>Open zaken per fase</h2>");
        html.append(SvgCharts.columns("chart-phases", "Open zaken per fase A–E",
                "Het aantal open zaken (huishoudens) per fase van de route, A tot en met E.",
                phases.stream().map(Count::key).toList(), List.of(new Series("Open zaken", "s1")), values, small));
        countTable(html, "Open zaken per fase", "Fase", "Open zaken", phases, small);
        html.append("</section>");
    }

    private static void flow(StringBuilder html, DashboardFigures figures, SmallCounts small) {
        List<MonthFlow> months = figures.phaseFlow();
        List<Count> phaseLabels = figures.casesPerPhase();
        long[][] values = new long[months.size()][];
        for (int i = 0; i < months.size(); i++) {
            values[i] = months.get(i).entered().stream().mapToLong(Count::value).toArray();
        }
        List<Series> series = months.isEmpty() ? PHASES : months.get(0).entered().stream()
                .map(c -> PHASES.stream().filter(p -> p.label().equals(c.key())).findFirst()
                        .orElse(new Series(c.key(), "s6"))).toList();
        html.append("<section class=\"wide\" id=\"flow\"><h2>Doorstroom: zaken die een fase ingingen, per maand</h2>")
                .append("<div class=\"pair\"><div>");
        List<String> monthLabels = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            monthLabels.add(monthLabel(months.get(i).month(), i == 0));
        }
        html.append(SvgCharts.columns("chart-flow", "Doorstroom per maand",
                "Per maand het aantal zaken dat fase A, B, C, D of E inging (gestapeld).", monthLabels, series, values,
                small, 640));
        html.append("</div><table><caption>Zaken die een fase ingingen</caption><thead><tr><th>Maand</th>");
        for (Series s : series) {
            html.append("<th class=\"n\">").append(esc(s.label())).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (MonthFlow month : months) {
            html.append("<tr data-key=\"").append(esc(month.month())).append("\"><td>").append(esc(month.month())).append("</td>");
            for (Count c : month.entered()) {
                html.append(num(small.text(c.value())));
            }
            html.append("</tr>");
        }
        html.append("</tbody></table></div><p class=\"note\">Fasen: ")
                .append(esc(phaseLabels.stream().map(Count::label).collect(Collectors.joining("; "))))
                .append(".</p></section>");
    }

    private static void deadlines(StringBuilder html, DashboardFigures figures, SmallCounts small) {
        List<DeadlineKind> kinds = figures.deadlines();
        long[][] values = kinds.stream().map(k -> new long[] {k.open(), k.dueSoon(), k.overdue()}).toArray(long[][]::new);
        html.append("<section id=\"deadlines\"><h2>Termijnen: open, binnenkort, verlopen</h2>");
        html.append(SvgCharts.columns("chart-deadlines", "Termijnen per soort",
                "Per soort termijn het aantal open termijnen, termijnen die binnenkort verlopen en verlopen termijnen (gestapeld).",
                kinds.stream().map(k -> shortLabel(k.label())).toList(),
                List.of(new Series("Open", "s3"), new Series("Binnenkort", "s4"), new Series("Verlopen", "s2")),
                values, small, 640));
        html.append("<table><caption>Termijnen per soort</caption><thead><tr><th>Soort</th><th class=\"n\">Open</th>")
                .append("<th class=\"n\">Binnenkort</th><th class=\"n\">Verlopen</th></tr></thead><tbody>");
        for (DeadlineKind k : kinds) {
            html.append("<tr data-key=\"").append(esc(k.key())).append("\"><td>").append(esc(k.label()))
                    .append(" <span class=\"note\">(binnenkort: ≤ ").append(DutchFormat.days(k.dueSoonWindowDays())).append(")</span></td>")
                    .append(num(small.text(k.open()))).append(num(small.text(k.dueSoon())))
                    .append(num(small.text(k.overdue()))).append("</tr>");
        }
        html.append("</tbody></table><p class=\"note\">Open: nog niet gehaald en niet binnenkort; binnenkort: ")
                .append("verloopt binnen het venster; verlopen: de termijn is voorbij.</p></section>");
    }

    private static void work(StringBuilder html, DashboardFigures figures, SmallCounts small) {
        html.append("<section id=\"work\"><h2>Werk en inkomen</h2>");
        List<Count> trajectories = figures.work().participantsPerTrajectory();
        List<Count> outflow = figures.work().outflow();
        html.append("<h3>Deelnemers per traject</h3>");
        html.append(SvgCharts.horizontalBars("chart-trajectories", "Deelnemers per traject",
                "Het aantal volwassenen per gekozen traject.", bars(trajectories, small), "s1"));
        countTable(html, "Deelnemers per traject", "Traject", "Deelnemers", trajectories, small);
        html.append("<h3>Uitstroom</h3>");
        html.append(SvgCharts.horizontalBars("chart-outflow", "Uitstroom naar werk, stage, werkervaringsplaats en vrijwilligerswerk",
                "Het aantal statushouders per soort uitstroom.", bars(outflow, small), "s3"));
        countTable(html, "Uitstroom", "Soort", "Personen", outflow, small);
        html.append("</section>");
    }

    private static void civic(StringBuilder html, CivicIntegration civic, SmallCounts small) {
        html.append("<section id=\"civic\"><h2>Inburgering</h2><div class=\"tiles\">")
                .append(tile("exams-passed", small.text(civic.examsPassed()), "examens gehaald"))
                .append(tile("terms-open", small.text(civic.termsOpen()), "lopende inburgeringstermijnen"))
                .append(tile("terms-ending", small.withholdsTermsEndingSoon(civic) && !small.hides(civic.termsEndingSoon())
                        ? SmallCounts.WITHHELD
                        : small.text(civic.termsEndingSoon()), "termijnen die binnen 6 maanden aflopen"))
                .append("</div>");
        List<Count> levels = civic.languageLevels();
        html.append("<h3>Taalniveau (laatst bekend)</h3>");
        html.append(SvgCharts.columns("chart-language", "Taalniveau Nederlands",
                "Het aantal personen per laatst bekend taalniveau Nederlands.",
                levels.stream().map(Count::label).toList(), List.of(new Series("Personen", "s5")),
                levels.stream().map(c -> new long[] {c.value()}).toArray(long[][]::new), small));
        countTable(html, "Taalniveau", "Niveau", "Personen", levels, small);
        html.append("<h3>Examenonderdelen gehaald</h3>");
        html.append(SvgCharts.horizontalBars("chart-exam-parts", "Examenonderdelen gehaald",
                "Het aantal gehaalde examenonderdelen per onderdeel.", bars(civic.examPartsPassed(), small), "s5"));
        countTable(html, "Examenonderdelen gehaald", "Onderdeel", "Gehaald", civic.examPartsPassed(), small);
        html.append("</section>");
    }

    private static void handover(StringBuilder html, Handover handover, SmallCounts small) {
        String average = handover.averageGuidanceDays() == null ? "–"
                : small.withholdsAverageGuidance(handover) ? SmallCounts.WITHHELD
                : DutchFormat.decimal(handover.averageGuidanceDays()) + " dagen";
        html.append("<section id=\"handover\"><h2>Warme overdracht aan het buurtteam</h2><div class=\"tiles\">")
                .append(tile("handovers-done", small.text(handover.handoversDone()), "overdrachten afgerond"))
                .append(tile("handovers-open", small.text(handover.handoversOpen()), "overdrachten lopend"))
                .append(tile("guidance-average", average, "gemiddelde duur van de begeleiding (fase D)"))
                .append("</div><p class=\"note\">De brief gaat uit van gemiddeld ongeveer anderhalf jaar begeleiding ")
                .append("(ca. 548 dagen) voor de overdracht aan het buurtteam.</p></section>");
    }

    private static void money(StringBuilder html, DashboardFigures figures, SmallCounts small) {
        List<MoneyYear> years = figures.money();
        List<QuotaPeriod> quota = figures.housingQuota();
        List<Bar> bars = new ArrayList<>();
        for (MoneyYear y : years) {
            boolean withheld = small.withholdsExpected(y, quota);
            bars.add(new Bar(Integer.toString(y.year()), withheld ? 0 : y.expected().longValue(),
                    withheld ? SmallCounts.WITHHELD : DutchFormat.euro(y.expected()), false));
        }
        html.append("<section class=\"wide\" id=\"money\"><h2>Middelen: verwachte inkomsten van de gemeente</h2><div class=\"pair money\">");
        html.append(SvgCharts.horizontalBars("chart-money", "Verwachte inkomsten per jaar",
                "Per jaar de verwachte inkomsten uit gehuisveste statushouders, in euro.", bars, "s3"));
        html.append("<div class=\"scroll\"><table><caption>Gehuisvest en verwachte inkomsten per jaar</caption><thead><tr><th>Jaar</th>")
                .append("<th class=\"n\">Volwassenen</th><th class=\"n\">Personen</th>")
                .append("<th class=\"n\">Per volwassene</th><th class=\"n\">Per persoon</th><th class=\"n\">Verwacht</th>")
                .append("</tr></thead><tbody>");
        for (MoneyYear y : years) {
            html.append("<tr data-key=\"").append(y.year()).append("\"><td>").append(y.year()).append("</td>")
                    .append(num(small.withholdsAdults(y) && !small.hides(y.housedAdults()) ? SmallCounts.WITHHELD
                            : small.text(y.housedAdults())))
                    .append(num(small.withholdsPersons(y, quota) && !small.hides(y.housedPersons()) ? SmallCounts.WITHHELD
                            : small.text(y.housedPersons())))
                    .append(num(y.perHousedAdult() == null ? "–" : DutchFormat.euro(y.perHousedAdult())))
                    .append(num(y.perHousedPerson() == null ? "–" : DutchFormat.euroAsWritten(y.perHousedPerson())))
                    .append(num(small.withholdsExpected(y, quota) ? SmallCounts.WITHHELD : DutchFormat.euro(y.expected())))
                    .append("</tr>");
        }
        html.append("</tbody></table></div></div>");
        // The letter's amount per person with its parts, once for the years that share them (2016 and 2017).
        Map<String, List<Integer>> lines = new LinkedHashMap<>();
        for (MoneyYear y : years) {
            if (y.perHousedPerson() == null || y.perHousedPersonParts() == null || y.perHousedPersonParts().isEmpty()) {
                continue;
            }
            BigDecimal sum = y.perHousedPersonParts().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            String line = DutchFormat.euroAsWritten(y.perHousedPerson()) + " per gehuisveste statushouder (elke leeftijd); "
                    + "delen " + y.perHousedPersonParts().stream().map(DutchFormat::euro).collect(Collectors.joining(" + "))
                    + " = " + DutchFormat.euro(sum) + "."
                    + (y.note() == null || y.note().isBlank() ? "" : " " + y.note());
            lines.computeIfAbsent(line, l -> new ArrayList<>()).add(y.year());
        }
        lines.forEach((line, lineYears) -> html.append("<p class=\"letter\">")
                .append(lineYears.stream().map(String::valueOf).collect(Collectors.joining(" en "))).append(": ")
                .append(esc(line)).append("</p>"));
        html.append("<p class=\"note\">Verwacht = volwassenen × bedrag per volwassene + personen × bedrag per persoon. ")
                .append("Een bedrag dat een klein aantal gehuisveste personen zou verraden, wordt niet getoond.</p></section>");
    }

    private static final String[] MONTHS = {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};

    /** "2026-11" → "nov" (with "’26" on the first month and on January). */
    static String monthLabel(String month, boolean first) {
        try {
            YearMonth ym = YearMonth.parse(month);
            String name = MONTHS[ym.getMonthValue() - 1];
            return first || ym.getMonthValue() == 1 ? name + " ’" + String.format("%02d", ym.getYear() % 100) : name;
        } catch (DateTimeParseException e) {
            return month;
        }
    }

    /** A label for under a column: up to " binnen", " (" or " aan " ("School binnen 3 dagen" → "School"). */
    static String shortLabel(String label) {
        int cut = label.length();
        for (String marker : new String[] {" binnen", " (", " aan "}) {
            int at = label.indexOf(marker);
            if (at > 0) {
                cut = Math.min(cut, at);
            }
        }
        return label.substring(0, cut);
    }

    private static List<Bar> bars(List<Count> counts, SmallCounts small) {
        return counts.stream().map(c -> Bar.count(c.label(), c.value(), small)).toList();
    }

    private static void countTable(StringBuilder html, String caption, String what, String header, List<Count> counts,
                                   SmallCounts small) {
        html.append("<table><caption>").append(esc(caption)).append("</caption><thead><tr><th>").append(esc(what))
                .append("</th><th class=\"n\">").append(esc(header)).append("</th></tr></thead><tbody>");
        for (Count c : counts) {
            html.append("<tr data-key=\"").append(esc(c.key())).append("\"><td>").append(esc(c.label())).append("</td>")
                    .append(num(small.text(c.value()))).append("</tr>");
        }
        html.append("</tbody></table>");
    }

    private static String tile(String id, String value, String what) {
        return "<div class=\"tile\" id=\"" + id + "\"><span class=\"big\">" + esc(value) + "</span><span class=\"what\">"
                + esc(what) + "</span></div>";
    }

    private static String num(String text) {
        return "<td class=\"n\">" + esc(text) + "</td>";
    }

    /** The CSP source for a style block: 'sha256-…' of its exact text. */
    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
