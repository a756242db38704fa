package dev.airlock.recorder.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.recorder.runtime.TaskThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code threads=ordered} makes fork-join task runs and {@code CompletableFuture} stage functions logical
 * threads: a work queue's {@code push} names the task, {@code doExec} runs {@code exec()} through the
 * bridge, and an application's stage calls wrap the function they pass.
 */
class ForkJoinTaskRunsTest {

    private static final String ORDER = "INVOKESTATIC dev/airlock/bridge/Order.";

    @BeforeEach
    void ordered() {
        CaptureRules.orderedThreads(true);
        assertTrue(TaskThreads.enable(), "the bridge can call ForkJoinTask.exec() (java.util.concurrent is opened to it)");
    }

    @AfterEach
    void free() {
        TaskThreads.disable();
        CaptureRules.orderedThreads(false);
    }

    /** The one method of that name (its descriptor differs between JDKs). */
    private static org.objectweb.asm.tree.MethodNode named(org.objectweb.asm.tree.ClassNode type, String name) {
        return type.methods.stream().filter(m -> m.name.equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError(type.name + " has no " + name));
    }

    @Test
    void do_exec_runs_the_body_through_the_bridge() {
        List<String> doExec = Bytecode.listing(named(Bytecode.rewriteJdkClass(ForkJoinTaskRuns.TASK), "doExec"));
        assertTrue(doExec.contains(ORDER + "execTask(Ljava/util/concurrent/ForkJoinTask;)Z"), doExec.toString());
        assertFalse(doExec.contains("INVOKEVIRTUAL java/util/concurrent/ForkJoinTask.exec()Z"), doExec.toString());
    }

    @Test
    void every_push_of_a_work_queue_names_its_task_first() {
        var queue = Bytecode.rewriteJdkClass(ForkJoinTaskRuns.QUEUE);
        int pushes = 0;
        for (var m : queue.methods) {
            if (m.name.equals("push") || m.name.equals("lockedPush")) {
                List<String> listing = Bytecode.listing(m);
                assertEquals(List.of("ALOAD 1", ORDER + "taskQueued(Ljava/lang/Object;)V"), listing.subList(0, 2),
                    m.name + m.desc);
                pushes++;
            }
        }
        assertTrue(pushes > 0, "the work queue has a push");
    }

    /** Java 17's thread per async stage (when the common pool is too small) starts a pool thread, not the application's. */
    @Test
    void a_thread_per_async_stage_is_started_as_a_pool_thread() {
        if (Runtime.version().feature() >= 21) {
            return; // the class is gone: stages always run on the common pool
        }
        List<String> execute = Bytecode.listing(named(Bytecode.rewriteJdkClass(ForkJoinTaskRuns.THREAD_PER_TASK), "execute"));
        assertEquals(List.of("ALOAD 1", ORDER + "startPoolThread(Ljava/lang/Runnable;)V", "RETURN"), execute);
    }

    @Test
    void without_tasks_as_threads_the_pool_is_left_alone() {
        TaskThreads.disable();
        assertFalse(ClassFilter.isJdkTarget(ForkJoinTaskRuns.TASK));
        assertFalse(ClassFilter.isJdkTarget(ForkJoinTaskRuns.QUEUE));
    }

    @SuppressWarnings("unused")
    public static final class Stages {
        public static CompletableFuture<Integer> chain(CompletableFuture<Integer> f, Executor e) {
            return f.thenApply(x -> x + 1).thenApplyAsync(x -> x * 2, e).thenCombine(f, Integer::sum);
        }

        /** Not a stage method, though it returns a future: its function may be called often. */
        public static CompletableFuture<Integer> often(java.util.function.Function<Integer, Integer> f) {
            return CompletableFuture.completedFuture(f.apply(1));
        }

        public static CompletableFuture<Integer> callsOften() {
            return often(x -> x + 1);
        }
    }

    @Test
    void a_stage_call_wraps_the_function_it_passes_last_or_before_its_executor() {
        List<String> errors = new ArrayList<>();
        byte[] bytes = Bytecode.rewriteApplicationClass(Stages.class, new FakeSiteRegistry(), errors);
        assertEquals(List.of(), errors);
        List<String> chain = Bytecode.listing(named(Bytecode.parse(bytes), "chain"));
        String stage = ORDER + "stage(";
        int apply = chain.indexOf("INVOKEVIRTUAL java/util/concurrent/CompletableFuture.thenApply"
            + "(Ljava/util/function/Function;)Ljava/util/concurrent/CompletableFuture;");
        assertTrue(chain.get(apply - 1).startsWith(stage + "Ljava/util/function/Function;)"), chain.toString());
        int async = chain.indexOf("INVOKEVIRTUAL java/util/concurrent/CompletableFuture.thenApplyAsync"
            + "(Ljava/util/function/Function;Ljava/util/concurrent/Executor;)Ljava/util/concurrent/CompletableFuture;");
        assertEquals(List.of("SWAP", stage + "Ljava/util/function/Function;)Ljava/util/function/Function;", "SWAP"),
            chain.subList(async - 3, async), chain.toString());
        int combine = chain.indexOf("INVOKEVIRTUAL java/util/concurrent/CompletableFuture.thenCombine"
            + "(Ljava/util/concurrent/CompletionStage;Ljava/util/function/BiFunction;)Ljava/util/concurrent/CompletableFuture;");
        assertTrue(chain.get(combine - 1).startsWith(stage + "Ljava/util/function/BiFunction;)"), chain.toString());
        List<String> often = Bytecode.listing(named(Bytecode.parse(bytes), "callsOften"));
        assertTrue(often.stream().noneMatch(i -> i.startsWith(stage)), often.toString());
    }
}
