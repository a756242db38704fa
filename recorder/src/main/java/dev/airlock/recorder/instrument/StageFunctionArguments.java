package dev.airlock.recorder.instrument;

import java.util.Map;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Under {@code threads=ordered}, wraps the function an application passes to a
 * {@code CompletableFuture} or {@code CompletionStage} method ({@code thenApply}, {@code handleAsync},
 * {@code supplyAsync}, ...) with {@code Order.stage}, so that it runs as a logical thread named where the
 * stage was made: which thread runs a stage's function (the one completing the future before it, or the
 * caller when that one is done already) differs from run to run. The function is the call's last
 * argument or the one before a trailing {@code Executor}; the call is one of the stage methods and names a
 * {@code CompletableFuture} or {@code CompletionStage}, or returns one (a subclass called by its name).
 */
final class StageFunctionArguments extends MethodVisitor {

    private static final String ORDER = OrderPoints.ORDER;
    private static final String EXECUTOR = "java/util/concurrent/Executor";
    /**
     * A call is a stage call when it names one of these or returns one (a subclass of
     * {@code CompletableFuture} called by its own name inherits methods that return the JDK's type).
     */
    private static final java.util.Set<String> STAGES = java.util.Set.of("java/util/concurrent/CompletableFuture",
        "java/util/concurrent/CompletionStage");
    /** The methods that make a stage whose function runs once: another method may call its function often. */
    private static final java.util.Set<String> STAGE_METHODS = java.util.Set.of("thenApply", "thenApplyAsync",
        "thenAccept", "thenAcceptAsync", "thenRun", "thenRunAsync", "thenCombine", "thenCombineAsync",
        "thenAcceptBoth", "thenAcceptBothAsync", "runAfterBoth", "runAfterBothAsync", "applyToEither",
        "applyToEitherAsync", "acceptEither", "acceptEitherAsync", "runAfterEither", "runAfterEitherAsync",
        "thenCompose", "thenComposeAsync", "handle", "handleAsync", "whenComplete", "whenCompleteAsync",
        "exceptionally", "exceptionallyAsync", "exceptionallyCompose", "exceptionallyComposeAsync",
        "supplyAsync", "runAsync", "completeAsync");
    /** The functional types stages take, by descriptor, and the {@code Order.stage} overload for each. */
    private static final Map<String, String> FUNCTIONS = Map.of(
        "Ljava/util/function/Function;", "(Ljava/util/function/Function;)Ljava/util/function/Function;",
        "Ljava/util/function/BiFunction;", "(Ljava/util/function/BiFunction;)Ljava/util/function/BiFunction;",
        "Ljava/util/function/Consumer;", "(Ljava/util/function/Consumer;)Ljava/util/function/Consumer;",
        "Ljava/util/function/BiConsumer;", "(Ljava/util/function/BiConsumer;)Ljava/util/function/BiConsumer;",
        "Ljava/lang/Runnable;", "(Ljava/lang/Runnable;)Ljava/lang/Runnable;",
        "Ljava/util/function/Supplier;", "(Ljava/util/function/Supplier;)Ljava/util/function/Supplier;");

    StageFunctionArguments(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
        if (STAGE_METHODS.contains(name)
            && (STAGES.contains(owner) || STAGES.contains(Type.getReturnType(desc).getInternalName()))) {
            Type[] args = Type.getArgumentTypes(desc);
            int n = args.length;
            if (n >= 1 && FUNCTIONS.containsKey(args[n - 1].getDescriptor())) {
                wrap(args[n - 1]);
            } else if (n >= 2 && args[n - 1].getInternalName().equals(EXECUTOR)
                && FUNCTIONS.containsKey(args[n - 2].getDescriptor())) {
                super.visitInsn(Opcodes.SWAP);
                wrap(args[n - 2]);
                super.visitInsn(Opcodes.SWAP);
            }
        }
        super.visitMethodInsn(opcode, owner, name, desc, isInterface);
    }

    private void wrap(Type function) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, ORDER, "stage", FUNCTIONS.get(function.getDescriptor()), false);
    }
}
