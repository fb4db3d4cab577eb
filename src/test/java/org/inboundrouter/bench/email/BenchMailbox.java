package org.inboundrouter.bench.email;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.inboundrouter.config.EmailChannelConfig;
import org.inboundrouter.config.EmailChannelConfig.AfterImport;
import org.inboundrouter.config.EmailChannelConfig.Protocol;
import org.inboundrouter.config.EmailChannelConfig.Tls;
import org.inboundrouter.config.Secret;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/** The benchmark's mailbox on the local Dovecot: its channel settings, and a side connection to reset and watch it. */
record BenchMailbox(String host, int port, String user, String password) {

    /**
     * Avoids a classpath scan on every header parse in jakarta.mail-api 2.1 (issue 861), as InboundRouter.main does;
     * must run before Jakarta Mail loads its stream provider.
     */
    static void streamProvider(boolean set) {
        if (set) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    static BenchMailbox fromArgs(String[] args, int from) {
        return new BenchMailbox(args[from], Integer.parseInt(args[from + 1]), args[from + 2], args[from + 3]);
    }

    EmailChannelConfig channel(Duration pollInterval) {
        return new EmailChannelConfig("bench", Path.of("bench.yaml"), true, Protocol.IMAP, Tls.NONE, host, port, user,
                new Secret(password, "literal"), "INBOX", pollInterval, AfterImport.SEEN, null, null);
    }

    Store connect() throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.peek", "true");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(host, port, user, password);
        return store;
    }

    /** Marks every mail unseen (true) or seen (false) with one STORE; returns how many mails there are. */
    int markAll(boolean unseen) throws MessagingException {
        try (Store store = connect(); Folder inbox = store.getFolder("INBOX")) {
            inbox.open(Folder.READ_WRITE);
            int count = inbox.getMessageCount();
            if (count > 0) {
                inbox.setFlags(1, count, new Flags(Flags.Flag.SEEN), !unseen);
            }
            return count;
        }
    }

    /** A read-only view for counting what is still unseen while a run goes on. */
    Watch watch() throws MessagingException {
        Store store = connect();
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        return new Watch(store, inbox);
    }

    record Watch(Store store, Folder inbox) implements AutoCloseable {
        int unseen() throws MessagingException {
            return inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false)).length;
        }

        @Override
        public void close() throws MessagingException {
            inbox.close(false);
            store.close();
        }
    }
}
