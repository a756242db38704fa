package dev.airlock.format;

/**
 * Every kind of event a journal can hold, with its stable one-byte code. Codes are part of the file
 * format: never renumber, only add. Ranges are kept free for the I/O (32-95) and thread (96-159) kinds.
 */
public enum EventKind {
    CLOCK_MILLIS(1, "clock.millis", ValueType.LONG_DELTA),
    NANO_TIME(2, "clock.nanos", ValueType.LONG_DELTA),
    INSTANT(3, "clock.instant", ValueType.INSTANT),
    RANDOM_SEED(4, "random.seed", ValueType.LONG),
    RANDOM_DOUBLE(5, "random.double", ValueType.DOUBLE),
    SECURE_RANDOM_BYTES(6, "random.secure", ValueType.BYTES),
    THREAD_LOCAL_RANDOM_SEED(7, "random.threadlocal-seed", ValueType.LONG),
    SPLITTABLE_RANDOM_SEED(8, "random.splittable-seed", ValueType.LONG),
    SECURE_RANDOM_SEED(9, "random.secure-seed", ValueType.BYTES),
    ENV_VAR(16, "env.var", ValueType.BYTES),
    ENV_MAP(17, "env.map", ValueType.BYTES),
    AVAILABLE_PROCESSORS(18, "runtime.processors", ValueType.INT),
    FREE_MEMORY(19, "runtime.free-memory", ValueType.LONG),
    TOTAL_MEMORY(20, "runtime.total-memory", ValueType.LONG),
    MAX_MEMORY(21, "runtime.max-memory", ValueType.LONG),
    PID(22, "process.pid", ValueType.LONG),
    LOCAL_HOST(23, "net.local-host", ValueType.BYTES),
    STDOUT(24, "console.stdout", ValueType.BYTES),
    STDERR(25, "console.stderr", ValueType.BYTES),
    MAIN_ARGS(26, "process.main-args", ValueType.BYTES),
    /**
     * A file the program opened ({@code FileInputStream}, {@code FileOutputStream}, NIO channels and
     * everything built on them): how and which, then success or the failure.
     */
    FILE_OPEN(32, "file.open", ValueType.BYTES),
    /** What a read, size, position or available call on an opened file returned; see {@link StreamPayloads}. */
    FILE_READ(33, "file.read", ValueType.BYTES),
    /** Length and CRC-32C of one write to an opened file (or the exception); compared on replay. */
    FILE_WRITE(34, "file.write", ValueType.BYTES),
    /** A question about a path: stat, access, exists, length, modified time, delete; see {@link FilePayloads}. */
    FILE_STAT(35, "file.stat", ValueType.BYTES),
    /** The names in a directory ({@code File.list}, {@code Files.newDirectoryStream}, list, walk). */
    FILE_LIST(36, "file.list", ValueType.BYTES),
    /** A host name resolved (getByName, getAllByName, a socket's host): the addresses or the failure. */
    NET_RESOLVE(48, "net.resolve", ValueType.BYTES),
    /** A TCP connect ({@code Socket.connect}): the remote address, then success or the exception. */
    NET_CONNECT(49, "net.connect", ValueType.BYTES),
    /** Bytes a socket's input stream delivered (or EOF, available, the exception). */
    NET_READ(50, "net.read", ValueType.BYTES),
    /** Length and CRC-32C of one write to a socket (or the exception); compared on replay. */
    NET_WRITE(51, "net.write", ValueType.BYTES),
    /** A server socket's bind or listen: what was asked, then the bound port or the exception. */
    NET_BIND(52, "net.bind", ValueType.BYTES),
    /** A connection a server socket accepted: the client's address and port, then the local port. */
    NET_ACCEPT(53, "net.accept", ValueType.BYTES),
    /**
     * A socket channel's connect, finishConnect, bind, accept, local address or available
     * ({@code SocketChannel}, {@code ServerSocketChannel}); see {@link ChannelPayloads}.
     */
    NET_CHANNEL(54, "net.channel", ValueType.BYTES),
    /** A selector's wait and what it selected: the count, each ready descriptor and its events. */
    NET_SELECT(55, "net.select", ValueType.BYTES),
    /** A child process started (or failing to), and the command; see {@link StreamPayloads}. */
    PROCESS_START(64, "process.start", ValueType.BYTES),
    /** Bytes the program read from a child's stdout or stderr (or EOF, or the exception). */
    PROCESS_READ(65, "process.read", ValueType.BYTES),
    /** What the program learnt of a child's end: waitFor, exitValue, isAlive. */
    PROCESS_WAIT(66, "process.wait", ValueType.BYTES),
    /** Length and CRC-32C of bytes the program wrote to a child's stdin; compared on replay. */
    PROCESS_WRITE(67, "process.write", ValueType.BYTES),
    /** What the program read from the JVM's stdin ({@code System.in}, a console), read by read. */
    STDIN(72, "console.stdin", ValueType.BYTES),
    /** Whether the JVM has a terminal, as {@code System.console()} asks it ({@code istty}, {@code ttyStatus}). */
    CONSOLE_TTY(73, "console.tty", ValueType.INT),
    THREAD_START(96, "thread.start", ValueType.NONE),
    /**
     * In the schedule stream ({@code threads=serial}): one turn ended. The value is the recorded id of
     * the thread whose turn it was, shifted left by 3, or'ed with why it ended ({@code TurnEnd}).
     */
    THREAD_TURN(97, "thread.turn", ValueType.LONG),
    /** Follows each {@link #THREAD_TURN}: how many scheduling points that thread had passed when it ended. */
    THREAD_TURN_POINT(98, "thread.turn-point", ValueType.LONG),
    /**
     * {@code Thread.getId()}/{@code threadId()} as the program saw it: ids count every thread the JVM
     * made, the agent's too, so they differ between a recording and its replay.
     */
    THREAD_ID(99, "thread.id", ValueType.LONG),
    /** {@code Thread.activeCount()}: counts the agent's threads too. */
    THREAD_COUNT(100, "thread.count", ValueType.INT),
    /**
     * {@code threads=ordered}: the thread took a monitor or lock, or applied an atomic update, at this
     * turn of that object ({@code SyncTurn} encodes which object, which turn, and the outcome).
     */
    SYNC_TURN(101, "thread.sync-turn", ValueType.LONG_DELTA),
    /**
     * The number in a default thread name ({@code Thread-3}, {@code pool-2-thread-1}): drawn from shared
     * counters, so in the order the threads happen to ask when they run in parallel.
     */
    THREAD_NUMBER(102, "thread.number", ValueType.INT),
    /**
     * {@code threads=ordered}: consecutive turns of one object taken by this thread with nothing else
     * recorded between them: the first as a {@link #SYNC_TURN} value, then how many.
     */
    SYNC_RUN(103, "thread.sync-run", ValueType.LONG_DELTA_COUNT),
    /**
     * {@code threads=serial}, in the schedule stream between a revoked {@link #THREAD_TURN} and its
     * {@link #THREAD_TURN_POINT}: a hash of where the holder was blocked (its top frames outside Airlock).
     */
    THREAD_TURN_WHERE(104, "thread.turn-where", ValueType.INT),
    /**
     * {@code Thread.getStackTrace()} of another thread, or {@code Thread.getAllStackTraces()}: where the
     * threads were when asked, which depends on timing ({@link ThreadStacks}).
     */
    THREAD_STACKS(105, "thread.stacks", ValueType.BYTES),
    /** {@code Thread.getState()} of another thread: the ordinal of the {@code Thread.State} the program saw. */
    THREAD_STATE(106, "thread.state", ValueType.INT);

    private static final EventKind[] BY_CODE = new EventKind[256];

    static {
        for (EventKind kind : values()) {
            BY_CODE[kind.code] = kind;
        }
    }

    private final int code;
    private final String label;
    private final ValueType valueType;

    EventKind(int code, String label, ValueType valueType) {
        this.code = code;
        this.label = label;
        this.valueType = valueType;
    }

    public int code() {
        return code;
    }

    /** The name users type in {@code airlock events --kind}. */
    public String label() {
        return label;
    }

    public ValueType valueType() {
        return valueType;
    }

    /** The kind with that code, or null for a code this version does not know. */
    public static EventKind ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Accepts a label or an enum name, case-insensitively; null when nothing matches. */
    public static EventKind ofName(String name) {
        for (EventKind kind : values()) {
            if (kind.label.equalsIgnoreCase(name) || kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        return null;
    }
}
