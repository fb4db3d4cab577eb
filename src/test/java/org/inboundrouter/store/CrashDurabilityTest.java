package org.inboundrouter.store;

import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.classify.Classification;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Priority;
import org.inboundrouter.pipeline.IngestPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What was acknowledged survives the process dying on the spot: a child JVM stores messages and halts (no shutdown
 * hooks, no close: what SIGKILL does) right after the last commit returns; every message must be there afterwards.
 * Without the flush after each commit, H2 lost about one in ten of them here.
 */
class CrashDurabilityTest {

    private static final int MESSAGES = 300;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommitSurvivesAHalt() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HaltAfterCommits.class.getName(), dir.toString(),
                Integer.toString(MESSAGES))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("halted after the last commit").isEqualTo(137);

        Database db = Database.embedded(dir.resolve("store"));
        try {
            long stored = db.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM messages")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(stored).isEqualTo(MESSAGES);
        } finally {
            db.close();
        }
    }

    /** The child: stores {@code n} messages one transaction each, then halts the JVM. */
    public static final class HaltAfterCommits {
        public static void main(String[] args) throws Exception {
            Database db = Database.embedded(Path.of(args[0]).resolve("store"));
            IngestPipeline pipeline = new IngestPipeline(db, m -> new Classification("other", null, Priority.NORMAL),
                    Map.of(), List.of());
            int n = Integer.parseInt(args[1]);
            for (int i = 0; i < n; i++) {
                pipeline.ingest(ChatIntake.from(new ChannelRef("sms", "gw"), ("m" + i).getBytes(StandardCharsets.UTF_8))
                        .dedupKey("halt:" + i).sender(Party.of("+8613800" + i)).text("message " + i).build());
            }
            Runtime.getRuntime().halt(137);
        }
    }
}
