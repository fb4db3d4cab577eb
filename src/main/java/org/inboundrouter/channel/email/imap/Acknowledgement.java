package org.inboundrouter.channel.email.imap;

import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.inboundrouter.config.EmailChannelConfig.AfterImport;

import java.util.List;

/**
 * Marks stored mail as done on the server, a whole batch per command: \Seen with one STORE, or one MOVE, or one
 * STORE \Deleted and one UID EXPUNGE. Called only with mail whose transaction has committed.
 */
final class Acknowledgement {

    private Acknowledgement() {
    }

    static void apply(AfterImport action, MailboxConnection connection, List<Message> stored)
            throws MessagingException {
        if (stored.isEmpty()) {
            return;
        }
        IMAPFolder folder = connection.folder();
        Message[] mails = stored.toArray(Message[]::new);
        switch (action) {
            case SEEN -> folder.setFlags(mails, new Flags(Flags.Flag.SEEN), true);
            case DELETE -> delete(connection, mails);
            case MOVE -> {
                if (connection.hasCapability("MOVE")) {
                    folder.moveMessages(mails, connection.moveTarget());
                } else {
                    folder.copyMessages(mails, connection.moveTarget());
                    delete(connection, mails);
                }
            }
        }
    }

    private static void delete(MailboxConnection connection, Message[] mails) throws MessagingException {
        IMAPFolder folder = connection.folder();
        folder.setFlags(mails, new Flags(Flags.Flag.DELETED), true);
        if (connection.hasCapability("UIDPLUS")) {
            folder.expunge(mails);
        } else {
            // without UID EXPUNGE this also removes what another client flagged \Deleted: that is what it asked for
            folder.expunge();
        }
    }
}
