package nl.utrecht.integrationhub.dashboard;

import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG, drawn on the server (docs/dashboard.md, "Why server-side SVG"): no script, no
 * external resource, colours from the page's style sheet by class. Each chart has a {@code <title>} and a
 * {@code <desc>} (role img) and every bar a {@code <title>} with its value; the page puts a table with the
 * same figures beside it. A count that {@link SmallCounts} hides is drawn hatched at the threshold's
 * height with the label "&lt; 5", so neither the label nor the drawing reveals its size; the scale is
 * taken from what is drawn, never from a hidden value.
 */
final class SvgCharts {

    /**
     * One bar of a horizontal chart.
     *
     * @param drawn  the length to draw (for a hidden count: the threshold)
     * @param text   the value label ("1.234", "&lt; 5", "€ 12.345,00", "afgeschermd")
     * @param hidden drawn hatched, as a placeholder that reveals nothing
     */
    record Bar(String label, long drawn, String text, boolean hidden) {

        static Bar count(String label, long value, SmallCounts small) {
            return new Bar(label, small.drawnValue(value), small.text(value), small.hides(value));
        }
    }

    /** One series of a stacked chart: its legend label and its colour class ({@code s1} .. {@code s6}). */
    record Series(String label, String colour) {
    }

    private static final int WIDTH = 520;
    private static final int ROW = 30;
    private static final int LABEL_WIDTH = 170;
    private static final int VALUE_WIDTH = 100;

    private SvgCharts() {
    }

    /** Horizontal bars, one row per label (trajectories, outflow, exam parts). */
    static String horizontalBars(String id, String title, String desc, List<Bar> bars, String colour) {
        int height = Math.max(1, bars.size()) * ROW + 8;
        StringBuilder svg = open(id, title, desc, WIDTH, height);
        long max = 1;
        for (Bar bar : bars) {
            max = Math.max(max, bar.drawn());
        }
        double plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        int y = 4;
        for (Bar bar : bars) {
            double length = bar.drawn() <= 0 ? 0 : Math.max(2, plot * bar.drawn() / max);
            String value = bar.text();
            svg.append("<text class=\"label\" x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + ROW / 2 + 4)
                    .append("\" text-anchor=\"end\">").append(esc(fit(bar.label(), 26))).append("</text>");
            rect(svg, id, LABEL_WIDTH, y + 5, length, ROW - 10, colour, bar.hidden(),
                    bar.label() + ": " + value);
            svg.append("<text class=\"value\" x=\"").append(fmt(LABEL_WIDTH + length + 6)).append("\" y=\"")
                    .append(y + ROW / 2 + 4).append("\">").append(esc(value)).append("</text>");
            y += ROW;
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Vertical columns per category, stacked by series (one series: plain columns with their value on top).
     * {@code values[category][series]}.
     */
    static String columns(String id, String title, String desc, List<String> categories, List<Series> series,
                          long[][] values, SmallCounts small) {
        return columns(id, title, desc, categories, series, values, small, WIDTH);
    }

    /** {@link #columns} on a wider drawing, for many or long category labels. */
    static String columns(String id, String title, String desc, List<String> categories, List<Series> series,
                          long[][] values, SmallCounts small, int width) {
        int legendHeight = series.size() > 1 ? 26 : 0;
        int height = 250 + legendHeight;
        int left = 48;
        int right = 8;
        int top = 18;
        int bottom = 34 + legendHeight;
        double plotWidth = width - left - right;
        double plotHeight = height - top - bottom;
        StringBuilder svg = open(id, title, desc, width, height);

        long max = 1;
        for (long[] column : values) {
            long sum = 0;
            for (long value : column) {
                sum += small.drawnValue(value);
            }
            max = Math.max(max, sum);
        }
        long step = niceStep(max);
        long axisMax = ((max + step - 1) / step) * step;
        for (long tick = 0; tick <= axisMax; tick += step) {
            double y = top + plotHeight - plotHeight * tick / axisMax;
            svg.append("<line class=\"grid\" x1=\"").append(left).append("\" x2=\"").append(width - right)
                    .append("\" y1=\"").append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\"/>");
            svg.append("<text class=\"axis\" x=\"").append(left - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" text-anchor=\"end\">").append(DutchFormat.count(tick)).append("</text>");
        }

        double slot = plotWidth / Math.max(1, categories.size());
        double barWidth = Math.min(56, slot * 0.62);
        for (int c = 0; c < categories.size(); c++) {
            double x = left + slot * c + (slot - barWidth) / 2;
            double base = top + plotHeight;
            for (int s = 0; s < series.size(); s++) {
                long value = values[c][s];
                if (value == 0) {
                    continue;
                }
                double h = Math.max(2, plotHeight * small.drawnValue(value) / axisMax);
                base -= h;
                String text = small.text(value);
                String name = series.size() > 1 ? categories.get(c) + ", " + series.get(s).label() : categories.get(c);
                rect(svg, id, x, base, barWidth, h, series.get(s).colour(), small.hides(value), name + ": " + text);
                if (series.size() > 1 && h >= 15) {
                    svg.append("<text class=\"inbar\" x=\"").append(fmt(x + barWidth / 2)).append("\" y=\"")
                            .append(fmt(base + h / 2 + 4)).append("\" text-anchor=\"middle\">").append(esc(text))
                            .append("</text>");
                }
            }
            if (series.size() == 1) {
                svg.append("<text class=\"value\" x=\"").append(fmt(x + barWidth / 2)).append("\" y=\"")
                        .append(fmt(base - 5)).append("\" text-anchor=\"middle\">").append(esc(small.text(values[c][0])))
                        .append("</text>");
            }
            svg.append("<text class=\"label\" x=\"").append(fmt(left + slot * c + slot / 2)).append("\" y=\"")
                    .append(fmt(top + plotHeight + 18)).append("\" text-anchor=\"middle\">").append(esc(categories.get(c)))
                    .append("</text>");
        }
        svg.append("<line class=\"baseline\" x1=\"").append(left).append("\" x2=\"").append(width - right)
                .append("\" y1=\"").append(fmt(top + plotHeight)).append("\" y2=\"").append(fmt(top + plotHeight)).append("\"/>");
        if (series.size() > 1) {
            double x = left;
            double y = height - 12;
            for (Series s : series) {
                svg.append("<rect class=\"").append(s.colour()).append("\" x=\"").append(fmt(x)).append("\" y=\"")
                        .append(fmt(y - 10)).append("\" width=\"12\" height=\"12\"/>");
                svg.append("<text class=\"legend\" x=\"").append(fmt(x + 17)).append("\" y=\"").append(fmt(y))
                        .append("\">").append(esc(s.label())).append("</text>");
                x += 28 + s.label().length() * 6.6;
            }
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title, String desc, int width, int height) {
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(id)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">");
        svg.append("<title id=\"").append(id).append("-title\">").append(esc(title)).append("</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(esc(desc)).append("</desc>");
        svg.append("<defs><pattern id=\"").append(id).append("-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" "
                + "height=\"6\" patternTransform=\"rotate(45)\"><rect class=\"hatch-bg\" width=\"6\" height=\"6\"/>"
                + "<line class=\"hatch-line\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\"/></pattern></defs>");
        return svg;
    }

    /** A bar; a hidden count's bar is hatched (class {@code hidden}) and marked so in its title. */
    private static void rect(StringBuilder svg, String id, double x, double y, double width, double height,
                             String colour, boolean hidden, String title) {
        svg.append("<rect class=\"").append(hidden ? "hidden" : colour).append("\" x=\"").append(fmt(x))
                .append("\" y=\"").append(fmt(y)).append("\" width=\"").append(fmt(width)).append("\" height=\"")
                .append(fmt(height)).append('"');
        if (hidden) {
            svg.append(" fill=\"url(#").append(id).append("-hatch)\"");
        }
        svg.append("><title>").append(esc(title)).append("</title></rect>");
    }

    /**
     * A label that fits beside a bar: as it is when short; else its abbreviation in parentheses at the end
     * ("Kennis van de Nederlandse maatschappij (KNM)" → "KNM"); else cut with "…". The bar's title and the
     * table keep the whole label.
     */
    static String fit(String label, int max) {
        if (label.length() <= max) {
            return label;
        }
        int open = label.lastIndexOf(" (");
        if (open > 0 && label.endsWith(")") && label.length() - open - 3 <= max) {
            return label.substring(open + 2, label.length() - 1);
        }
        return label.substring(0, max - 1).stripTrailing() + "…";
    }

    /** 1, 2 or 5 times a power of ten, giving at most about five grid lines. */
    static long niceStep(long max) {
        long step = 1;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                if (max / (step * factor) <= 5) {
                    return step * factor;
                }
            }
            step *= 10;
        }
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Text for HTML and SVG: &amp;, &lt;, &gt; and quotes escaped. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
