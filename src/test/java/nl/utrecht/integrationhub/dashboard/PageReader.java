package nl.utrecht.integrationhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dashboard page's HTML (as rendered, or as a browser's DOM gives it back): the cells of a
 * table row by its data-key, a tile's value, a chart's SVG, as the text a reader sees.
 */
final class PageReader {

    private final String html;

    PageReader(String html) {
        this.html = html;
    }

    /** The text of the cells of the row with this data-key in this section ("work-trajectories": its first table). */
    List<String> row(String section, String key) {
        String part = section(section);
        Matcher row = Pattern.compile("<tr data-key=\"" + Pattern.quote(key) + "\">(.*?)</tr>", Pattern.DOTALL).matcher(part);
        assertThat(row.find()).as("row " + key + " in " + section).isTrue();
        Matcher cells = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(row.group(1));
        List<String> values = new ArrayList<>();
        while (cells.find()) {
            values.add(text(cells.group(1)));
        }
        return values;
    }

    /** The last cell of a row: its value. */
    String cell(String section, String key) {
        List<String> values = row(section, key);
        return values.get(values.size() - 1);
    }

    String section(String id) {
        if (id.startsWith("work-")) {
            int table = id.equals("work-trajectories") ? 0 : 1;
            return section("work").split("<table>")[table + 1];
        }
        Matcher section = Pattern.compile("<section[^>]*id=\"" + id + "\">(.*?)</section>", Pattern.DOTALL).matcher(html);
        assertThat(section.find()).as("section " + id).isTrue();
        return section.group(1);
    }

    String svg(String id) {
        Matcher svg = Pattern.compile("<svg [^>]*id=\"" + id + "\".*?</svg>", Pattern.DOTALL).matcher(html);
        assertThat(svg.find()).as("chart " + id).isTrue();
        return svg.group();
    }

    String tile(String id) {
        Matcher tile = Pattern.compile("<div class=\"tile\" id=\"" + id + "\"><span class=\"big\">(.*?)</span>").matcher(html);
        assertThat(tile.find()).as("tile " + id).isTrue();
        return text(tile.group(1));
    }

    /** The datetime attribute of "Berekend op". */
    String computedAt() {
        Matcher time = Pattern.compile("<time id=\"computed-at\" datetime=\"([^\"]+)\">").matcher(html);
        assertThat(time.find()).as("computed-at").isTrue();
        return time.group(1);
    }

    static String text(String html) {
        return html.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&nbsp;", "\u00a0").replace("&amp;", "&").trim();
    }
}
