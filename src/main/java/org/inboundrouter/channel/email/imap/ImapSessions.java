package org.inboundrouter.channel.email.imap;

import jakarta.mail.Session;
import org.inboundrouter.config.EmailChannelConfig;
import org.inboundrouter.config.EmailChannelConfig.Tls;

import java.time.Duration;
import java.util.Properties;

/** The Jakarta Mail session of one IMAP mailbox: the same TLS and timeout settings as the email-source Kamelet. */
final class ImapSessions {

    /** Connect and command timeout. An IDLE waits longer than this: Angus ignores read timeouts while idling. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ImapSessions() {
    }

    static Session session(EmailChannelConfig config) {
        return Session.getInstance(properties(config));
    }

    static Properties properties(EmailChannelConfig config) {
        String p = config.scheme();
        Properties props = new Properties();
        props.setProperty("mail.store.protocol", p);
        props.setProperty("mail." + p + ".connectiontimeout", Long.toString(TIMEOUT.toMillis()));
        props.setProperty("mail." + p + ".timeout", Long.toString(TIMEOUT.toMillis()));
        // a mail becomes \Seen only once it is stored, never as a side effect of reading it
        props.setProperty("mail." + p + ".peek", "true");
        if (config.tls() == Tls.STARTTLS) {
            props.setProperty("mail." + p + ".starttls.enable", "true");
            props.setProperty("mail." + p + ".starttls.required", "true");
        }
        boolean trustAll = "*".equals(config.trustHosts());
        if (config.trustHosts() != null) {
            props.setProperty("mail." + p + ".ssl.trust", config.trustHosts());
        }
        // trusting any certificate makes checking the name in it theatre (and fails on test servers)
        props.setProperty("mail." + p + ".ssl.checkserveridentity", Boolean.toString(!trustAll));
        return props;
    }
}
