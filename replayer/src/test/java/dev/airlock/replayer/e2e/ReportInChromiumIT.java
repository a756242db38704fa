package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code airlock report} opened in a real headless Chromium with no network: the page renders its
 * lanes, logs nothing to the console and requests nothing. A control page with a console error and an
 * image from 127.0.0.1 shows the two checks do catch both.
 */
class ReportInChromiumIT {

    @TempDir
    Path tmp;

    @BeforeAll
    static void chromiumInstalled() {
        Assumptions.assumeTrue(HeadlessChromium.installed(),
            "Debian's chromium is not installed (apt-get install chromium); .ci/run installs it");
    }

    @Test
    void the_checks_catch_a_console_error_and_a_request() throws Exception {
        Path page = tmp.resolve("control.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><p>control</p><img src=\"http://127.0.0.1:9/x.png\">"
            + "<script>console.error('control error');</script></body></html>");
        HeadlessChromium.PageLoad load = HeadlessChromium.load(page, tmp.resolve("control"));
        assertTrue(load.dom().contains("<p>control</p>"), load.dom());
        assertTrue(load.console().stream().anyMatch(l -> l.contains("control error")), load.console().toString());
        assertEquals(List.of("http://127.0.0.1:9/x.png"), load.pageRequests());
    }

    @Test
    void the_report_renders_its_lanes_with_no_console_message_and_no_request() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, "dev.airlock.examples.WorkerThrows");
        Path html = tmp.resolve("report.html");
        Proc report = Airlock.cli(null, "report", journal.toString(), "-o", html.toString());
        assertEquals(0, report.exitCode, report.toString());

        HeadlessChromium.PageLoad load = HeadlessChromium.load(html, tmp.resolve("chromium"));
        String dom = load.dom();
        assertTrue(dom.contains("data-thread=\"main\"") && dom.contains("data-thread=\"main/1\""), dom);
        assertTrue(dom.contains("java.lang.IllegalArgumentException: cannot process"), dom);
        assertTrue(dom.contains("<svg"), "the timeline is drawn: " + dom);
        assertEquals(List.of(), load.console(), "console messages");
        assertEquals(List.of(), load.pageRequests(), "requests made by the page");
        assertTrue(load.screenshotBytes() > 2_000, "a screenshot of the rendered page: " + load.screenshotBytes() + " bytes");
    }
}
