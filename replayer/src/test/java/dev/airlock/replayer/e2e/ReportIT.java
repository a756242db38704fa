package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code airlock report}: one self-contained HTML page with a lane per thread, the worker's exception
 * and the exit path, and, given a replay report, where that replay diverged. Nothing in it points
 * anywhere: no scripts, fonts, images, stylesheets or URLs. {@link ReportInChromiumIT} opens it in a
 * real headless Chromium.
 */
class ReportIT {

    @TempDir
    Path tmp;

    @Test
    void the_report_shows_threads_and_failures_and_needs_no_network() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, "dev.airlock.examples.WorkerThrows");
        Path html = tmp.resolve("report.html");
        Proc report = Airlock.cli(null, "report", journal.toString(), "-o", html.toString());
        assertEquals(0, report.exitCode, report.toString());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertTrue(page.contains("data-thread=\"main\"") && page.contains("data-thread=\"main/1\""), page);
        assertTrue(page.contains("main/1 &quot;worker-1&quot;"), page);
        assertTrue(page.contains("java.lang.IllegalArgumentException: cannot process"), page);
        assertTrue(page.contains("System.exit(3) on thread main"), page);
        assertSelfContained(page);
        assertTrue(Files.readString(journal.resolve("audit.log")).contains("\"report\""), "the report is audited");
    }

    @Test
    void a_replay_report_marks_where_the_replay_diverged() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        DivergenceIT.compile(Airlock.ROOT.resolve("examples/src/main/java/dev/airlock/examples/Durations.java"), classes);
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Airlock.record(jdk, journal, classes.toString(), "dev.airlock.examples.Durations");
        DivergenceIT.compile(Airlock.ROOT.resolve("examples/src/main/variants/Durations.java"), classes);
        Path replayReport = tmp.resolve("replay.json");
        assertEquals(66, Airlock.replay(jdk, journal, replayReport, "--allow-classpath-changes").exitCode);

        Path html = tmp.resolve("report.html");
        Proc report = Airlock.cli(null, "report", journal.toString(), "-o", html.toString(), "--replay-report",
            replayReport.toString());
        assertEquals(0, report.exitCode, report.toString());
        String page = Files.readString(html);
        assertTrue(page.contains("id=\"divergence-mark\""), page);
        assertTrue(page.contains("<p id=\"divergence\">thread main, event "), page);
        assertSelfContained(page);
    }

    private static void assertSelfContained(String page) {
        String lower = page.toLowerCase(java.util.Locale.ROOT);
        for (String outside : new String[] {"http:", "https:", "//", "<script", "<link", "<img", "@import", "url(", "src="}) {
            assertFalse(lower.contains(outside), "the page refers outside itself with '" + outside + "'");
        }
    }
}
