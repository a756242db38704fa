package dev.airlock.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadStacksTest {

    private static List<String> printed(StackTraceElement[] frames) {
        return java.util.Arrays.stream(frames).map(StackTraceElement::toString).toList();
    }

    @Test
    void stacks_come_back_printing_as_they_printed() throws Exception {
        // a thread dump's frames name the loader and the module version; a throwable's leave them out
        StackTraceElement[] dumped = {
            new StackTraceElement("app", null, null, "com.example.Worker", "run", "Worker.java", 12),
            new StackTraceElement(null, "java.base", "17.0.15", "java.lang.Object", "wait", null, -2),
        };
        StackTraceElement[] thrown = new Throwable().getStackTrace();
        byte[] payload = ThreadStacks.encode(List.of(new ThreadStacks.Stack("worker", dumped),
            new ThreadStacks.Stack("main", thrown), new ThreadStacks.Stack("idle", new StackTraceElement[0])));
        List<ThreadStacks.Stack> back = ThreadStacks.decode(payload);
        assertEquals(List.of("worker", "main", "idle"), back.stream().map(ThreadStacks.Stack::thread).toList());
        assertEquals(List.of("app//com.example.Worker.run(Worker.java:12)", "java.base@17.0.15/java.lang.Object.wait(Native Method)"),
            printed(back.get(0).frames()));
        assertEquals(printed(thrown), printed(back.get(1).frames()));
        assertEquals(0, back.get(2).frames().length);
    }
}
