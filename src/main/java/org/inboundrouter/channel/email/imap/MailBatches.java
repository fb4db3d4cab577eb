package org.inboundrouter.channel.email.imap;

import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads mail a batch at a time: the sizes of all of it in one FETCH, then the whole source of each batch in one
 * FETCH (BODY.PEEK[], so reading marks nothing seen). A fetch per mail waits on the network once per mail; that, not
 * parsing or storing, is what limits camel-mail (see the imap-performance note).
 */
final class MailBatches {

    /** Mails per FETCH: a few hundred is where the round trip stops mattering. */
    static final int MAX_MAILS = 250;
    /** What a batch may hold in memory, attachments included; a larger mail is fetched on its own. */
    static final long MAX_BYTES = 16L << 20;

    private MailBatches() {
    }

    /** A mail as the server has it, byte for byte, with its UID. */
    record RawMail(Message message, long uid, byte[] raw) {
    }

    static List<List<Message>> split(IMAPFolder folder, List<Message> mails) throws MessagingException {
        FetchProfile sizes = new FetchProfile();
        sizes.add(IMAPFolder.FetchProfileItem.SIZE);
        folder.fetch(mails.toArray(Message[]::new), sizes);
        List<List<Message>> batches = new ArrayList<>();
        List<Message> batch = new ArrayList<>();
        long bytes = 0;
        for (Message mail : mails) {
            long size = Math.max(0, mail.getSize());
            if (!batch.isEmpty() && (batch.size() >= MAX_MAILS || bytes + size > MAX_BYTES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(mail);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    static List<RawMail> fetch(IMAPFolder folder, List<Message> batch) throws MessagingException {
        FetchProfile whole = new FetchProfile();
        whole.add(UIDFolder.FetchProfileItem.UID);
        whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
        folder.fetch(batch.toArray(Message[]::new), whole);
        List<RawMail> mails = new ArrayList<>(batch.size());
        for (Message mail : batch) {
            mails.add(new RawMail(mail, folder.getUID(mail), raw((IMAPMessage) mail)));
        }
        return mails;
    }

    private static byte[] raw(IMAPMessage mail) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, mail.getSize()));
        try {
            mail.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("reading mail " + mail.getMessageNumber() + ": " + e.getMessage(), e);
        }
        // the folder keeps every message object it has handed out for as long as it is open: drop the parsed copy
        mail.invalidateHeaders();
        return out.toByteArray();
    }
}
