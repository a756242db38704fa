package dev.airlock.recorder.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import org.junit.jupiter.api.Test;

/** A selector's wake-up descriptors are told from channels, open or closed since. */
class WakeUpDescriptorsTest {

    @Test
    void a_pipe_may_wake_a_selector_but_a_socket_and_a_closed_descriptor_do_not() throws Exception {
        Pipe pipe = Pipe.open();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertTrue(WakeUpDescriptors.isWakeUp(fd(pipe.source())), "a pipe (Java 17's wake-up)");
            assertFalse(WakeUpDescriptors.isWakeUp(fd(server)), "a socket");
            int closed = fd(pipe.sink());
            pipe.sink().close();
            pipe.source().close();
            assertFalse(WakeUpDescriptors.isWakeUp(closed), "a descriptor closed since");
        }
    }

    private static int fd(Channel channel) throws ReflectiveOperationException {
        java.lang.reflect.Method m = channel.getClass().getDeclaredMethod("getFDVal");
        m.setAccessible(true);
        return (int) m.invoke(channel);
    }
}
