package org.inboundrouter.config;

import java.io.IOException;
import java.net.InetAddress;

/** Facts about host names in config files. */
public final class Hosts {

    private Hosts() {
    }

    /**
     * Whether {@code host} is this machine: {@code localhost} or a literal loopback address. A name is never resolved
     * here, so neither a typo nor DNS can make a remote host look local (and let a secret be written inline, or a
     * password travel in clear).
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.replaceAll("[\\[\\]]", "");
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
