package dev.airlock.examples.races;

import java.util.concurrent.ExecutorService;

/** {@code Executors.newVirtualThreadPerTaskExecutor()} where the JDK has it (Java 21+), for examples compiled for 17. */
final class VirtualThreadPool {

    private VirtualThreadPool() {
    }

    /** A new executor that starts a virtual thread per task, or null (having said so) on an older JDK. */
    static ExecutorService perTaskOrSayWhyNot() throws ReflectiveOperationException {
        try {
            return (ExecutorService) java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        } catch (NoSuchMethodException e) {
            System.out.println("no virtual threads on Java " + Runtime.version().feature());
            return null;
        }
    }
}
