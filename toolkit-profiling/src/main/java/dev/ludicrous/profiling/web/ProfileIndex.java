package dev.ludicrous.profiling.web;

import static dev.ludicrous.profiling.internal.Escape.html;

import dev.ludicrous.profiling.FrameCount;
import dev.ludicrous.profiling.FrameFilter;
import dev.ludicrous.profiling.Profile;
import dev.ludicrous.profiling.ProfileStore;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The viewer's list page: recent profiles, then the slowest of each route. Everything escaped. */
final class ProfileIndex {
    private ProfileIndex() {
    }

    private static final int TOP_FRAMES = 3;

    static String page(ProfileStore store, String base, String nonce, FrameFilter filter) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Profiles</title>")
                .append("<meta name=\"referrer\" content=\"no-referrer\"><style nonce=\"").append(html(nonce)).append("\">")
                .append("body{font:13px/1.4 system-ui,sans-serif;margin:12px 16px}table{border-collapse:collapse;margin-bottom:18px}")
                .append("td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left}td.n{text-align:right}")
                .append("h1{font-size:16px}h2{font-size:14px;margin:16px 0 4px}</style></head><body>")
                .append("<h1>Profiles</h1><h2>Recent</h2>");
        table(out, store.recent(), base, filter);
        out.append("<h2>Slowest by route</h2>");
        Map<String, List<Profile>> slowest = store.slowestByRoute();
        if (slowest.isEmpty()) {
            out.append("<p>None yet.</p>");
        }
        slowest.forEach((route, profiles) -> {
            out.append("<h3>").append(html(route)).append("</h3>");
            table(out, profiles, base, filter);
        });
        out.append("<p>").append(store.size()).append(" profiles, about ").append(store.bytes() / 1024)
                .append(" KiB.</p></body></html>");
        return out.toString();
    }

    private static void table(StringBuilder out, List<Profile> profiles, String base, FrameFilter filter) {
        if (profiles.isEmpty()) {
            out.append("<p>None yet.</p>");
            return;
        }
        out.append("<table><tr><th>started</th><th>request</th><th>route</th><th>status</th><th>wall ms</th>")
                .append("<th>cpu ms</th><th>samples</th><th>top frames (self)</th><th>reason</th><th>formats</th></tr>");
        for (Profile profile : profiles) {
            String link = html(base + "/" + profile.id());
            out.append("<tr><td>").append(html(DateTimeFormatter.ISO_INSTANT.format(profile.startedAt())))
                    .append("</td><td><a href=\"").append(link).append("\">").append(html(profile.method())).append(' ')
                    .append(html(profile.path())).append("</a></td><td>").append(html(profile.route()))
                    .append("</td><td class=\"n\">").append(profile.status())
                    .append("</td><td class=\"n\">").append(profile.wallTime().toMillis())
                    .append("</td><td class=\"n\">").append(profile.cpuTime().map(cpu -> Long.toString(cpu.toMillis())).orElse("-"))
                    .append("</td><td class=\"n\">").append(profile.samples())
                    .append("</td><td>").append(topFrames(profile, filter))
                    .append("</td><td>").append(html(profile.reason()))
                    .append("</td><td><a href=\"").append(link).append("\">flame graph</a> <a href=\"").append(link)
                    .append(".collapsed\">collapsed</a> <a href=\"").append(link).append(".json\">speedscope</a></td></tr>");
        }
        out.append("</table>");
    }

    private static String topFrames(Profile profile, FrameFilter filter) {
        if (profile.samples() == 0) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        for (FrameCount frame : profile.topFrames(TOP_FRAMES, filter)) {
            if (out.length() > 0) {
                out.append("<br>");
            }
            out.append(html(frame.name())).append(' ').append(100 * frame.samples() / profile.samples()).append('%');
        }
        return out.toString();
    }
}
