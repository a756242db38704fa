package dev.airlock.recorder.instrument;

import dev.airlock.format.EventKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which calls are captured where. Application and library classes get {@link #APPLICATION} rules at
 * every call site. JDK classes are left alone except those listed in {@link #JDK}, each with the reason
 * it is there: the JDK computes an app-visible value from a nondeterministic source inside them.
 */
public final class CaptureRules {

    private static final Map<String, CaptureRule> APPLICATION = new HashMap<>();
    /** JDK class -> (method name + descriptor, or "*") -> rules applied to calls inside that method. */
    private static final Map<String, Map<String, Map<String, CaptureRule>>> JDK = new HashMap<>();

    private static final CaptureRule MILLIS = CaptureRule.result("java/lang/System", "currentTimeMillis", "()J",
        EventKind.CLOCK_MILLIS);

    static {
        app(MILLIS);
        app(CaptureRule.result("java/lang/System", "nanoTime", "()J", EventKind.NANO_TIME));
        app(CaptureRule.result("java/lang/Math", "random", "()D", EventKind.RANDOM_DOUBLE));
        app(CaptureRule.result("java/lang/StrictMath", "random", "()D", EventKind.RANDOM_DOUBLE));
        app(CaptureRule.result("java/lang/System", "getenv", "(Ljava/lang/String;)Ljava/lang/String;", EventKind.ENV_VAR));
        app(CaptureRule.result("java/lang/System", "getenv", "()Ljava/util/Map;", EventKind.ENV_MAP));
        app(CaptureRule.result("java/lang/Runtime", "availableProcessors", "()I", EventKind.AVAILABLE_PROCESSORS));
        app(CaptureRule.result("java/lang/Runtime", "freeMemory", "()J", EventKind.FREE_MEMORY));
        app(CaptureRule.result("java/lang/Runtime", "totalMemory", "()J", EventKind.TOTAL_MEMORY));
        app(CaptureRule.result("java/lang/Runtime", "maxMemory", "()J", EventKind.MAX_MEMORY));
        app(CaptureRule.result("java/lang/ProcessHandle", "pid", "()J", EventKind.PID));
        app(CaptureRule.result("java/lang/Thread", "getId", "()J", EventKind.THREAD_ID));
        app(CaptureRule.result("java/lang/Thread", "threadId", "()J", EventKind.THREAD_ID));
        app(new CaptureRule("java/lang/Thread", "activeCount", "()I", EventKind.THREAD_COUNT, CaptureAction.REPLACE,
            "activeCount"));
        app(CaptureRule.result("java/lang/ProcessHandleImpl", "pid", "()J", EventKind.PID));
        app(new CaptureRule("java/net/InetAddress", "getLocalHost", "()Ljava/net/InetAddress;", EventKind.LOCAL_HOST,
            CaptureAction.REPLACE, "localHost"));
        app(new CaptureRule("java/lang/Thread", "getStackTrace", "()[Ljava/lang/StackTraceElement;",
            EventKind.THREAD_STACKS, CaptureAction.REPLACE, "threadStack"));
        app(new CaptureRule("java/lang/Thread", "getAllStackTraces", "()Ljava/util/Map;", EventKind.THREAD_STACKS,
            CaptureAction.REPLACE, "allThreadStacks"));
        app(new CaptureRule("java/lang/Thread", "getState", "()Ljava/lang/Thread$State;", EventKind.THREAD_STATE,
            CaptureAction.REPLACE, "threadStateOf"));

        CaptureRule currentInstant = CaptureRule.result("java/time/Clock", "currentInstant", "()Ljava/time/Instant;",
            EventKind.INSTANT);
        // Instant.now(), Clock.systemUTC().instant() and all java.time now() methods end in Clock.currentInstant.
        // Its own body cannot be wrapped per call: it mixes a static offset with VM.getNanoTimeAdjustment.
        jdk("java/time/Instant", "now()Ljava/time/Instant;", currentInstant);
        jdk("java/time/Clock$SystemClock", "instant()Ljava/time/Instant;", currentInstant);
        jdk("java/time/Clock$SystemInstantSource", "instant()Ljava/time/Instant;", currentInstant);
        // Clock.millis() of the system clocks reads the wall clock directly.
        jdk("java/time/Clock$SystemClock", "millis()J", MILLIS);
        jdk("java/time/Clock$SystemInstantSource", "millis()J", MILLIS);
        // new Date() and Calendar.getInstance() read the wall clock in their constructors.
        jdk("java/util/Date", "<init>()V", MILLIS);
        jdk("java/util/GregorianCalendar", "*", MILLIS);
        jdk("java/util/JapaneseImperialCalendar", "*", MILLIS);
        jdk("sun/util/BuddhistCalendar", "*", MILLIS);
        // Calendar.getInstance() builds its calendar through the locale provider, at the current time.
        jdk("sun/util/locale/provider/CalendarProviderImpl", "*", MILLIS);
        // System.console() exists when the JVM has a terminal: Java 17 asks istty() each time, Java 22+
        // reads ttyStatus() once. A replay without a terminal gets the recorded console; its reads come
        // from the recorded stdin and its writes are compared as stdout.
        jdk("java/io/Console$2", "console()Ljava/io/Console;", CaptureRule.result("java/io/Console", "istty", "()Z",
            EventKind.CONSOLE_TTY));
        jdk("java/io/Console", "<clinit>()V", CaptureRule.result("java/io/Console", "ttyStatus", "()I",
            EventKind.CONSOLE_TTY));
        jdk("java/io/Console", "<clinit>()V", CaptureRule.result("java/io/Console", "istty", "()Z",
            EventKind.CONSOLE_TTY));
        // Default thread names count threads JVM-wide: threads made in parallel take numbers in any order.
        jdk("java/lang/Thread", "*", CaptureRule.result("java/lang/Thread", "nextThreadNum", "()I",
            EventKind.THREAD_NUMBER)); // up to Java 19
        jdk("java/lang/Thread", "genThreadName()Ljava/lang/String;", CaptureRule.result(
            "java/lang/Thread$ThreadNumbering", "next", "()I", EventKind.THREAD_NUMBER)); // Java 19 and later
        jdk("java/util/concurrent/Executors$DefaultThreadFactory", "*", CaptureRule.result(
            "java/util/concurrent/atomic/AtomicInteger", "getAndIncrement", "()I", EventKind.THREAD_NUMBER));
        // new Random() seeds itself from a shared counter and nanoTime: capture the final seed.
        jdk("java/util/Random", "<init>()V", new CaptureRule("java/util/Random", "<init>", "(J)V",
            EventKind.RANDOM_SEED, CaptureAction.LAST_ARGUMENT, null));
        // new SplittableRandom() draws from a static generator seeded at class initialization.
        jdk("java/util/SplittableRandom", "<init>()V", CaptureRule.result("java/util/concurrent/atomic/AtomicLong",
            "getAndAdd", "(J)J", EventKind.SPLITTABLE_RANDOM_SEED));
        // ThreadLocalRandom seeds each thread once; all later draws (streams and JDK uses too) follow from it.
        // Main's seed is recorded; the others are made from it and the thread's path (Sink.threadLocalSeed).
        jdk("java/util/concurrent/ThreadLocalRandom", "localInit()V", new CaptureRule(
            "jdk/internal/util/random/RandomSupport", "mixMurmur64", "(J)J", EventKind.THREAD_LOCAL_RANDOM_SEED,
            CaptureAction.REPLACE, "threadLocalSeed"));
        // ...and adds the thread's JVM id to the seed on every draw; JVM ids differ on replay, so another
        // number stands in for it, the same on both sides (Sink.randomThreadId). Nothing is written.
        for (String id : List.of("getId", "threadId")) {
            jdk("java/util/concurrent/ThreadLocalRandom", "nextSeed()J", new CaptureRule("java/lang/Thread", id, "()J",
                EventKind.THREAD_ID, CaptureAction.REPLACE, "randomThreadId"));
        }
        // Every SecureRandom output (nextInt, UUID.randomUUID, ...) goes through nextBytes.
        CaptureRule engineBytes = new CaptureRule("java/security/SecureRandomSpi", "engineNextBytes", "([B)V",
            EventKind.SECURE_RANDOM_BYTES, CaptureAction.FILLED_FIRST_ARGUMENT, null);
        CaptureRule engineBytesWithParams = new CaptureRule("java/security/SecureRandomSpi", "engineNextBytes",
            "([BLjava/security/SecureRandomParameters;)V", EventKind.SECURE_RANDOM_BYTES,
            CaptureAction.FILLED_FIRST_ARGUMENT, null);
        jdk("java/security/SecureRandom", "nextBytes([B)V", engineBytes);
        jdk("java/security/SecureRandom", "nextBytes([BLjava/security/SecureRandomParameters;)V", engineBytesWithParams);
        // Every child process (ProcessBuilder.start, Runtime.exec) is started by ProcessImpl.start: recording
        // watches what the program reads from it, replay starts nothing and plays the child back.
        jdk("java/lang/ProcessBuilder", "start([Ljava/lang/ProcessBuilder$Redirect;)Ljava/lang/Process;",
            new CaptureRule("java/lang/ProcessImpl", "start",
                "([Ljava/lang/String;Ljava/util/Map;Ljava/lang/String;[Ljava/lang/ProcessBuilder$Redirect;Z)Ljava/lang/Process;",
                EventKind.PROCESS_START, CaptureAction.REPLACE, "startProcess"));
        // Host names: every getByName/getAllByName (and a socket's host name) ends in getAllByName0, cache
        // included, so the replay asks no name service and sees the recorded cache behaviour too.
        if (javaSeventeenResolver()) {
            CaptureRule resolve = new CaptureRule("java/net/InetAddress", "getAllByName0",
                "(Ljava/lang/String;Ljava/net/InetAddress;ZZ)[Ljava/net/InetAddress;", EventKind.NET_RESOLVE,
                CaptureAction.REPLACE, "resolve");
            jdk("java/net/InetAddress", "getAllByName(Ljava/lang/String;Ljava/net/InetAddress;)[Ljava/net/InetAddress;",
                resolve);
            jdk("java/net/InetAddress", "getAllByName0(Ljava/lang/String;Z)[Ljava/net/InetAddress;", resolve);
        } else {
            CaptureRule resolve = new CaptureRule("java/net/InetAddress", "getAllByName0",
                "(Ljava/lang/String;Z)[Ljava/net/InetAddress;", EventKind.NET_RESOLVE, CaptureAction.REPLACE, "resolve");
            jdk("java/net/InetAddress", "getAllByName(Ljava/lang/String;)[Ljava/net/InetAddress;", resolve);
            jdk("java/net/InetAddress", "getAllByName0(Ljava/lang/String;)[Ljava/net/InetAddress;", resolve);
        }
        // getHostName of an address without a name asks the name service for a reverse lookup, then
        // confirms the name with a forward one (captured above).
        jdk("java/net/InetAddress", "getHostFromNameService(Ljava/net/InetAddress;Z)Ljava/lang/String;",
            new CaptureRule("java/net/InetAddress$NameService", "getHostByAddr", "([B)Ljava/lang/String;",
                EventKind.NET_RESOLVE, CaptureAction.REPLACE, "reverseLookup"));
        jdk("java/net/InetAddress", "getHostFromNameService(Ljava/net/InetAddress;)Ljava/lang/String;",
            new CaptureRule("java/net/spi/InetAddressResolver", "lookupByAddress", "([B)Ljava/lang/String;",
                EventKind.NET_RESOLVE, CaptureAction.REPLACE, "reverseLookup"));
        // TCP clients (java.net.Socket, so JDBC drivers, HttpURLConnection, ...): the connect in
        // Socket.connect, and the calls NioSocketImpl's streams make on it. Replay connects nowhere.
        jdk("java/net/Socket", "connect(Ljava/net/SocketAddress;I)V", new CaptureRule("java/net/SocketImpl", "connect",
            "(Ljava/net/SocketAddress;I)V", EventKind.NET_CONNECT, CaptureAction.REPLACE, "socketConnect"));
        jdk("sun/nio/ch/NioSocketImpl$1", "read([BII)I", new CaptureRule("sun/nio/ch/NioSocketImpl", "read", "([BII)I",
            EventKind.NET_READ, CaptureAction.REPLACE, "socketRead"));
        jdk("sun/nio/ch/NioSocketImpl$1", "available()I", new CaptureRule("sun/nio/ch/NioSocketImpl", "available", "()I",
            EventKind.NET_READ, CaptureAction.REPLACE, "socketAvailable"));
        jdk("sun/nio/ch/NioSocketImpl$2", "write([BII)V", new CaptureRule("sun/nio/ch/NioSocketImpl", "write", "([BII)V",
            EventKind.NET_WRITE, CaptureAction.REPLACE, "socketWrite"));
        // TCP servers (java.net.ServerSocket): bind and listen in bind(), accept in implAccept(). Replay
        // binds no port; accepted connections are staged and their streams replay the recorded client.
        jdk("java/net/ServerSocket", "bind(Ljava/net/SocketAddress;I)V", new CaptureRule("java/net/SocketImpl", "bind",
            "(Ljava/net/InetAddress;I)V", EventKind.NET_BIND, CaptureAction.REPLACE, "serverBind"));
        jdk("java/net/ServerSocket", "bind(Ljava/net/SocketAddress;I)V", new CaptureRule("java/net/SocketImpl", "listen",
            "(I)V", EventKind.NET_BIND, CaptureAction.REPLACE, "serverListen"));
        jdk("java/net/ServerSocket", "implAccept(Ljava/net/SocketImpl;)V", new CaptureRule("java/net/SocketImpl", "accept",
            "(Ljava/net/SocketImpl;)V", EventKind.NET_ACCEPT, CaptureAction.REPLACE, "serverAccept"));
        // Console.readPassword turns the terminal's echo off and on again; a replay has no terminal.
        jdk("java/io/Console", "readPassword(Ljava/lang/String;[Ljava/lang/Object;)[C", new CaptureRule("java/io/Console",
            "echo", "(Z)Z", EventKind.STDIN, CaptureAction.REPLACE, "consoleEcho"));
        CaptureRule echo = new CaptureRule("jdk/internal/io/JdkConsoleImpl", "echo", "(Z)Z", EventKind.STDIN,
            CaptureAction.REPLACE, "consoleEcho");
        jdk("jdk/internal/io/JdkConsoleImpl", "readPassword(Ljava/lang/String;[Ljava/lang/Object;)[C", echo);
        jdk("jdk/internal/io/JdkConsoleImpl", "readPassword(Ljava/util/Locale;Ljava/lang/String;[Ljava/lang/Object;)[C",
            echo);
        jdk("jdk/internal/io/JdkConsoleImpl", "readPassword0(ZLjava/util/Locale;Ljava/lang/String;[Ljava/lang/Object;)[C",
            echo);
        jdk("java/security/SecureRandom", "generateSeed(I)[B", CaptureRule.result("java/security/SecureRandomSpi",
            "engineGenerateSeed", "(I)[B", EventKind.SECURE_RANDOM_SEED));
    }

    private static final Map<String, Map<String, Map<String, CaptureRule>>> STDIN = new HashMap<>();
    private static volatile boolean stdinReady;
    /** The JDK classes rewritten; asked on every class load, so kept ready. */
    private static volatile Set<String> jdkClasses = Set.copyOf(JDK.keySet());

    static {
        // FileInputStream calls its own natives; the bridge sends fd 0 (System.in, a console) to the sink
        // and every other stream on to the native. Java 21+ adds the trace* variants (JFR).
        CaptureRule read0 = stdin("read0", "()I", "stdinRead0");
        CaptureRule readBytes = stdin("readBytes", "([BII)I", "stdinReadBytes");
        stdinRule("read()I", read0);
        stdinRule("traceRead0()I", read0);
        stdinRule("read([B)I", readBytes);
        stdinRule("read([BII)I", readBytes);
        stdinRule("traceReadBytes([BII)I", readBytes);
        stdinRule("available()I", stdin("available0", "()I", "stdinAvailable"));
        stdinRule("skip(J)J", stdin("skip0", "(J)J", "stdinSkip"));
        stdinRule("length()J", stdin("length0", "()J", "stdinLength"));
        stdinRule("position()J", stdin("position0", "()J", "stdinPosition"));
    }

    private static final Map<String, Map<String, Map<String, CaptureRule>>> FILES = new HashMap<>();
    /** Calls the application makes itself of file natives that are public (RandomAccessFile's). */
    private static final Map<String, CaptureRule> FILE_APPLICATION = new HashMap<>();
    private static volatile boolean filesReady;

    static {
        // Files the application opens: the opens decide once whether the file is kept and mark its
        // descriptor; reads, writes, sizes and positions on a marked descriptor are captured, all others
        // go straight on (FileMarks). Each rule replaces one JDK-internal call just above the natives.
        file("java/io/FileInputStream", "open(Ljava/lang/String;)V", "open0", "(Ljava/lang/String;)V",
            EventKind.FILE_OPEN, "fileOpenInput");
        file("java/io/FileOutputStream", "*", "open0", "(Ljava/lang/String;Z)V", EventKind.FILE_OPEN, "fileOpenOutput");
        file("java/io/FileOutputStream", "*", "writeBytes", "([BIIZ)V", EventKind.FILE_WRITE, "fileWriteBytes");
        file("java/io/FileOutputStream", "*", "write", "(IZ)V", EventKind.FILE_WRITE, "fileWriteByte");
        file("java/io/FileDescriptor", "close()V", "close0", "()V", EventKind.FILE_OPEN, "fileClose");
        file("sun/nio/fs/UnixChannelFactory", "*", "open", "(Lsun/nio/fs/UnixPath;II)I", EventKind.FILE_OPEN,
            "channelOpen");
        String channel = "sun/nio/ch/FileChannelImpl";
        file(channel, "*", "read", "(Ljava/io/FileDescriptor;Ljava/nio/ByteBuffer;JZILsun/nio/ch/NativeDispatcher;)I",
            EventKind.FILE_READ, "channelRead");
        file(channel, "*", "read", "(Ljava/io/FileDescriptor;[Ljava/nio/ByteBuffer;IIZILsun/nio/ch/NativeDispatcher;)J",
            EventKind.FILE_READ, "channelRead");
        file(channel, "*", "write", "(Ljava/io/FileDescriptor;Ljava/nio/ByteBuffer;JZILsun/nio/ch/NativeDispatcher;)I",
            EventKind.FILE_WRITE, "channelWrite");
        file(channel, "*", "write", "(Ljava/io/FileDescriptor;[Ljava/nio/ByteBuffer;IIZILsun/nio/ch/NativeDispatcher;)J",
            EventKind.FILE_WRITE, "channelWrite");
        file(channel, "*", "size", "(Ljava/io/FileDescriptor;)J", EventKind.FILE_READ, "channelSize");
        file(channel, "*", "seek", "(Ljava/io/FileDescriptor;J)J", EventKind.FILE_READ, "channelSeek");
        file(channel, "*", "truncate", "(Ljava/io/FileDescriptor;J)I", EventKind.FILE_READ, "channelTruncate");
        file(channel, "*", "available", "(Ljava/io/FileDescriptor;)I", EventKind.FILE_READ, "channelAvailable");
        file(channel, "*", "isOther", "(Ljava/io/FileDescriptor;)Z", EventKind.FILE_READ, "channelIsOther");
        file("java/io/FileInputStream", "*", "isRegularFile0", "(Ljava/io/FileDescriptor;)Z", EventKind.FILE_READ,
            "fileIsRegular");
        file(channel, "*", "map0", "(IJJZ)J", EventKind.FILE_READ, "channelMap0");
        file(channel, "*", "map", "(Ljava/io/FileDescriptor;IJJZ)J", EventKind.FILE_READ, "channelMap");
        file(channel, "*", "transferTo0", "(Ljava/io/FileDescriptor;JJLjava/io/FileDescriptor;)J", EventKind.FILE_READ,
            "channelTransferTo0");
        file(channel, "*", "transferTo", "(Ljava/io/FileDescriptor;JJLjava/io/FileDescriptor;Z)J", EventKind.FILE_READ,
            "channelTransferTo");
        file(channel, "*", "transferFrom", "(Ljava/io/FileDescriptor;Ljava/io/FileDescriptor;JJZ)J",
            EventKind.FILE_READ, "channelTransferFrom");
        // Questions about NIO paths (exists, isDirectory, size, attributes, walk's stats) and changes to them.
        for (String c : new String[] {"sun/nio/fs/UnixFileAttributes", "sun/nio/fs/UnixFileSystemProvider",
            "sun/nio/fs/UnixFileSystem", "sun/nio/fs/UnixUriUtils"}) {
            file(c, "*", "stat", "(Lsun/nio/fs/UnixPath;Lsun/nio/fs/UnixFileAttributes;)V", EventKind.FILE_STAT,
                "pathStat");
            file(c, "*", "stat2", "(Lsun/nio/fs/UnixPath;Lsun/nio/fs/UnixFileAttributes;)I", EventKind.FILE_STAT,
                "pathStat2");
            file(c, "*", "lstat", "(Lsun/nio/fs/UnixPath;Lsun/nio/fs/UnixFileAttributes;)V", EventKind.FILE_STAT,
                "pathLstat");
            file(c, "*", "stat", "(Lsun/nio/fs/UnixPath;)I", EventKind.FILE_STAT, "pathMode");
            file(c, "*", "access", "(Lsun/nio/fs/UnixPath;I)V", EventKind.FILE_STAT, "pathAccess");
            file(c, "*", "access", "(Lsun/nio/fs/UnixPath;I)I", EventKind.FILE_STAT, "pathAccessErrno");
            file(c, "*", "exists", "(Lsun/nio/fs/UnixPath;)Z", EventKind.FILE_STAT, "pathExists");
        }
        String provider = "sun/nio/fs/UnixFileSystemProvider";
        // Deletes, directories, and the copies and moves of Files.copy and Files.move (UnixCopyFile in Java
        // 17, UnixFileSystem later): replay neither changes nor reads the file system for them.
        for (String c : new String[] {provider, "sun/nio/fs/UnixCopyFile", "sun/nio/fs/UnixFileSystem"}) {
            file(c, "*", "unlink", "(Lsun/nio/fs/UnixPath;)V", EventKind.FILE_STAT, "pathUnlink");
            file(c, "*", "mkdir", "(Lsun/nio/fs/UnixPath;I)V", EventKind.FILE_STAT, "pathMkdir");
            file(c, "*", "rmdir", "(Lsun/nio/fs/UnixPath;)V", EventKind.FILE_STAT, "pathRmdir");
        }
        for (String c : new String[] {"sun/nio/fs/UnixCopyFile", "sun/nio/fs/UnixFileSystem"}) {
            file(c, "*", "rename", "(Lsun/nio/fs/UnixPath;Lsun/nio/fs/UnixPath;)V", EventKind.FILE_STAT, "pathRename");
            // COPY_ATTRIBUTES sets the target's mode, owner and times through its descriptor
            descriptorRules(c);
        }
        // What a path resolves to: Path.toRealPath, Files.readSymbolicLink (and the copies and moves of
        // links), File.getCanonicalPath. A replay asks the analyst's file system none of them.
        file("sun/nio/fs/UnixPath", "*", "realpath", "(Lsun/nio/fs/UnixPath;)[B", EventKind.FILE_LIST, "pathRealpath");
        for (String c : new String[] {provider, "sun/nio/fs/UnixCopyFile", "sun/nio/fs/UnixFileSystem"}) {
            file(c, "*", "readlink", "(Lsun/nio/fs/UnixPath;)[B", EventKind.FILE_LIST, "pathReadlink");
        }
        file("java/io/File", "*", "canonicalize", "(Ljava/lang/String;)Ljava/lang/String;", EventKind.FILE_LIST,
            "ioCanonicalize");
        // Changes to a path's metadata (Files.setPosixFilePermissions, setOwner, setLastModifiedTime, the
        // attribute views): by path, or through a descriptor opened for attribute access, which on replay
        // is the /dev/null stand-in, so what is done to it there is left undone.
        for (String c : new String[] {"sun/nio/fs/UnixFileAttributeViews$Basic", "sun/nio/fs/UnixFileAttributeViews$Posix",
            "sun/nio/fs/UnixFileAttributeViews$Unix", "sun/nio/fs/UnixPath"}) {
            file(c, "*", "chmod", "(Lsun/nio/fs/UnixPath;I)V", EventKind.FILE_STAT, "pathChmod");
            file(c, "*", "chown", "(Lsun/nio/fs/UnixPath;II)V", EventKind.FILE_STAT, "pathChown");
            file(c, "*", "lchown", "(Lsun/nio/fs/UnixPath;II)V", EventKind.FILE_STAT, "pathLchown");
            file(c, "*", "utimes", "(Lsun/nio/fs/UnixPath;JJ)V", EventKind.FILE_STAT, "pathUtimes");
            file(c, "*", "lutimes", "(Lsun/nio/fs/UnixPath;JJ)V", EventKind.FILE_STAT, "pathLutimes");
            file(c, "*", "utimensat", "(ILsun/nio/fs/UnixPath;JJI)V", EventKind.FILE_STAT, "pathUtimensat");
            descriptorRules(c);
        }
        // java.io.File asks the JVM's java.io.FileSystem.
        String io = "java/io/File";
        file(io, "*", "hasBooleanAttributes", "(Ljava/io/File;I)Z", EventKind.FILE_STAT, "ioHasAttributes");
        file(io, "*", "checkAccess", "(Ljava/io/File;I)Z", EventKind.FILE_STAT, "ioCheckAccess");
        file(io, "*", "getLength", "(Ljava/io/File;)J", EventKind.FILE_STAT, "ioLength");
        file(io, "*", "getLastModifiedTime", "(Ljava/io/File;)J", EventKind.FILE_STAT, "ioLastModified");
        file(io, "*", "delete", "(Ljava/io/File;)Z", EventKind.FILE_STAT, "ioDelete");
        file(io, "*", "createDirectory", "(Ljava/io/File;)Z", EventKind.FILE_STAT, "ioCreateDirectory");
        file(io, "*", "list", "(Ljava/io/File;)[Ljava/lang/String;", EventKind.FILE_LIST, "ioList");
        file(io, "*", "rename", "(Ljava/io/File;Ljava/io/File;)Z", EventKind.FILE_STAT, "ioRename");
        file(io, "*", "setLastModifiedTime", "(Ljava/io/File;J)Z", EventKind.FILE_STAT, "ioSetLastModified");
        file(io, "*", "setPermission", "(Ljava/io/File;IZZ)Z", EventKind.FILE_STAT, "ioSetPermission");
        file(io, "*", "setReadOnly", "(Ljava/io/File;)Z", EventKind.FILE_STAT, "ioSetReadOnly");
        file(io, "*", "createFileExclusively", "(Ljava/lang/String;)Z", EventKind.FILE_STAT, "ioCreateExclusively");
        // RandomAccessFile, whichever names this JDK gives its natives. getFilePointer (and Java 17's length
        // and setLength) are public natives the application calls itself: those calls are rewritten too.
        String raf = "java/io/RandomAccessFile";
        file(raf, "open(Ljava/lang/String;I)V", "open0", "(Ljava/lang/String;I)V", EventKind.FILE_OPEN, "rafOpen");
        file(raf, "*", "read0", "()I", EventKind.FILE_READ, "rafRead0");
        file(raf, "*", "write0", "(I)V", EventKind.FILE_WRITE, "rafWrite0");
        file(raf, "*", "seek0", "(J)V", EventKind.FILE_READ, "rafSeek");
        file(raf, "*", "getFilePointer", "()J", EventKind.FILE_READ, "rafPointer");
        for (String name : new String[] {"readBytes0", "readBytes"}) {
            if (dev.airlock.bridge.RandomAccessNatives.isNative(name, byte[].class, int.class, int.class)) {
                file(raf, "*", name, "([BII)I", EventKind.FILE_READ, "rafReadBytes");
            }
        }
        for (String name : new String[] {"writeBytes0", "writeBytes"}) {
            if (dev.airlock.bridge.RandomAccessNatives.isNative(name, byte[].class, int.class, int.class)) {
                file(raf, "*", name, "([BII)V", EventKind.FILE_WRITE, "rafWriteBytes");
            }
        }
        for (String name : new String[] {"length0", "length"}) {
            if (dev.airlock.bridge.RandomAccessNatives.isNative(name)) {
                file(raf, "*", name, "()J", EventKind.FILE_READ, "rafLength");
                if (name.equals("length")) {
                    FILE_APPLICATION.put(CaptureRule.key(raf, "length", "()J"), new CaptureRule(raf, "length", "()J",
                        EventKind.FILE_READ, CaptureAction.REPLACE, "rafLength"));
                }
            }
        }
        for (String name : new String[] {"setLength0", "setLength"}) {
            if (dev.airlock.bridge.RandomAccessNatives.isNative(name, long.class)) {
                file(raf, "*", name, "(J)V", EventKind.FILE_READ, "rafSetLength");
                if (name.equals("setLength")) {
                    FILE_APPLICATION.put(CaptureRule.key(raf, "setLength", "(J)V"), new CaptureRule(raf, "setLength",
                        "(J)V", EventKind.FILE_READ, CaptureAction.REPLACE, "rafSetLength"));
                }
            }
        }
        FILE_APPLICATION.put(CaptureRule.key(raf, "getFilePointer", "()J"), new CaptureRule(raf, "getFilePointer", "()J",
            EventKind.FILE_READ, CaptureAction.REPLACE, "rafPointer"));
        // Directory listings: newDirectoryStream, and so Files.list, walk and find.
        file("java/nio/file/Files", "*", "newDirectoryStream",
            "(Ljava/nio/file/Path;Ljava/nio/file/DirectoryStream$Filter;)Ljava/nio/file/DirectoryStream;",
            EventKind.FILE_LIST, "directoryStream");
    }

    private static final Map<String, Map<String, Map<String, CaptureRule>>> CHANNELS = new HashMap<>();
    private static volatile boolean channelsReady;

    static {
        // NIO socket channels and the epoll selector: connect, bind and accept decide and mark the
        // descriptor, as a file's open does; data, addresses and selections follow the mark.
        String socket = "sun/nio/ch/SocketChannelImpl";
        String server = "sun/nio/ch/ServerSocketChannelImpl";
        String dispatcher = "Lsun/nio/ch/NativeDispatcher;";
        channel(socket, "connect", "(Ljava/net/ProtocolFamily;Ljava/io/FileDescriptor;Ljava/net/SocketAddress;)I",
            EventKind.NET_CHANNEL, "netConnect");
        channel(socket, "pollConnectNow", "(Ljava/io/FileDescriptor;)Z", EventKind.NET_CHANNEL, "netPollConnect");
        channel(socket, "available", "(Ljava/io/FileDescriptor;)I", EventKind.NET_CHANNEL, "netAvailable");
        channel(socket, "shutdown", "(Ljava/io/FileDescriptor;I)V", EventKind.NET_CHANNEL, "netShutdown");
        channel(socket, "read", "(Ljava/io/FileDescriptor;Ljava/nio/ByteBuffer;J" + dispatcher + ")I", EventKind.NET_READ,
            "netRead");
        channel(socket, "read", "(Ljava/io/FileDescriptor;[Ljava/nio/ByteBuffer;II" + dispatcher + ")J",
            EventKind.NET_READ, "netRead");
        channel(socket, "write", "(Ljava/io/FileDescriptor;Ljava/nio/ByteBuffer;J" + dispatcher + ")I",
            EventKind.NET_WRITE, "netWrite");
        channel(socket, "write", "(Ljava/io/FileDescriptor;[Ljava/nio/ByteBuffer;II" + dispatcher + ")J",
            EventKind.NET_WRITE, "netWrite");
        // A blocking channel's adaptor streams (channel.socket().getInputStream()) read and write through
        // the dispatcher at a native address, in tryRead and tryWrite.
        channel(socket, "read", "(Ljava/io/FileDescriptor;JI)I", EventKind.NET_READ, "netReadAddress", "sun/nio/ch/NativeDispatcher");
        channel(socket, "write", "(Ljava/io/FileDescriptor;JI)I", EventKind.NET_WRITE, "netWriteAddress",
            "sun/nio/ch/NativeDispatcher");
        channel(server, "bind", "(Ljava/net/ProtocolFamily;Ljava/io/FileDescriptor;Ljava/net/InetAddress;I)V",
            EventKind.NET_CHANNEL, "netBind");
        channel(server, "listen", "(Ljava/io/FileDescriptor;I)V", EventKind.NET_CHANNEL, "netListen");
        channel(server, "accept", "(Ljava/io/FileDescriptor;Ljava/io/FileDescriptor;[Ljava/net/InetSocketAddress;)I",
            EventKind.NET_CHANNEL, "netAccept");
        for (String c : new String[] {socket, server}) {
            channel(c, "localAddress", "(Ljava/io/FileDescriptor;)Ljava/net/InetSocketAddress;", EventKind.NET_CHANNEL,
                "netLocalAddress");
            channel(c, "close", "(Ljava/io/FileDescriptor;)V", EventKind.NET_CHANNEL, "netClose");
        }
        // Datagrams (DatagramChannel, and DatagramSocket, built on it since Java 15): bind marks, as for a
        // server; receive and send go through natives that take native addresses.
        String datagram = "sun/nio/ch/DatagramChannelImpl";
        channel(datagram, "bind", "(Ljava/net/ProtocolFamily;Ljava/io/FileDescriptor;Ljava/net/InetAddress;I)V",
            EventKind.NET_CHANNEL, "netBind");
        channel(datagram, "receive0", "(Ljava/io/FileDescriptor;JIJZ)I", EventKind.NET_READ, "datagramReceive");
        channel(datagram, "send0", "(Ljava/io/FileDescriptor;JIJI)I", EventKind.NET_WRITE, "datagramSend");
        channel(datagram, "read", "(Ljava/io/FileDescriptor;Ljava/nio/ByteBuffer;J" + dispatcher + ")I",
            EventKind.NET_READ, "netRead");
        channel(datagram, "write", "(Ljava/io/FileDescriptor;Ljava/nio/ByteBuffer;J" + dispatcher + ")I",
            EventKind.NET_WRITE, "netWrite");
        channel(datagram, "localAddress", "(Ljava/io/FileDescriptor;)Ljava/net/InetSocketAddress;", EventKind.NET_CHANNEL,
            "netLocalAddress");
        channel(datagram, "close", "(Ljava/io/FileDescriptor;)V", EventKind.NET_CHANNEL, "netClose");
        // A blocking channel operation with a timeout parks on a poll of the descriptor, and decides from
        // nanoTime whether the time is up: both are replayed, so the timeout comes where it came.
        channel("sun/nio/ch/SelChImpl", "poll", "(Ljava/io/FileDescriptor;IJ)I", EventKind.NET_CHANNEL, "netPoll");
        CaptureRule nanos = CaptureRule.result("java/lang/System", "nanoTime", "()J", EventKind.NANO_TIME);
        for (String c : new String[] {socket, server, datagram}) {
            CHANNELS.get(c).get("*").put(nanos.name() + nanos.descriptor(), nanos);
        }
        String epoll = "sun/nio/ch/EPollSelectorImpl";
        channel(epoll, "wait", "(IJII)I", EventKind.NET_SELECT, "selectWait");
        channel(epoll, "getDescriptor", "(J)I", EventKind.NET_SELECT, "selectDescriptor");
        channel(epoll, "getEvents", "(J)I", EventKind.NET_SELECT, "selectEvents");
    }

    private CaptureRules() {
    }

    private static void channel(String className, String name, String descriptor, EventKind kind, String hook) {
        channel(className, name, descriptor, kind, hook, className);
    }

    /** A rule for calls made in {@code className} of a method declared by {@code owner}. */
    private static void channel(String className, String name, String descriptor, EventKind kind, String hook,
                                String owner) {
        CaptureRule rule = new CaptureRule(owner, name, descriptor, kind, CaptureAction.REPLACE, hook);
        CHANNELS.computeIfAbsent(className, c -> new HashMap<>()).computeIfAbsent("*", m -> new HashMap<>())
            .put(name + descriptor, rule);
    }

    /**
     * A descriptor the NIO file system opens only to change what it refers to (a copy's target, a file
     * opened for attribute access): its open is captured, and on replay it is the {@code /dev/null}
     * stand-in, so the mode, owner and times set through it are left undone there.
     */
    private static void descriptorRules(String c) {
        file(c, "*", "open", "(Lsun/nio/fs/UnixPath;II)I", EventKind.FILE_OPEN, "channelOpen");
        file(c, "*", "close", "(I)V", EventKind.FILE_OPEN, "pathClose");
        file(c, "*", "close", "(ILjava/util/function/Function;)V", EventKind.FILE_OPEN, "pathClose");
        file(c, "*", "fchmod", "(II)V", EventKind.FILE_STAT, "openFileMode");
        file(c, "*", "fchown", "(III)V", EventKind.FILE_STAT, "openFileOwner");
        file(c, "*", "futimes", "(IJJ)V", EventKind.FILE_STAT, "openFileTimes");
        file(c, "*", "futimens", "(IJJ)V", EventKind.FILE_STAT, "openFileTimes");
    }

    private static void file(String className, String method, String name, String descriptor, EventKind kind,
                             String hook) {
        CaptureRule rule = new CaptureRule(className, name, descriptor, kind, CaptureAction.REPLACE, hook);
        FILES.computeIfAbsent(className, c -> new HashMap<>()).computeIfAbsent(method, m -> new HashMap<>())
            .put(name + descriptor, rule);
    }

    /** Java 17 resolves through getAllByName0(host, requested, check, useCache); 18 and later differ. */
    private static boolean javaSeventeenResolver() {
        try {
            java.net.InetAddress.class.getDeclaredMethod("getAllByName0", String.class, java.net.InetAddress.class,
                boolean.class, boolean.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static CaptureRule stdin(String name, String descriptor, String hook) {
        return new CaptureRule("java/io/FileInputStream", name, descriptor, EventKind.STDIN, CaptureAction.REPLACE, hook);
    }

    private static void stdinRule(String method, CaptureRule rule) {
        STDIN.computeIfAbsent("java/io/FileInputStream", c -> new HashMap<>()).computeIfAbsent(method, m -> new HashMap<>())
            .put(rule.name() + rule.descriptor(), rule);
    }

    /**
     * Turns on the stdin and file rules this JVM's JDK allows (the same JDK code on both sides of a
     * replay, so the same rules), and says which for the agent log.
     */
    private static volatile boolean serialThreads;
    /**
     * {@code threads=serial}: java.util.concurrent decides timeouts with its own {@code nanoTime} reads
     * (a timed {@code Future.get}, {@code tryLock}, {@code poll}, {@code await}); recorded there, a
     * replay times out at the same turn as the recording did.
     */
    private static final Map<String, Map<String, Map<String, CaptureRule>>> SERIAL = new HashMap<>();

    static {
        CaptureRule nanos = CaptureRule.result("java/lang/System", "nanoTime", "()J", EventKind.NANO_TIME);
        for (String c : List.of("FutureTask", "locks/AbstractQueuedSynchronizer",
            "locks/AbstractQueuedSynchronizer$ConditionObject", "locks/AbstractQueuedLongSynchronizer",
            "locks/AbstractQueuedLongSynchronizer$ConditionObject", "SynchronousQueue", "SynchronousQueue$TransferStack",
            "SynchronousQueue$TransferQueue", "SynchronousQueue$Transferer", "LinkedTransferQueue",
            "LinkedTransferQueue$DualNode", "Exchanger", "CompletableFuture", "CompletableFuture$Signaller",
            "ForkJoinPool", "ForkJoinTask", "CyclicBarrier", "Phaser", "ThreadPoolExecutor",
            "ScheduledThreadPoolExecutor", "ScheduledThreadPoolExecutor$ScheduledFutureTask",
            "ScheduledThreadPoolExecutor$DelayedWorkQueue", "DelayQueue", "CountDownLatch", "Semaphore")) {
            SERIAL.computeIfAbsent("java/util/concurrent/" + c, k -> new HashMap<>())
                .computeIfAbsent("*", m -> new HashMap<>()).put(nanos.name() + nanos.descriptor(), nanos);
        }
        // java.util.Timer decides when a task is due by its own clock reads (see JdkMonitors)
        for (String c : List.of("java/util/Timer", "java/util/TimerThread")) {
            SERIAL.computeIfAbsent(c, k -> new HashMap<>()).computeIfAbsent("*", m -> new HashMap<>())
                .put(MILLIS.name() + MILLIS.descriptor(), MILLIS);
        }
    }

    /**
     * {@code threads=serial}: application methods get scheduling points and hand their monitors to the
     * scheduler, and {@code LockSupport}'s parks are bracketed. Set before any class is rewritten.
     */
    public static void enableSerialThreads() {
        serialThreads(true);
    }

    private static volatile boolean memoryPoints;

    /**
     * {@code preempt=memory}: application methods also get a scheduling point before every field and array
     * element access. Set before any class is rewritten, on both sides of a replay.
     */
    public static void enableMemoryPoints() {
        memoryPoints(true);
    }

    /** For tests, which share one JVM. */
    static void memoryPoints(boolean on) {
        memoryPoints = on;
    }

    public static boolean memoryPoints() {
        return memoryPoints;
    }

    /** For tests, which share one JVM: switches the serial rules on or off. */
    static void serialThreads(boolean on) {
        serialThreads = on;
        update();
    }

    public static boolean serialThreads() {
        return serialThreads;
    }

    private static volatile boolean orderedThreads;

    /**
     * {@code threads=ordered}: application methods get their monitor entries, waits, lock calls and
     * atomic updates ordered. Set before any class is rewritten.
     */
    public static void enableOrderedThreads() {
        orderedThreads(true);
    }

    /** For tests, which share one JVM: switches the ordered rules on or off. */
    static void orderedThreads(boolean on) {
        orderedThreads = on;
        update();
    }

    public static boolean orderedThreads() {
        return orderedThreads;
    }

    /** Whether every application class is rewritten for its threads, and identity hashes are the agent's. */
    public static boolean threadsRewritten() {
        return serialThreads || orderedThreads;
    }

    public static String enableStreams() {
        boolean stdin = dev.airlock.bridge.FileInputNatives.ready();
        boolean files = stdin && dev.airlock.bridge.FileNatives.ready() && dev.airlock.bridge.RandomAccessNatives.ready();
        boolean channels = files && dev.airlock.bridge.ChannelNatives.ready();
        stdinReady = stdin;
        filesReady = files;
        channelsReady = channels;
        update();
        return (stdin ? "stdin is captured" : "stdin is not captured: FileInputStream's natives are not reachable")
            + (files ? "; files are captured" : "; files are not captured: the JDK's file internals are not reachable")
            + (channels ? "; socket channels and selectors are captured"
                : "; socket channels are not captured: the JDK's channel internals are not reachable ("
                    + dev.airlock.bridge.ChannelNatives.missing() + ")");
    }

    /**
     * Turns the stdin rules on once the bridge can reach {@code FileInputStream}'s natives
     * ({@code FileInputNatives.ready()}); until then the stream is never rewritten.
     */
    public static void enableStdin(boolean ready) {
        stdinReady = ready;
        update();
    }

    /**
     * Turns the file rules on once the bridge reaches every JDK-internal call they replace
     * ({@code FileNatives.ready()}); they need the stdin rules too, since a file opened by
     * {@code FileInputStream} is read through the same natives.
     */
    public static void enableFiles(boolean ready) {
        filesReady = ready;
        update();
    }

    /** Turns the socket channel and selector rules on (with the file rules, whose marks they share). */
    public static void enableChannels(boolean ready) {
        channelsReady = ready;
        update();
    }

    private static void update() {
        Set<String> all = new java.util.HashSet<>(JDK.keySet());
        if (serialThreads) {
            all.addAll(SERIAL.keySet());
        }
        if (stdinReady) {
            all.addAll(STDIN.keySet());
        }
        if (stdinReady && filesReady) {
            all.addAll(FILES.keySet());
            if (channelsReady) {
                all.addAll(CHANNELS.keySet());
                all.add(SelectedKeyOrder.SELECTOR);
            }
        }
        jdkClasses = Set.copyOf(all);
    }

    private static void app(CaptureRule rule) {
        APPLICATION.put(rule.key(), rule);
    }

    private static void jdk(String className, String method, CaptureRule rule) {
        JDK.computeIfAbsent(className, c -> new HashMap<>()).computeIfAbsent(method, m -> new HashMap<>())
            .put(rule.name() + rule.descriptor(), rule);
    }

    /** Names of every method captured in application classes, for {@link ConstantPoolScan}. */
    static Set<String> applicationMethodNames() {
        Set<String> names = new java.util.HashSet<>();
        for (CaptureRule rule : APPLICATION.values()) {
            names.add(rule.name());
        }
        for (CaptureRule rule : FILE_APPLICATION.values()) {
            names.add(rule.name());
        }
        return names;
    }

    static CaptureRule forApplicationCall(String owner, String name, String descriptor) {
        CaptureRule rule = APPLICATION.get(CaptureRule.key(owner, name, descriptor));
        if (rule == null && stdinReady && filesReady) {
            rule = FILE_APPLICATION.get(CaptureRule.key(owner, name, descriptor));
        }
        return rule;
    }

    /**
     * Rules for calls inside one JDK method, by called name and descriptor; empty when that method is not
     * rewritten. The owner is left out: javac names an inherited static method by the subclass
     * ({@code Clock$SystemClock.currentInstant}), and these few methods are unambiguous by name.
     */
    /**
     * The JDK method a bridge method of {@code Hooks} stands in for, as {@code {class name, method name}}, or
     * null: replay puts it back at the top of an exception it rethrows, where the recording's trace had it.
     */
    public static String[] replacedBy(String bridgeMethod) {
        for (Map<String, Map<String, Map<String, CaptureRule>>> rules : List.of(JDK, STDIN, FILES, CHANNELS)) {
            for (Map<String, Map<String, CaptureRule>> byMethod : rules.values()) {
                for (Map<String, CaptureRule> byCall : byMethod.values()) {
                    for (CaptureRule rule : byCall.values()) {
                        if (bridgeMethod.equals(rule.replacement())) {
                            return new String[] {rule.owner().replace('/', '.'), rule.name()};
                        }
                    }
                }
            }
        }
        return null;
    }

    static Map<String, CaptureRule> forJdkMethod(String className, String method, String descriptor) {
        Map<String, CaptureRule> rules = rulesIn(JDK.get(className), method + descriptor);
        if (serialThreads) {
            rules = merged(rules, rulesIn(SERIAL.get(className), method + descriptor));
        }
        if (stdinReady) {
            rules = merged(rules, rulesIn(STDIN.get(className), method + descriptor));
            if (filesReady) {
                rules = merged(rules, rulesIn(FILES.get(className), method + descriptor));
                if (channelsReady) {
                    rules = merged(rules, rulesIn(CHANNELS.get(className), method + descriptor));
                }
            }
        }
        return rules;
    }

    private static Map<String, CaptureRule> rulesIn(Map<String, Map<String, CaptureRule>> byMethod, String method) {
        if (byMethod == null) {
            return Map.of();
        }
        Map<String, CaptureRule> rules = byMethod.get(method);
        return rules != null ? rules : byMethod.getOrDefault("*", Map.of());
    }

    private static Map<String, CaptureRule> merged(Map<String, CaptureRule> a, Map<String, CaptureRule> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Map<String, CaptureRule> all = new HashMap<>(a);
        all.putAll(b);
        return all;
    }

    /** Whether selectors get insertion-ordered selected-key sets ({@link SelectedKeyOrder}). */
    static boolean ordersSelectedKeys() {
        return stdinReady && filesReady && channelsReady;
    }

    static Set<String> jdkClasses() {
        return jdkClasses;
    }

    static List<String> allJdkClasses() {
        List<String> all = new java.util.ArrayList<>(jdkClasses());
        all.addAll(EntryHooks.classes());
        return all;
    }
}
