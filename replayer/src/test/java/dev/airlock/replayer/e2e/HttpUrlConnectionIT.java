package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code HttpURLConnection} (the JDK's own HTTP client over {@code java.net.Socket}) against the
 * example order service in its own process; the service is stopped before the replays.
 */
class HttpUrlConnectionIT {

    private static final String MAIN = "dev.airlock.examples.FetchesUrls";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void http_calls_replay_with_the_service_gone(Airlock.Jdk jdk) throws Exception {
        Path journal = tmp.resolve("journal");
        Proc recorded;
        try (OrderServiceProcess service = OrderServiceProcess.start(Airlock.defaultJdk(), tmp.resolve("service"), List.of())) {
            String base = "http://127.0.0.1:" + service.port;
            Proc plain1 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, base);
            Proc plain2 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, base);
            assertEquals(0, plain1.exitCode, plain1.toString());
            assertNotEquals(plain1.out(), plain2.out(), "plain runs differ (order ids, items)");
            recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, MAIN, base);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.out().contains("GET /missing -> 404"), recorded.out());
        for (int i = 0; i < 3; i++) {
            Path report = tmp.resolve("report" + i + ".json");
            Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
        }
    }
}
