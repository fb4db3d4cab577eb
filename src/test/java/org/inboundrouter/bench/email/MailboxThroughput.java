package org.inboundrouter.bench.email;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;

/**
 * How fast a mailbox full of unseen mail becomes tickets: every mail in the INBOX is marked unseen, then one of
 * <ul>
 *   <li>{@code consumer}: the IMAP channel as it ships (ImapMailboxEndpoint, IDLE, batches) into a fresh store;</li>
 *   <li>{@code camel-mail}: the same channel route fed by camel-mail (the email-source Kamelet), as before;</li>
 *   <li>{@code bare}: no router, only Jakarta Mail: one FETCH for all (ENVELOPE, FLAGS, BODYSTRUCTURE, body), each
 *       mail written out with writeTo, one STORE \Seen for all: the ceiling the imap-performance note measured.</li>
 * </ul>
 * takes them all in. Several rounds per JVM: the first is cold, the others warm.
 *
 * <p>Usage: {@code MailboxThroughput VARIANT HOST PORT USER PASSWORD ROUNDS [--no-stream-provider]}. One line per
 * round: {@code variant=.. round=.. mails=.. seconds=.. rate=..} (seconds until every mail is a ticket, or for bare
 * until all are read and flagged), plus for the router {@code seen_seconds} (until the server has them all \Seen).
 */
public final class MailboxThroughput {

    private static final Duration LIMIT = Duration.ofMinutes(10);

    private MailboxThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        BenchMailbox mailbox = BenchMailbox.fromArgs(args, 1);
        int rounds = Integer.parseInt(args[5]);
        boolean streamProvider = !(args.length > 6 && args[6].equals("--no-stream-provider"));
        BenchMailbox.streamProvider(streamProvider);
        String label = streamProvider ? variant : variant + "-no-stream-provider";
        for (int round = 1; round <= rounds; round++) {
            int mails = mailbox.markAll(true);
            String line = switch (variant) {
                case "bare" -> bare(mailbox, mails);
                case "consumer" -> router(mailbox, mails, false);
                case "camel-mail" -> router(mailbox, mails, true);
                default -> throw new IllegalArgumentException("variant: consumer, camel-mail or bare");
            };
            System.out.println("variant=" + label + " round=" + round + " mails=" + mails + " " + line);
            System.out.flush();
        }
        System.exit(0);
    }

    private static String bare(BenchMailbox mailbox, int mails) throws Exception {
        long start = System.nanoTime();
        long bytes = 0;
        try (Store store = mailbox.connect()) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(FetchProfile.Item.CONTENT_INFO);
            profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
            inbox.fetch(unseen, profile);
            for (Message m : unseen) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
                m.writeTo(out);
                bytes += out.size();
            }
            inbox.setFlags(unseen, new Flags(Flags.Flag.SEEN), true);
            inbox.close(false);
            if (unseen.length != mails) {
                throw new IllegalStateException("read " + unseen.length + " of " + mails);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "seconds=%.3f rate=%.0f bytes=%d", seconds, mails / seconds, bytes);
    }

    private static String router(BenchMailbox mailbox, int mails, boolean camelMail) throws Exception {
        Path data = Files.createTempDirectory("email-bench-store");
        // camel-mail waits pollInterval between polls of at most 500 mails: keep that short so it measures fetching
        Duration poll = camelMail ? Duration.ofMillis(100) : Duration.ofSeconds(60);
        try (BenchRouter router = new BenchRouter(mailbox.channel(poll), camelMail, data);
                BenchMailbox.Watch watch = mailbox.watch()) {
            long start = System.nanoTime();
            router.start();
            long deadline = start + LIMIT.toNanos();
            while (router.completed() < mails) {
                check(deadline, router.completed(), mails);
                Thread.sleep(5);
            }
            double stored = (System.nanoTime() - start) / 1e9;
            while (watch.unseen() > 0) {
                check(deadline, mails - watch.unseen(), mails);
                Thread.sleep(20);
            }
            double seen = (System.nanoTime() - start) / 1e9;
            int tickets = router.tickets();
            if (tickets != mails) {
                throw new IllegalStateException(tickets + " tickets for " + mails + " mails");
            }
            return String.format(Locale.ROOT, "seconds=%.3f rate=%.0f seen_seconds=%.3f tickets=%d failed=%d",
                    stored, mails / stored, seen, tickets, router.failed());
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void check(long deadline, int done, int mails) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("only " + done + " of " + mails + " after " + LIMIT);
        }
    }
}
