package org.inboundrouter.config;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks that a port the daemon is about to listen on is free, so that a clash is one sentence, not a timeout. */
public final class Ports {

    private Ports() {
    }

    /**
     * Throws {@link StartupException} "port N is in use on HOST (setting S)" when another process listens on it.
     * (A check, not a reservation: another process can still take the port before the server binds it; the
     * server's own error then says so.)
     */
    public static void requireFree(String host, int port, String setting) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (BindException e) {
            throw new StartupException(inUse(host, port, setting), e);
        } catch (IOException e) {
            throw new StartupException("cannot listen on " + host + ":" + port + " (setting " + setting + "): "
                    + e.getMessage(), e);
        }
    }

    public static String inUse(String host, int port, String setting) {
        return "port " + port + " is in use on " + host + " (setting " + setting
                + "): another program, or another inbound-router, listens there; stop it or choose another port";
    }
}
