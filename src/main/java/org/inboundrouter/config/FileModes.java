package org.inboundrouter.config;

import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** File modes as operators read them in messages: {@code 0644}. */
public final class FileModes {

    private FileModes() {
    }

    /** The mode as an octal string: {@code 0755}. */
    public static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission p : mode) {
            bits |= 1 << (8 - p.ordinal()); // OWNER_READ (ordinal 0) is 0400 ... OTHERS_EXECUTE (8) is 0001
        }
        return String.format("0%03o", bits);
    }
}
