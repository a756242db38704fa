package dev.airlock.recorder.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FailureOriginsTest {

    @Test
    void noted_frames_print_as_the_jvm_printed_them() {
        StackTraceElement nativeFrame = new StackTraceElement(null, "java.base", null, "sun.nio.ch.Net", "connect0", null, -2);
        StackTraceElement javaFrame = new StackTraceElement(null, "java.base", null, "sun.nio.ch.Net", "connect", "Net.java", 579);
        StackTraceElement appFrame = new StackTraceElement("com.example.Client", "dial", "Client.java", 12);
        List<StackTraceElement> back = FailureOrigins.decode(dev.airlock.format.ThreadStacks.frames(
            new StackTraceElement[] {nativeFrame, javaFrame, appFrame}));
        assertEquals(List.of("java.base/sun.nio.ch.Net.connect0(Native Method)", "java.base/sun.nio.ch.Net.connect(Net.java:579)",
            "com.example.Client.dial(Client.java:12)"), back.stream().map(StackTraceElement::toString).toList());
    }

    @Test
    void outside_a_captured_call_there_is_no_call() {
        assertEquals(null, FailureOrigins.current());
    }
}
