package dev.airlock.replayer.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a local page in Debian's headless Chromium, cut off from any network (a dead proxy and a host
 * resolver that finds nothing), and keeps what a user of the page would care about: the DOM after
 * loading, every console message, every request the page itself started (from Chromium's net log,
 * leaving out the browser's own background requests), and a screenshot.
 */
final class HeadlessChromium {

    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern URL = Pattern.compile("\"url\":\"([^\"]*)\"");

    /** What one page load showed. */
    record PageLoad(String dom, List<String> console, List<String> pageRequests, long screenshotBytes) {
    }

    private HeadlessChromium() {
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    static PageLoad load(Path page, Path work) throws IOException {
        Files.createDirectories(work);
        Path netLog = work.resolve("net-log.json");
        List<String> command = base(work.resolve("profile-dom"));
        command.add("--enable-logging=stderr");
        command.add("--v=0");
        command.add("--log-net-log=" + netLog);
        command.add("--dump-dom");
        command.add(page.toUri().toString());
        Proc dom = Proc.run(command, work, null);
        if (dom.exitCode != 0) {
            throw new AssertionError("chromium failed: " + dom);
        }
        List<String> console = new ArrayList<>();
        for (String line : new String(dom.stderr, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (line.contains(":CONSOLE")) {
                console.add(line);
            }
        }
        Path shot = work.resolve("page.png");
        List<String> screenshot = base(work.resolve("profile-shot"));
        screenshot.add("--screenshot=" + shot);
        screenshot.add("--window-size=1280,900");
        screenshot.add(page.toUri().toString());
        Proc shotRun = Proc.run(screenshot, work, null);
        long shotBytes = shotRun.exitCode == 0 && Files.exists(shot) ? Files.size(shot) : 0;
        return new PageLoad(dom.out(), console, pageRequests(netLog), shotBytes);
    }

    private static List<String> base(Path profile) {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.add("--headless");
        command.add("--no-sandbox");
        command.add("--disable-gpu");
        command.add("--no-first-run");
        command.add("--disable-background-networking");
        command.add("--user-data-dir=" + profile);
        command.add("--proxy-server=http://127.0.0.1:1");
        command.add("--host-resolver-rules=MAP * ~NOTFOUND");
        return command;
    }

    /**
     * Requests a page started: the net log's request-start entries name their initiator, and the
     * browser's own (update checks, spelling dictionaries) have none ("not an origin").
     */
    private static List<String> pageRequests(Path netLog) throws IOException {
        List<String> urls = new ArrayList<>();
        for (String line : Files.readAllLines(netLog)) {
            if (line.contains("\"initiator\":\"") && !line.contains("\"initiator\":\"not an origin\"")) {
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    urls.add(m.group(1));
                }
            }
        }
        return urls;
    }
}
