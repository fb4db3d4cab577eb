package org.inboundrouter.devmail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.inboundrouter.config.AppSettings.MailPorts;
import org.inboundrouter.config.Ports;

/**
 * A mail server inside the daemon for trying the router out with nothing installed: SMTP, IMAP and POP3 on
 * 127.0.0.1, one account. Mail lives in memory, so it is for demos and development only; production configs
 * turn it off ({@code inbound.local-mail-server.enabled=false}).
 */
public final class LocalMailServer implements AutoCloseable {

    public static final String ADDRESS = "support@localhost";
    public static final String PASSWORD = "support";
    private static final String HOST = "127.0.0.1";

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;
    private final int pop3Port;

    public LocalMailServer(int smtpPort, int imapPort, int pop3Port) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.pop3Port = pop3Port;
        this.greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, HOST, ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(pop3Port, HOST, ServerSetup.PROTOCOL_POP3)});
    }

    public static LocalMailServer standardPorts() {
        return new LocalMailServer(MailPorts.DEFAULTS);
    }

    /** On the ports of the {@code inbound.local-mail-server.*-port} settings. */
    public LocalMailServer(MailPorts ports) {
        this(ports.smtp(), ports.imap(), ports.pop3());
    }

    /**
     * Starts the three servers. A port another process holds is a {@code StartupException} naming the port and its
     * setting (GreenMail itself would only report a start-up timeout, after a stack trace per server).
     */
    public LocalMailServer start() {
        Ports.requireFree(HOST, smtpPort, MailPorts.SMTP);
        Ports.requireFree(HOST, imapPort, MailPorts.IMAP);
        Ports.requireFree(HOST, pop3Port, MailPorts.POP3);
        greenMail.start();
        greenMail.setUser(ADDRESS, ADDRESS, PASSWORD);
        return this;
    }

    public String describe() {
        return "SMTP " + HOST + ":" + smtpPort + ", IMAP " + HOST + ":" + imapPort + ", POP3 " + HOST + ":" + pop3Port
                + ", account " + ADDRESS + " / " + PASSWORD;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
