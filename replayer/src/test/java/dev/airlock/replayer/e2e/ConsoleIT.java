package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code System.console()}: recorded on a real terminal (a pseudo-terminal from util-linux
 * {@code script}), where the operator types a name and a pin ({@code readPassword}, which turns the
 * terminal's echo off); replayed with no terminal and no input at all, the
 * program still gets its console, reads the name and prints the same answer.
 */
class ConsoleIT {

    private static final String MAIN = "dev.airlock.examples.ReadsConsole";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void a_console_session_replays_without_a_terminal(Airlock.Jdk jdk) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is not installed");
        Path journal = tmp.resolve("journal");
        List<String> command = new ArrayList<>(List.of(jdk.java()));
        command.addAll(jdk.baseFlags());
        command.add("-javaagent:" + Airlock.RECORDER + "=journal=" + journal);
        command.addAll(List.of("-cp", Airlock.EXAMPLES_CP, MAIN));
        Path typed = Files.writeString(tmp.resolve("typed"), "ada\n1234\n");
        ProcessBuilder onTerminal = new ProcessBuilder("/usr/bin/script", "-q", "-e", "-c", String.join(" ", command),
            "/dev/null").redirectInput(typed.toFile()).redirectErrorStream(true);
        Process p = onTerminal.start();
        String terminal = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), terminal);
        Matcher answer = Pattern.compile("hello ada, your pin has 4 characters, your number is (\\d+)").matcher(terminal);
        assertTrue(answer.find(), terminal);

        Proc plainWithoutTerminal = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN);
        assertEquals("no console\n", plainWithoutTerminal.out(), "without a terminal there is no console");
        Proc tty = Airlock.cli(null, "events", journal.toString(), "--kind", "console.tty");
        assertTrue(tty.out().contains("console.tty"), tty.toString());
        for (int i = 0; i < 2; i++) {
            Path report = tmp.resolve("report" + i + ".json");
            Proc replayed = Airlock.replay(jdk, journal, report);
            assertTrue(replayed.out().startsWith("name? pin? "), replayed.toString());
            assertTrue(replayed.out().endsWith(answer.group() + "\n"), replayed.toString());
            String json = Airlock.read(report);
            assertTrue(json.contains("\"matched\": true") || json.contains("\"matched\":true"), json);
        }
    }
}
