package dev.airlock.recorder.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.bridge.Hooks;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The file, socket channel and selector rules against this JDK's own classes: each class still verifies after rewriting, every call
 * it now makes into the bridge names a method the bridge has (JDK-internal types taken as Object), and
 * the calls that must be captured are.
 */
class IoRulesTest {

    private final FakeSiteRegistry registry = new FakeSiteRegistry();
    private final List<String> errors = new ArrayList<>();

    @BeforeEach
    void enable() {
        CaptureRules.enableStdin(true);
        CaptureRules.enableFiles(true);
        CaptureRules.enableChannels(true);
    }

    @AfterEach
    void disable() {
        CaptureRules.enableChannels(false);
        CaptureRules.enableFiles(false);
        CaptureRules.enableStdin(false);
    }

    private ClassNode rewritten(String internalName) {
        AirlockTransformer transformer = new AirlockTransformer(registry, null, new AirlockTransformer.AgentSection() {
            @Override
            public void enter() {
            }

            @Override
            public void exit() {
            }
        }, (name, error) -> errors.add(name + ": " + error));
        byte[] out = transformer.rewrite(internalName, Bytecode.ofJdk(internalName), true);
        assertNotNull(out, internalName + " was not rewritten");
        assertEquals("", Bytecode.verify(out, ClassLoader.getSystemClassLoader()), internalName);
        assertEquals(List.of(), errors);
        return Bytecode.parse(out);
    }

    /** Every bridge method the rewritten class calls, as name + descriptor. */
    private static Set<String> bridgeCalls(ClassNode type) {
        Set<String> calls = new HashSet<>();
        for (MethodNode m : type.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof MethodInsnNode call && call.owner.equals(Bytecode.HOOKS)) {
                    calls.add(call.name + call.desc);
                }
            }
        }
        return calls;
    }

    private static Set<String> bridgeMethods() {
        Set<String> methods = new HashSet<>();
        for (Method m : Hooks.class.getDeclaredMethods()) {
            methods.add(m.getName() + Type.getMethodDescriptor(m));
        }
        return methods;
    }

    @Test
    void every_bridge_call_in_the_rewritten_file_classes_exists() {
        Set<String> bridge = bridgeMethods();
        for (String c : List.of("java/io/FileInputStream", "java/io/RandomAccessFile", "java/io/FileOutputStream",
            "java/io/FileDescriptor", "java/io/File", "sun/nio/ch/FileChannelImpl", "sun/nio/fs/UnixChannelFactory",
            "sun/nio/fs/UnixFileAttributes", "sun/nio/fs/UnixFileSystemProvider", "java/nio/file/Files",
            "sun/nio/ch/SocketChannelImpl", "sun/nio/ch/ServerSocketChannelImpl", "sun/nio/ch/EPollSelectorImpl",
            "sun/nio/ch/DatagramChannelImpl", "sun/nio/ch/SelChImpl")) {
            Set<String> calls = bridgeCalls(rewritten(c));
            assertFalse(calls.isEmpty(), c + " calls the bridge");
            for (String call : calls) {
                assertTrue(bridge.contains(call), c + " calls Hooks." + call + ", which the bridge does not have");
            }
        }
    }

    @Test
    void opens_reads_and_listings_go_to_the_bridge() {
        assertTrue(bridgeCalls(rewritten("java/io/FileInputStream"))
            .contains("fileOpenInput(Ljava/io/FileInputStream;Ljava/lang/String;I)V"));
        assertTrue(bridgeCalls(rewritten("sun/nio/fs/UnixChannelFactory"))
            .contains("channelOpen(Ljava/lang/Object;III)I"));
        Set<String> channel = bridgeCalls(rewritten("sun/nio/ch/FileChannelImpl"));
        assertTrue(channel.contains(
            "channelRead(Ljava/io/FileDescriptor;Ljava/nio/ByteBuffer;JZILjava/lang/Object;I)I"), channel.toString());
        assertTrue(channel.contains("channelSize(Ljava/lang/Object;Ljava/io/FileDescriptor;I)J"), channel.toString());
        assertTrue(bridgeCalls(rewritten("java/nio/file/Files")).contains("directoryStream(Ljava/nio/file/spi/FileSystemProvider;"
            + "Ljava/nio/file/Path;Ljava/nio/file/DirectoryStream$Filter;I)Ljava/nio/file/DirectoryStream;"));
        assertTrue(bridgeCalls(rewritten("java/io/File")).contains("ioList(Ljava/lang/Object;Ljava/io/File;I)[Ljava/lang/String;"));
    }

    @Test
    void channels_and_selectors_go_to_the_bridge() {
        Set<String> socket = bridgeCalls(rewritten("sun/nio/ch/SocketChannelImpl"));
        assertTrue(socket.contains("netConnect(Ljava/net/ProtocolFamily;Ljava/io/FileDescriptor;Ljava/net/SocketAddress;I)I"),
            socket.toString());
        assertTrue(socket.contains("netRead(Ljava/io/FileDescriptor;Ljava/nio/ByteBuffer;JLjava/lang/Object;I)I"),
            socket.toString());
        assertTrue(bridgeCalls(rewritten("sun/nio/ch/ServerSocketChannelImpl"))
            .contains("netAccept(Ljava/io/FileDescriptor;Ljava/io/FileDescriptor;[Ljava/net/InetSocketAddress;I)I"));
        Set<String> selector = bridgeCalls(rewritten("sun/nio/ch/EPollSelectorImpl"));
        assertTrue(selector.containsAll(Set.of("selectWait(IJIII)I", "selectDescriptor(JI)I", "selectEvents(JI)I",
            "selectorWoken()V")), selector.toString());
    }

    @Test
    void a_selectors_selected_keys_keep_the_order_they_were_reported_in() {
        ClassNode selector = rewritten("sun/nio/ch/SelectorImpl");
        List<String> init = new ArrayList<>();
        for (MethodNode m : selector.methods) {
            if (m.name.equals("<init>")) {
                init.addAll(Bytecode.listing(m));
            }
        }
        assertTrue(init.contains("NEW java/util/LinkedHashSet"), init.toString());
        assertFalse(init.contains("NEW java/util/HashSet"), init.toString());
    }
}
