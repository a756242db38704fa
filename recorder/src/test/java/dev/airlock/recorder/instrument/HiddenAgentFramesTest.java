package dev.airlock.recorder.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.bridge.AgentFrames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The traces a program sees have no Airlock frames in them, as without Airlock. */
class HiddenAgentFramesTest {

    private static final String VISIBLE =
        "INVOKESTATIC dev/airlock/bridge/AgentFrames.visible([Ljava/lang/StackTraceElement;)[Ljava/lang/StackTraceElement;";

    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, null, 1);
    }

    @Test
    void every_return_of_throwables_trace_goes_through_agent_frames() {
        List<String> code = Bytecode.listing(Bytecode.method(Bytecode.rewriteJdkClass(HiddenAgentFrames.THROWABLE),
            "getOurStackTrace", "()[Ljava/lang/StackTraceElement;"));
        long returns = code.stream().filter(i -> i.equals("ARETURN")).count();
        assertTrue(returns > 0, code.toString());
        for (int i = 0; i < code.size(); i++) {
            if (code.get(i).equals("ARETURN")) {
                assertEquals(VISIBLE, code.get(i - 1), code.toString());
            }
        }
    }

    @Test
    void the_agents_frames_and_its_reflective_call_go_and_the_programs_stay() {
        StackTraceElement[] recorded = {
            frame("sun.nio.ch.Net", "connect0"),
            frame("java.net.SocksSocketImpl", "connect"),
            frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0"),
            frame("java.lang.reflect.Method", "invoke"),
            frame("dev.airlock.bridge.SocketNatives", "connect"),
            frame("dev.airlock.recorder.runtime.RecordingSink", "socket"),
            frame("dev.airlock.bridge.Hooks", "socketConnect"),
            frame("java.net.Socket", "connect"),
            frame("dev.airlock.examples.PrintsFailures", "main"),
        };
        StackTraceElement[] visible = AgentFrames.visible(recorded);
        assertEquals(List.of("sun.nio.ch.Net", "java.net.SocksSocketImpl", "java.net.Socket",
            "dev.airlock.examples.PrintsFailures"), List.of(visible).stream().map(StackTraceElement::getClassName).toList());
    }

    @Test
    void a_trace_without_agent_frames_or_starting_in_the_agent_is_left_as_it_is() {
        StackTraceElement[] plain = {frame("java.io.FileInputStream", "open0"), frame("app.Main", "main")};
        assertSame(plain, AgentFrames.visible(plain), "no copy when nothing is hidden");
        StackTraceElement[] agents = {frame("dev.airlock.recorder.runtime.RecordedFiles", "openFile"),
            frame("dev.airlock.bridge.Hooks", "fileOpenInput"), frame("java.io.FileInputStream", "open")};
        assertSame(agents, AgentFrames.visible(agents), "the agent's own error keeps every frame");
    }

    @Test
    void the_agents_log_keeps_every_frame() {
        StackTraceElement[] recorded = {frame("java.io.FileInputStream", "open0"),
            frame("dev.airlock.bridge.Hooks", "fileOpenInput"), frame("app.Main", "main")};
        AgentFrames.keepAllOn(Thread.currentThread());
        try {
            assertSame(recorded, AgentFrames.visible(recorded));
        } finally {
            AgentFrames.keepAllOn(null);
        }
        assertEquals(2, AgentFrames.visible(recorded).length);
    }
}
