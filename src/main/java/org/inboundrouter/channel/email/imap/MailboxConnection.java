package org.inboundrouter.channel.email.imap;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.search.FlagTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.inboundrouter.config.EmailChannelConfig;
import org.inboundrouter.config.EmailChannelConfig.AfterImport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One logged-in IMAP connection with the channel's folder open read-write. Used by one thread, woken by another. */
final class MailboxConnection implements AutoCloseable {

    private final Store store;
    private final IMAPFolder folder;
    private final Folder moveTarget;
    private final boolean idles;

    private MailboxConnection(Store store, IMAPFolder folder, Folder moveTarget, boolean idles) {
        this.store = store;
        this.folder = folder;
        this.moveTarget = moveTarget;
        this.idles = idles;
    }

    static MailboxConnection open(EmailChannelConfig config) throws MessagingException {
        Store store = ImapSessions.session(config).getStore();
        try {
            store.connect(config.host(), config.port(), config.username(), config.password().value());
            Folder moveTarget = null;
            if (config.afterImport() == AfterImport.MOVE) {
                moveTarget = store.getFolder(config.moveTo());
                if (!moveTarget.exists() && !moveTarget.create(Folder.HOLDS_MESSAGES)) {
                    throw new MessagingException("cannot create folder " + config.moveTo());
                }
            }
            IMAPFolder folder = (IMAPFolder) store.getFolder(config.folder());
            folder.open(Folder.READ_WRITE);
            boolean idles = config.idle() && ((IMAPStore) store).hasCapability("IDLE");
            return new MailboxConnection(store, folder, moveTarget, idles);
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(store);
            throw e;
        }
    }

    /** Whether this connection waits with IDLE (configured so and offered by the server). */
    boolean idles() {
        return idles;
    }

    IMAPFolder folder() {
        return folder;
    }

    Folder moveTarget() {
        return moveTarget;
    }

    boolean hasCapability(String capability) throws MessagingException {
        return ((IMAPStore) store).hasCapability(capability);
    }

    /**
     * The folder's unseen mail, oldest first: one SEARCH, repeated when the server announced new mail along with an
     * empty answer (a server may compute the answer before it reports what arrived meanwhile).
     */
    List<Message> unseen() throws MessagingException {
        FlagTerm unseen = new FlagTerm(new Flags(Flags.Flag.SEEN), false);
        while (true) {
            int known = folder.getMessageCount();
            Message[] found = folder.search(unseen);
            if (found.length > 0 || folder.getMessageCount() == known) {
                return List.of(found);
            }
        }
    }

    /**
     * Ends the IDLE whenever the server announces new mail, however it does: Angus returns from an IDLE only for
     * what arrives after the server's go-ahead, while a server may announce mail delivered just before the IDLE
     * ahead of it (GreenMail does). The folder's events come on Angus's event thread; the wake runs on {@code waker}.
     */
    void wakeOnNewMail(ScheduledExecutorService waker) {
        folder.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent event) {
                try {
                    waker.execute(MailboxConnection.this::wake);
                } catch (RejectedExecutionException stopping) {
                    // the channel is stopping
                }
            }
        });
    }

    /**
     * Waits in IDLE until the server reports a change to the folder (new mail, mostly) or {@code renew} has passed.
     * The renewal interrupts the IDLE with a NOOP from {@code waker}'s thread; repeated, in case the first one came
     * before the IDLE had started.
     */
    void idle(Duration renew, ScheduledExecutorService waker) throws MessagingException {
        ScheduledFuture<?> wake = waker.scheduleWithFixedDelay(this::wake, renew.toMillis(), renew.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            folder.idle(true);
        } finally {
            wake.cancel(false);
        }
    }

    /** Ends a running IDLE (a command from another thread makes Angus send DONE first); harmless otherwise. */
    void wake() {
        try {
            folder.doCommand(protocol -> {
                protocol.noop();
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            // the connection is gone: the idling thread sees that itself and reconnects
        }
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // closing a dead connection: nothing to save
        }
        closeQuietly(store);
    }

    private static void closeQuietly(Store store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // as above
        }
    }
}
