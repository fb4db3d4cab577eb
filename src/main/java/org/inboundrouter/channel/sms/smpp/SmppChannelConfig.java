package org.inboundrouter.channel.sms.smpp;

import org.apache.camel.RoutesBuilder;
import org.inboundrouter.channel.ChannelRuntime;
import org.inboundrouter.channel.ConsumerChannelConfig;
import org.inboundrouter.config.ChannelSettings;
import org.inboundrouter.config.Secret;
import org.inboundrouter.config.YamlFields;
import org.inboundrouter.model.ChannelRef;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code kind: smpp}: a bind to an SMSC (or an SMS aggregator's SMPP gateway) that delivers the desk's inbound SMS
 * as deliver_sm PDUs.
 *
 * @param concatTimeout how long the parts of a concatenated message are awaited before what arrived is stored,
 *                      marked incomplete
 */
public record SmppChannelConfig(String name, Path file, boolean enabled, String host, int port, String systemId,
        Secret password, String systemType, String addressRange, BindType bindType, Duration reconnectDelay,
        Duration enquireLinkInterval, Duration responseTimeout, Duration concatTimeout,
        DefaultAlphabet defaultAlphabet) implements ConsumerChannelConfig {

    public enum BindType {
        RECEIVER, TRANSCEIVER
    }

    private static final Set<String> FIELDS = Set.of("host", "port", "systemId", "password", "systemType",
            "addressRange", "bindType", "reconnectDelay", "enquireLinkInterval", "responseTimeout", "concatTimeout",
            "defaultAlphabet");

    public static SmppChannelConfig read(ChannelSettings s) {
        s.allow(FIELDS);
        YamlFields y = s.yaml();
        String host = y.requiredString("host");
        int port = y.integer("port", 2775, 1, 65535);
        String systemId = y.requiredString("systemId");
        if (systemId != null && systemId.length() > 15) {
            y.problem("systemId", "SMPP allows at most 15 characters, was " + systemId.length());
        }
        Secret password = s.secret("password");
        if (password != null && password.value().length() > 8) {
            // SMPP 3.4 §4.1.1: password is a C-Octet String of at most 9 octets including the terminating NUL
            y.problem("password", "SMPP allows at most 8 characters (from " + password.source() + ")");
        }
        String systemType = y.string("systemType", null);
        if (systemType != null && systemType.length() > 12) {
            y.problem("systemType", "SMPP allows at most 12 characters, was " + systemType.length());
        }
        String addressRange = y.string("addressRange", null);
        BindType bindType = y.choice("bindType", BindType.class, BindType.RECEIVER);
        Duration reconnect = positive(y, "reconnectDelay", Duration.ofSeconds(5));
        Duration enquire = positive(y, "enquireLinkInterval", Duration.ofSeconds(30));
        Duration response = positive(y, "responseTimeout", Duration.ofSeconds(10));
        Duration concat = positive(y, "concatTimeout", Duration.ofSeconds(60));
        DefaultAlphabet alphabet = y.choice("defaultAlphabet", DefaultAlphabet.class, DefaultAlphabet.GSM7);
        return new SmppChannelConfig(s.name(), s.file(), s.enabled(), host, port, systemId, password, systemType,
                addressRange, bindType, reconnect, enquire, response, concat, alphabet);
    }

    private static Duration positive(YamlFields y, String field, Duration fallback) {
        Duration d = y.duration(field, fallback);
        if (d.isZero() || d.isNegative()) {
            y.problem(field, "must be longer than zero");
            return fallback;
        }
        return d;
    }

    @Override
    public String kind() {
        return ChannelRef.SMS;
    }

    @Override
    public RoutesBuilder routes(ChannelRuntime runtime) {
        return new SmppChannelRoutes(this, runtime);
    }

    /** The smpp-source Kamelet's parameters, without the password (which travels separately). */
    Map<String, String> kameletParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("host", host);
        p.put("port", Integer.toString(port));
        p.put("systemId", systemId);
        if (systemType != null) {
            p.put("systemType", systemType);
        }
        if (addressRange != null) {
            p.put("addressRange", addressRange);
        }
        p.put("enquireLinkTimer", Long.toString(enquireLinkInterval.toMillis()));
        p.put("transactionTimer", Long.toString(responseTimeout.toMillis()));
        p.put("reconnectDelay", Long.toString(reconnectDelay.toMillis()));
        return p;
    }

    /** Its bind retry and transceiver session are services of their own: started with the daemon only. */
    @Override
    public boolean changesLive() {
        return false;
    }
}
