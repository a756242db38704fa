package dev.airlock.recorder.instrument;

import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Puts one application method under {@code threads=ordered}: every monitor entry (its own, if it is
 * {@code synchronized}) is bracketed by {@code Order.beforeMonitor}/{@code afterMonitor}, its
 * {@code wait} calls go to {@code Order.wait}, and its calls that take a {@code java.util.concurrent}
 * lock, wait on a lock's condition, wait with a timeout for a future, latch or pool, or read or update an atomic ({@code Atomic*}, {@code VarHandle}), and its reads and writes of
 * volatile fields, become {@code invokedynamic} sites that {@code Order} links to an ordered version of
 * the same access.
 *
 * <p>Monitors stay the JVM's: a {@code synchronized} method loses the flag only so that its monitor is
 * entered by an instruction the brackets can surround, as javac writes a {@code synchronized} block
 * ({@link SynchronizedBody}).
 *
 * <p>The JIT compiles a method only if no exception can leave it holding a monitor. So the call after
 * each monitor entry has a handler of its own that exits the monitor and rethrows; the monitor waits
 * for it in a local the method never used ({@code spareLocal}).
 */
final class OrderPoints extends MethodVisitor {

    static final String ORDER = "dev/airlock/bridge/Order";
    private static final Handle BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, ORDER, "bootstrap",
        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)"
            + "Ljava/lang/invoke/CallSite;", false);
    private static final Handle FIELD_BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, ORDER, "field",
        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;ILjava/lang/Class;)"
            + "Ljava/lang/invoke/CallSite;", false);
    /** {@code dev.airlock.bridge.Order}'s call kinds. */
    private static final int LOCK = 1;
    private static final int ATOMIC = 2;
    private static final int CONDITION = 3;
    private static final int TIMED_WAIT = 4;
    private static final int ATOMIC_IF_CONCURRENT = 5;
    private static final int SYNCHRONIZED = 6;
    private static final int TRAVERSAL = 7;
    private static final int PERMITS = 8;
    private static final int LOCK_IF_REENTRANT = 9;
    private static final Set<String> PERMIT_CALLS = Set.of("acquire()V", "acquire(I)V", "acquireUninterruptibly()V",
        "acquireUninterruptibly(I)V", "tryAcquire()Z", "tryAcquire(I)Z", "tryAcquire(JLjava/util/concurrent/TimeUnit;)Z",
        "tryAcquire(IJLjava/util/concurrent/TimeUnit;)Z");

    private static final Set<String> LOCKS = Set.of("java/util/concurrent/locks/Lock",
        "java/util/concurrent/locks/ReentrantLock", "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock",
        "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock");
    private static final Set<String> CONDITIONS = Set.of("java/util/concurrent/locks/Condition",
        "java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionObject");
    private static final Set<String> CONDITION_WAITS = Set.of("await()V", "awaitUninterruptibly()V",
        "awaitNanos(J)J", "await(JLjava/util/concurrent/TimeUnit;)Z", "awaitUntil(Ljava/util/Date;)Z");
    private static final String TIMED = "(JLjava/util/concurrent/TimeUnit;)";
    private static final Set<String> FUTURES = Set.of("java/util/concurrent/Future", "java/util/concurrent/FutureTask",
        "java/util/concurrent/CompletableFuture", "java/util/concurrent/ScheduledFuture",
        "java/util/concurrent/RunnableFuture", "java/util/concurrent/RunnableScheduledFuture");
    private static final Set<String> EXECUTORS = Set.of("java/util/concurrent/ExecutorService",
        "java/util/concurrent/ScheduledExecutorService", "java/util/concurrent/ThreadPoolExecutor",
        "java/util/concurrent/ScheduledThreadPoolExecutor");
    /**
     * Concurrent collections called through their own type (or {@code ConcurrentMap}'s): each call
     * below is one atomic step of the collection, so it is a turn on it like an atomic's update. Not
     * iteration, and nothing that blocks.
     */
    private static final Set<String> CONCURRENT_COLLECTIONS = Set.of("java/util/concurrent/ConcurrentHashMap",
        "java/util/concurrent/ConcurrentMap", "java/util/concurrent/ConcurrentNavigableMap",
        "java/util/concurrent/ConcurrentSkipListMap", "java/util/concurrent/ConcurrentSkipListSet",
        "java/util/concurrent/ConcurrentLinkedQueue", "java/util/concurrent/ConcurrentLinkedDeque",
        "java/util/concurrent/CopyOnWriteArrayList", "java/util/concurrent/CopyOnWriteArraySet");
    /** Interfaces a concurrent collection is often called through ({@code Map<K, V> m = new ConcurrentHashMap<>()}). */
    private static final Set<String> COLLECTION_INTERFACES = Set.of("java/util/Map", "java/util/SortedMap",
        "java/util/NavigableMap", "java/util/Collection", "java/util/List", "java/util/Set", "java/util/SortedSet",
        "java/util/NavigableSet", "java/util/Queue", "java/util/Deque");
    /**
     * JDK classes whose methods synchronize on their object inside the JDK, where monitors are not
     * rewritten: their calls are ordered as a monitor turn around the call when the receiver's method
     * is {@code synchronized} (decided when the call runs).
     */
    private static final Set<String> SYNCHRONIZED_CLASSES = Set.of("java/lang/StringBuffer", "java/util/Vector",
        "java/util/Stack", "java/util/Hashtable", "java/util/Properties", "java/io/PrintStream",
        "java/io/ByteArrayOutputStream", "java/io/Writer", "java/io/PrintWriter", "java/io/BufferedWriter",
        "java/io/OutputStreamWriter", "java/io/FileWriter", "java/io/StringWriter", "java/io/CharArrayWriter");
    private static final Set<String> COLLECTION_STEPS = Set.of("get", "getOrDefault", "put", "putIfAbsent", "remove",
        "replace", "containsKey", "containsValue", "contains", "size", "mappingCount", "isEmpty", "clear", "merge",
        "compute", "computeIfAbsent", "computeIfPresent", "add", "addIfAbsent", "set", "offer", "poll", "peek",
        "element", "addFirst", "addLast", "offerFirst", "offerLast", "pollFirst", "pollLast", "peekFirst", "peekLast",
        "removeFirst", "removeLast", "getFirst", "getLast", "push", "pop", "first", "last", "firstKey", "lastKey",
        "firstEntry", "lastEntry", "pollFirstEntry", "pollLastEntry", "ceilingKey", "floorKey", "higherKey",
        "lowerKey", "ceiling", "floor", "higher", "lower", "indexOf", "lastIndexOf",
        // a ConcurrentHashMap's enumerations, made reading its table
        "keys", "elements");
    private static final Set<String> ATOMIC_UPDATES = Set.of("compareAndSet", "weakCompareAndSet",
        "weakCompareAndSetPlain", "weakCompareAndSetVolatile", "weakCompareAndSetAcquire", "weakCompareAndSetRelease",
        "compareAndExchange", "compareAndExchangeAcquire", "compareAndExchangeRelease", "getAndSet", "getAndIncrement",
        "getAndDecrement", "getAndAdd", "incrementAndGet", "decrementAndGet", "addAndGet", "getAndUpdate",
        "updateAndGet", "getAndAccumulate", "accumulateAndGet", "set", "lazySet", "setOpaque", "setRelease",
        "attemptMark", "attemptStamp",
        // reads too: what a compare-and-set loop expects comes from one
        "get", "getOpaque", "getAcquire", "intValue", "longValue", "getReference", "getStamp", "isMarked");
    private static final Set<String> VAR_HANDLE_UPDATES = Set.of("compareAndSet", "compareAndExchange",
        "compareAndExchangeAcquire", "compareAndExchangeRelease", "weakCompareAndSet", "weakCompareAndSetPlain",
        "weakCompareAndSetAcquire", "weakCompareAndSetRelease", "getAndSet", "getAndSetAcquire", "getAndSetRelease",
        "getAndAdd", "getAndAddAcquire", "getAndAddRelease", "getAndBitwiseOr", "getAndBitwiseOrAcquire",
        "getAndBitwiseOrRelease", "getAndBitwiseAnd", "getAndBitwiseAndAcquire", "getAndBitwiseAndRelease",
        "getAndBitwiseXor", "getAndBitwiseXorAcquire", "getAndBitwiseXorRelease", "setVolatile", "setRelease",
        "setOpaque", "getVolatile", "getAcquire", "getOpaque");

    /** Null unless the method is {@code synchronized}. */
    private final SynchronizedBody body;
    private final boolean framesExpected;
    /** {@code invokedynamic} needs class files of Java 7 or later. */
    private final boolean linksCalls;
    private final int spareLocal;
    /**
     * The ranges of the calls after monitor entries, one per entry, and their one handler: declared
     * before the method's own handlers, so an enclosing {@code try} cannot take their exceptions first.
     */
    private final Label[] entryRanges;
    private int entriesSeen;
    private final Label entryHandler = new Label();

    /** Which fields are volatile; null where their accesses stay (constructors, class initializers). */
    private final VolatileFields volatileFields;

    OrderPoints(MethodVisitor next, String className, int access, int classVersion, MethodLocals.Counts counts,
                VolatileFields volatileFields) {
        super(Opcodes.ASM9, next);
        this.body = SynchronizedBody.isSynchronized(access) ? new SynchronizedBody(className, access, classVersion) : null;
        this.framesExpected = classVersion >= Opcodes.V1_6;
        this.linksCalls = classVersion >= Opcodes.V1_7;
        this.spareLocal = counts.maxLocals();
        this.entryRanges = new Label[2 * counts.monitorEntries()];
        this.volatileFields = linksCalls ? volatileFields : null;
    }

    /**
     * The kind of ordered call this is ({@code Order.LOCK}, {@code CONDITION}, {@code ATOMIC},
     * {@code ATOMIC_IF_CONCURRENT}, ...), or 0 when it stays.
     */
    static int kindOf(int opcode, String owner, String name, String desc) {
        if (opcode != Opcodes.INVOKEVIRTUAL && opcode != Opcodes.INVOKEINTERFACE) {
            return 0;
        }
        boolean takesLock = (name.equals("lock") || name.equals("lockInterruptibly")) && desc.equals("()V")
            || name.equals("tryLock") && (desc.equals("()Z") || desc.equals("(JLjava/util/concurrent/TimeUnit;)Z"));
        if (LOCKS.contains(owner)) {
            return takesLock ? LOCK : 0;
        }
        if (takesLock && opcode == Opcodes.INVOKEVIRTUAL && !owner.startsWith("java/")) {
            // perhaps a class derived from ReentrantLock: which, the receiver says when the call runs
            return LOCK_IF_REENTRANT;
        }
        if (owner.equals("java/util/concurrent/Semaphore")) {
            return PERMIT_CALLS.contains(name + desc) ? PERMITS : 0;
        }
        if (CONDITIONS.contains(owner)) {
            return CONDITION_WAITS.contains(name + desc) ? CONDITION : 0;
        }
        if (FUTURES.contains(owner) && name.equals("get") && desc.equals(TIMED + "Ljava/lang/Object;")
            || owner.equals("java/util/concurrent/CountDownLatch") && name.equals("await") && desc.equals(TIMED + "Z")
            || EXECUTORS.contains(owner) && name.equals("awaitTermination") && desc.equals(TIMED + "Z")) {
            return TIMED_WAIT;
        }
        if (owner.startsWith("java/util/concurrent/atomic/Atomic") && ATOMIC_UPDATES.contains(name)) {
            return ATOMIC;
        }
        if (owner.equals("java/lang/invoke/VarHandle") && VAR_HANDLE_UPDATES.contains(name)) {
            return ATOMIC;
        }
        if (CONCURRENT_COLLECTIONS.contains(owner) && COLLECTION_STEPS.contains(name)) {
            return ATOMIC;
        }
        if (isTraversal(owner, name, desc)) {
            return TRAVERSAL;
        }
        if (COLLECTION_INTERFACES.contains(owner)) {
            // a Vector or a Collections.synchronized* wrapper called through its interface
            return COLLECTION_STEPS.contains(name) ? ATOMIC_IF_CONCURRENT : SYNCHRONIZED;
        }
        if (SYNCHRONIZED_CLASSES.contains(owner) && opcode == Opcodes.INVOKEVIRTUAL) {
            return SYNCHRONIZED;
        }
        return 0;
    }

    /**
     * Whether the call may name a method that synchronizes inside the JDK ({@code Vector.add} by its
     * class or through {@code List}); which it is, is decided per receiver class when it runs.
     */
    static boolean synchronizesInside(int opcode, String owner, String name, String desc) {
        int kind = kindOf(opcode, owner, name, desc);
        return kind == SYNCHRONIZED || kind == ATOMIC_IF_CONCURRENT;
    }

    /**
     * Making an iterator of a collection or map view, and an iterator's or enumeration's step: ordered
     * when the receiver is a concurrent collection or a {@code ConcurrentHashMap}'s view or iterator,
     * since they read what writers change.
     */
    private static boolean isTraversal(String owner, String name, String desc) {
        if (name.equals("iterator") && desc.equals("()Ljava/util/Iterator;")) {
            return COLLECTION_INTERFACES.contains(owner) || CONCURRENT_COLLECTIONS.contains(owner)
                || owner.equals("java/lang/Iterable") || owner.equals("java/util/concurrent/ConcurrentHashMap$KeySetView");
        }
        return owner.equals("java/util/Iterator") && (name.equals("next") || name.equals("remove")) && desc.startsWith("()")
            || owner.equals("java/util/Enumeration") && name.equals("nextElement");
    }

    @Override
    public void visitCode() {
        super.visitCode();
        for (int i = 0; i < entryRanges.length; i += 2) {
            entryRanges[i] = new Label();
            entryRanges[i + 1] = new Label();
            super.visitTryCatchBlock(entryRanges[i], entryRanges[i + 1], entryHandler, null);
        }
        if (body != null) {
            body.loadMonitor(mv);
            bracket("beforeMonitor");
            body.loadMonitor(mv);
            super.visitInsn(Opcodes.MONITORENTER);
            super.visitLabel(body.bodyStart);
            body.loadMonitor(mv);
            bracket("afterMonitor");
        }
    }

    private void bracket(String name) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, ORDER, name, "(Ljava/lang/Object;)V", false);
    }

    @Override
    public void visitInsn(int opcode) {
        switch (opcode) {
            case Opcodes.MONITORENTER:
                // stack: the monitor; kept in the spare local for the bracket after the entry
                super.visitInsn(Opcodes.DUP);
                bracket("beforeMonitor");
                super.visitInsn(Opcodes.DUP);
                super.visitVarInsn(Opcodes.ASTORE, spareLocal);
                super.visitInsn(Opcodes.MONITORENTER);
                super.visitLabel(entryRanges[entriesSeen++]);
                super.visitVarInsn(Opcodes.ALOAD, spareLocal);
                bracket("afterMonitor");
                super.visitLabel(entryRanges[entriesSeen++]);
                return;
            case Opcodes.IRETURN:
            case Opcodes.LRETURN:
            case Opcodes.FRETURN:
            case Opcodes.DRETURN:
            case Opcodes.ARETURN:
            case Opcodes.RETURN:
                if (body != null) {
                    body.loadMonitor(mv);
                    super.visitInsn(Opcodes.MONITOREXIT);
                }
                break;
            default:
                break;
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
        if (opcode != Opcodes.INVOKESTATIC && name.equals("wait")
            && (desc.equals("()V") || desc.equals("(J)V") || desc.equals("(JI)V"))) {
            // final in Object: whatever class the call names, this is Object's wait
            super.visitInsn(Opcodes.ICONST_0);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, ORDER, "wait",
                "(Ljava/lang/Object;" + desc.substring(1, desc.indexOf(')')) + "I)V", false);
            return;
        }
        int kind = linksCalls ? kindOf(opcode, owner, name, desc) : 0;
        if (kind == 0) {
            super.visitMethodInsn(opcode, owner, name, desc, isInterface);
            return;
        }
        super.visitInvokeDynamicInsn(name, "(L" + owner + ";" + desc.substring(1), BOOTSTRAP, kind);
    }

    /**
     * A volatile field's read or write is a turn on its object (its class, for a static field), as an
     * atomic's is. Constructors and class initializers keep theirs: the object or class is not yet
     * shared.
     */
    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
        if (volatileFields == null || !volatileFields.isVolatile(owner, name)) {
            super.visitFieldInsn(opcode, owner, name, desc);
            return;
        }
        String type;
        switch (opcode) {
            case Opcodes.GETFIELD:
                type = "(L" + owner + ";)" + desc;
                break;
            case Opcodes.PUTFIELD:
                type = "(L" + owner + ";" + desc + ")V";
                break;
            case Opcodes.GETSTATIC:
                type = "()" + desc;
                break;
            default:
                type = "(" + desc + ")V";
                break;
        }
        super.visitInvokeDynamicInsn(name, type, FIELD_BOOTSTRAP, opcode, Type.getObjectType(owner));
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (entryRanges.length > 0) {
            Label handlerEnd = new Label();
            super.visitTryCatchBlock(entryHandler, handlerEnd, entryHandler, null);
            super.visitLabel(entryHandler);
            if (framesExpected) {
                // Every local but the spare one as TOP: whatever they hold, the handler uses none of them.
                Object[] locals = new Object[spareLocal + 1];
                java.util.Arrays.fill(locals, Opcodes.TOP);
                locals[spareLocal] = "java/lang/Object";
                super.visitFrame(Opcodes.F_FULL, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
            }
            super.visitVarInsn(Opcodes.ALOAD, spareLocal);
            super.visitInsn(Opcodes.MONITOREXIT);
            super.visitLabel(handlerEnd);
            super.visitInsn(Opcodes.ATHROW);
        }
        if (body != null) {
            body.handler(mv, next -> next.visitInsn(Opcodes.MONITOREXIT));
        }
        super.visitMaxs(maxStack, maxLocals);
    }
}
