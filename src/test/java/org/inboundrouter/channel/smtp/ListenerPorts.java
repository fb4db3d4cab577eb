package org.inboundrouter.channel.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free port for a listener that the daemon binds later. Not from the ephemeral range, as
 * {@code TestDaemon.freePort()} is: the daemon picks its HTTP port that way after ours was chosen and released, and
 * the kernel may hand out the very same one again.
 */
final class ListenerPorts {

    private ListenerPorts() {
    }

    static int free() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException inUse) {
                // try another
            }
        }
        throw new IOException("no free port between 20000 and 32000");
    }
}
