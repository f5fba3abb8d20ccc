package dev.ludicrous.benchmarks.blog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart on a logarithmic axis, written as a self-contained SVG (no scripts, no
 * fonts to fetch). Log scale because the pages differ by orders of magnitude: a naive homepage
 * takes tens of milliseconds, a cached one a fraction of one. Each row is a run; each series (say
 * p50, p90, p99) is one bar in the row, labelled with its value.
 */
final class SvgBarChart {
    private static final int WIDTH = 960;
    private static final int LEFT = 250;
    private static final int RIGHT = 90;
    private static final int TOP = 70;
    private static final int BAR = 14;
    private static final int GAP = 12;

    private final String title;
    private final String unit;
    private final List<String> rows;
    private final List<Series> series = new ArrayList<>();

    /** A named set of values, one per row, drawn in one colour. */
    record Series(String name, String color, double[] values) {
    }

    SvgBarChart(String title, String unit, List<String> rows) {
        this.title = title;
        this.unit = unit;
        this.rows = List.copyOf(rows);
    }

    SvgBarChart series(String name, String color, double[] values) {
        if (values.length != rows.size()) {
            throw new IllegalArgumentException("series " + name + " has " + values.length + " values for " + rows.size() + " rows");
        }
        series.add(new Series(name, color, values.clone()));
        return this;
    }

    String render() {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi == 0) {
            lo = 1;
            hi = 10;
        }
        int minExp = (int) Math.floor(Math.log10(lo));
        int maxExp = (int) Math.ceil(Math.log10(hi));
        if (maxExp == minExp) {
            maxExp++;
        }
        int rowHeight = series.size() * BAR + GAP;
        int plotHeight = rows.size() * rowHeight;
        int height = TOP + plotHeight + 50;
        int plotWidth = WIDTH - LEFT - RIGHT;
        StringBuilder svg = new StringBuilder(8192);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>%n", 16, escape(title)));
        int lx = LEFT;
        for (Series s : series) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"38\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"48\">%s</text>%n", lx, s.color(), lx + 16, escape(s.name())));
            lx += 30 + 8 * s.name().length();
        }
        // Grid and axis labels at each power of ten, lighter lines at 2x and 5x.
        for (int e = minExp; e <= maxExp; e++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = m * Math.pow(10, e);
                if (v > Math.pow(10, maxExp)) {
                    break;
                }
                double x = LEFT + plotWidth * (Math.log10(v) - minExp) / (maxExp - minExp);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
                        x, TOP - 6, x, TOP + plotHeight, m == 1 ? "#bbb" : "#eee"));
                if (m == 1) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                            x, TOP + plotHeight + 18, escape(tick(v))));
                }
            }
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">%s (log scale)</text>%n",
                LEFT + plotWidth / 2, TOP + plotHeight + 38, escape(unit)));
        for (int r = 0; r < rows.size(); r++) {
            int y = TOP + r * rowHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 8, y + rowHeight / 2 + 2, escape(rows.get(r))));
            for (int s = 0; s < series.size(); s++) {
                Series ser = series.get(s);
                double v = ser.values()[r];
                int by = y + s * BAR;
                if (v > 0) {
                    double w = Math.max(1, plotWidth * (Math.log10(v) - minExp) / (maxExp - minExp));
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>%n",
                            LEFT, by, w, BAR - 2, ser.color(), escape(ser.name()), escape(number(v))));
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%s</text>%n",
                            LEFT + w + 4, by + BAR - 4, escape(number(v))));
                } else {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#888\">n/a</text>%n",
                            LEFT + 4, by + BAR - 4));
                }
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Three significant figures, no exponent: 0.0123, 1.23, 123, 12300. */
    static String number(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (v >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** An axis label: 0.01, 0.1, 1, 10, 100, 1,000. */
    static String tick(double v) {
        return v >= 1000 ? String.format(Locale.ROOT, "%,.0f", v)
                : new java.math.BigDecimal(v).round(new java.math.MathContext(1)).stripTrailingZeros().toPlainString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
