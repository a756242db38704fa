package dev.airlock.replayer.cli;

import dev.airlock.format.HeaderKeys;
import java.time.Instant;
import java.util.Map;

/**
 * Renders {@link TimelineData} as one self-contained HTML page: inline CSS and inline SVG, no script,
 * font, image or link to anywhere, so it opens on a machine without a network. Threads are lanes,
 * the journal runs left to right (ticks carry the recorded wall clock where the program read one),
 * each slice is coloured by its most frequent kind of event and thickened by the bytes read from
 * outside; exceptions, the exit path and a replay's divergence are listed and marked.
 */
final class HtmlReport {

    private static final int LANE_HEIGHT = 28;
    private static final int LEFT = 220;
    private static final int WIDTH = 1000;
    private static final Map<String, String> COLOURS = Map.of("clock", "#4e79a7", "random", "#f28e2b", "env", "#76b7b2",
        "runtime", "#59a14f", "console", "#bab0ac", "process", "#b07aa1", "net", "#e15759", "thread", "#edc948");

    private HtmlReport() {
    }

    /** {@code divergence}: the replay report's divergence (thread path, global event index, message), or null. */
    static String render(TimelineData d, String journal, String[] divergence) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Airlock recording ")
            .append(esc(String.valueOf(d.header.get(HeaderKeys.RECORDING_ID)))).append("</title>\n<style>")
            .append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}")
            .append("table{border-collapse:collapse}td{padding:2px 12px 2px 0;vertical-align:top}")
            .append("pre{background:#f6f6f6;padding:8px;overflow:auto}.lane{font:12px monospace}")
            .append(".key span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}")
            .append("</style></head><body>\n<h1>Airlock recording</h1>\n<table>");
        row(h, "journal", journal);
        row(h, "command", d.header.get(HeaderKeys.COMMAND));
        row(h, "recording id", d.header.get(HeaderKeys.RECORDING_ID));
        row(h, "java", d.header.get(HeaderKeys.JAVA_VERSION));
        row(h, "events", Long.toString(d.total));
        row(h, "threads", Integer.toString(d.lanes.size()));
        row(h, "thread switches (journal order)", Long.toString(d.switches));
        h.append("</table>\n<p class=\"key\">");
        for (String g : TimelineData.Lane.GROUPS) {
            h.append("<span style=\"background:").append(COLOURS.get(g)).append("\"></span>").append(g);
        }
        h.append("</p>\n");
        svg(h, d, divergence);
        if (divergence != null) {
            h.append("<h2>Replay divergence</h2>\n<p id=\"divergence\">thread ").append(esc(divergence[0]))
                .append(", event ").append(esc(divergence[1])).append(": ").append(esc(divergence[2])).append("</p>\n");
        }
        h.append("<h2>Exceptions that escaped a thread</h2>\n");
        if (d.failures.isEmpty()) {
            h.append("<p>none</p>\n");
        }
        for (String[] f : d.failures) {
            h.append("<p class=\"exception\">thread ").append(esc(f[0])).append(": ").append(esc(f[1])).append("</p><pre>")
                .append(esc(String.valueOf(f[2]))).append("</pre>\n");
        }
        if (d.exitPath != null) {
            h.append("<h2>Exit path</h2>\n<pre>").append(esc(d.exitPath)).append("</pre>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static void svg(StringBuilder h, TimelineData d, String[] divergence) {
        int height = 30 + d.lanes.size() * LANE_HEIGHT + 30;
        double slice = (double) WIDTH / TimelineData.BUCKETS;
        h.append("<svg id=\"timeline\" width=\"").append(LEFT + WIDTH + 20).append("\" height=\"").append(height)
            .append("\" role=\"img\" aria-label=\"threads over the recording\">\n");
        int y = 20;
        for (TimelineData.Lane lane : d.lanes.values()) {
            h.append("<g class=\"lane\" data-thread=\"").append(esc(lane.path)).append("\"><text x=\"0\" y=\"").append(y + 16)
                .append("\">").append(esc(lane.path + " \"" + lane.name + "\"")).append("</text>");
            h.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + WIDTH).append("\" y1=\"").append(y + 12)
                .append("\" y2=\"").append(y + 12).append("\" stroke=\"#ddd\"/>");
            for (int b = 0; b < TimelineData.BUCKETS; b++) {
                String group = lane.mainGroup(b);
                if (group == null) {
                    continue;
                }
                int thick = lane.ioBytes[b] > 0 ? 20 : 12;
                h.append("<rect x=\"").append(String.format("%.1f", LEFT + b * slice)).append("\" y=\"")
                    .append(y + 12 - thick / 2).append("\" width=\"").append(String.format("%.1f", Math.max(1, slice)))
                    .append("\" height=\"").append(thick).append("\" fill=\"").append(COLOURS.get(group)).append("\"><title>")
                    .append(lane.counts[b]).append(" events, mostly ").append(group)
                    .append(lane.ioBytes[b] > 0 ? ", " + lane.ioBytes[b] + " bytes read" : "").append("</title></rect>");
            }
            h.append("</g>\n");
            y += LANE_HEIGHT;
        }
        for (int t = 0; t <= 4; t++) {
            int b = Math.min(TimelineData.BUCKETS - 1, t * TimelineData.BUCKETS / 4);
            double x = LEFT + t * WIDTH / 4.0;
            String label = "event " + (d.total * t / 4)
                + (d.wallMillis[b] != 0 ? " \u00b7 " + Instant.ofEpochMilli(d.wallMillis[b]).toString().substring(11, 19) : "");
            h.append("<text x=\"").append(String.format("%.0f", x)).append("\" y=\"").append(y + 16)
                .append("\" font-size=\"11\" text-anchor=\"middle\">").append(esc(label)).append("</text>");
        }
        if (divergence != null) {
            try {
                double x = LEFT + Long.parseLong(divergence[1]) * (double) WIDTH / d.total;
                h.append("<line id=\"divergence-mark\" x1=\"").append(String.format("%.1f", x)).append("\" x2=\"")
                    .append(String.format("%.1f", x)).append("\" y1=\"10\" y2=\"").append(y).append("\" stroke=\"red\" stroke-width=\"2\">")
                    .append("<title>replay diverged here</title></line>");
            } catch (NumberFormatException ignored) {
                // no index: listed below only
            }
        }
        h.append("</svg>\n");
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><td>").append(esc(name)).append("</td><td>").append(esc(value == null ? "" : value)).append("</td></tr>");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
