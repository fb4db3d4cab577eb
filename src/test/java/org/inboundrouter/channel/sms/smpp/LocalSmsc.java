package org.inboundrouter.channel.sms.smpp;

import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * An SMSC for tests, on jsmpp's server API over TCP on 127.0.0.1: accepts binds with one system id and password and
 * sends deliver_sm PDUs to the bound ESME, returning when the ESME has answered (and throwing jsmpp's
 * NegativeResponseException when it answered with an error status).
 */
final class LocalSmsc implements AutoCloseable {

    static final String SYSTEM_ID = "desk";
    static final String PASSWORD = "s3cret";

    /** One deliver_sm as the SMSC sends it. */
    record Pdu(TypeOfNumber sourceTon, String source, String dest, int esmClass, int dataCoding, byte[] shortMessage,
            List<OptionalParameter> tlvs) {

        static Pdu of(String source, int esmClass, int dataCoding, byte[] shortMessage, OptionalParameter... tlvs) {
            return new Pdu(TypeOfNumber.INTERNATIONAL, source, "10690000", esmClass, dataCoding, shortMessage,
                    List.of(tlvs));
        }
    }

    private final SMPPServerSessionListener listener;
    private final Thread acceptor;
    private final List<BindType> binds = new CopyOnWriteArrayList<>();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final int port;
    private volatile boolean closed;

    private LocalSmsc(SMPPServerSessionListener listener, int port) {
        this.listener = listener;
        this.port = port;
        this.acceptor = new Thread(this::acceptLoop, "local-smsc");
        this.acceptor.setDaemon(true);
    }

    static LocalSmsc start() throws IOException {
        return start(0);
    }

    /** On a given port (0: any free one), for an SMSC that comes up after the router. */
    static LocalSmsc start(int port) throws IOException {
        LoopbackOnly factory = new LoopbackOnly();
        LocalSmsc smsc = new LocalSmsc(new SMPPServerSessionListener(port, 0, factory), factory.port);
        smsc.acceptor.start();
        return smsc;
    }

    /** jsmpp's own factory listens on every interface; a test server listens on 127.0.0.1 only. */
    private static final class LoopbackOnly implements ServerConnectionFactory {

        private int port;

        @Override
        public ServerConnection listen(int port) throws IOException {
            return listen(port, 0, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            return listen(port, timeout, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            ServerSocket socket = new ServerSocket(port, backlog, InetAddress.getLoopbackAddress());
            socket.setSoTimeout(timeout);
            this.port = socket.getLocalPort();
            return new ServerSocketConnection(socket);
        }
    }

    int port() {
        return port;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SMPPServerSession session = listener.accept();
                // each connection waits for its bind on its own thread: a connection that never binds (the
                // router's reachability probe) must not hold up the next one
                Thread binder = new Thread(() -> awaitBind(session), "local-smsc-bind");
                binder.setDaemon(true);
                binder.start();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    System.err.println("local SMSC: " + e);
                }
            }
        }
    }

    private void awaitBind(SMPPServerSession session) {
        try {
            BindRequest bind = session.waitForBind(5000);
            if (SYSTEM_ID.equals(bind.getSystemId()) && PASSWORD.equals(bind.getPassword())) {
                bind.accept(SYSTEM_ID);
                binds.add(bind.getBindType());
                sessions.add(session);
            } else {
                bind.reject(0x0E); // ESME_RINVPASWD
                session.close();
            }
        } catch (IOException | TimeoutException | RuntimeException | org.jsmpp.PDUStringException e) {
            session.close();
        }
    }

    /** The bind types of every accepted bind so far, in order. */
    List<BindType> binds() {
        return List.copyOf(binds);
    }

    /** Waits until {@code count} binds have been accepted and the last one is bound. */
    void awaitBinds(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (binds.size() >= count && current() != null) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("expected " + count + " bind(s) within " + timeout + ", saw " + binds);
    }

    private SMPPServerSession current() {
        for (int i = sessions.size() - 1; i >= 0; i--) {
            SMPPServerSession s = sessions.get(i);
            if (s.getSessionState().isBound()) {
                return s;
            }
        }
        return null;
    }

    /** Sends one deliver_sm and waits for the ESME's deliver_sm_resp. */
    void deliver(Pdu pdu) throws Exception {
        SMPPServerSession session = current();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (session == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            session = current();
        }
        if (session == null) {
            throw new IllegalStateException("no ESME bound");
        }
        session.deliverShortMessage("", pdu.sourceTon(), NumberingPlanIndicator.ISDN, pdu.source(),
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, pdu.dest(), new ESMClass(pdu.esmClass()),
                (byte) 0, (byte) 0, new RegisteredDelivery(0), new RawDataCoding((byte) pdu.dataCoding()),
                pdu.shortMessage(), pdu.tlvs().toArray(new OptionalParameter[0]));
    }

    /** Drops the bound session without unbind, as an SMSC restart or a network cut does. */
    void dropSession() {
        SMPPServerSession session = current();
        if (session != null) {
            session.close();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        for (SMPPServerSession s : sessions) {
            if (s.getSessionState() != SessionState.CLOSED) {
                s.close();
            }
        }
        listener.close();
    }
}
