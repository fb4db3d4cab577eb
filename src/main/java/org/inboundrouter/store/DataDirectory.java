package org.inboundrouter.store;

import org.inboundrouter.config.FileModes;
import org.inboundrouter.config.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The embedded store's directory holds every customer's messages, so it is private to the daemon's user: created
 * 0700, its files 0600. An existing directory that others can read is used as it is, with a WARN naming it and its
 * mode (the operator may have meant it; the files in it are still made 0600). Java cannot set the process's umask,
 * so files H2 creates later (a trace file after an error, temporary files for large results) are protected by the
 * directory's mode, and made 0600 when the store closes. On file systems without POSIX permissions nothing is
 * changed.
 */
public final class DataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataDirectory() {
    }

    /**
     * Makes {@code dir} ready for the store: creates it (0700) when missing, warns when it exists and group or
     * others may read it, and checks that a file can be created in it. Throws {@link StartupException} with one
     * sentence naming the directory and the cause when it cannot be used.
     */
    public static void prepare(Path dir) {
        Path abs = dir.toAbsolutePath();
        boolean posix = posix(abs);
        try {
            if (!Files.isDirectory(abs)) {
                if (posix) {
                    Files.createDirectories(abs, PosixFilePermissions.asFileAttribute(DIRECTORY));
                    // createDirectories applies the umask; a umask of 0 is no reason to open the directory up
                    Files.setPosixFilePermissions(abs, DIRECTORY);
                } else {
                    Files.createDirectories(abs);
                }
            } else if (posix) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(abs);
                if (mode.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                    LOG.warn("Data directory {} has mode {} ({}): group or others can reach the store's files, "
                            + "which hold customers' messages; chmod 700 {}", abs, FileModes.octal(mode),
                            PosixFilePermissions.toString(mode), abs);
                }
            }
            Path probe = Files.createTempFile(abs, ".write-check-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new StartupException("cannot use the data directory " + abs + ": " + cause(e), e);
        }
    }

    /** Makes every file directly in {@code dir} 0600 (the store's files; H2 makes them with the umask's mode). */
    public static void tightenFiles(Path dir) {
        Path abs = dir.toAbsolutePath();
        if (!posix(abs) || !Files.isDirectory(abs)) {
            return;
        }
        try (Stream<Path> files = Files.list(abs)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && !Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(FILE)) {
                    Files.setPosixFilePermissions(file, FILE);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot make the files in data directory {} private (0600): {}", abs, cause(e));
        }
    }

    private static boolean posix(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null
                && Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
    }

    /** What went wrong, in words: "permission denied", "/srv/x is not a directory", "read-only file system". */
    static String cause(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied" + (a.getFile() == null ? "" : " on " + a.getFile())
                    + " for user " + System.getProperty("user.name");
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String reason = f.getReason().toLowerCase(java.util.Locale.ROOT);
            if (reason.equals("not a directory") && f.getFile() != null) {
                return "a part of " + f.getFile() + " is a file, not a directory";
            }
            return reason + (f.getFile() == null ? "" : " (" + f.getFile() + ")");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
