package org.inboundrouter.channel.sms.smpp;

import org.apache.camel.CamelContext;
import org.apache.camel.Producer;
import org.apache.camel.component.smpp.SmppEndpoint;
import org.apache.camel.support.service.ServiceSupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code bindType: transceiver}: camel-smpp's consumer only binds as a receiver; a transceiver bind is its producer
 * with {@code messageReceiverRouteId}, which hands every deliver_sm to that route's processor, synchronously, before
 * jsmpp answers deliver_sm_resp (the same acknowledgement rule as the receiver). Nothing is ever sent through it; it
 * is started for its session, which camel-smpp rebinds after a drop. Started by {@link BindRetry}.
 */
final class TransceiverBind extends ServiceSupport {

    private final CamelContext context;
    private final SmppChannelConfig config;
    private final String receiverRouteId;
    private Producer producer;

    TransceiverBind(CamelContext context, SmppChannelConfig config, String receiverRouteId) {
        this.context = context;
        this.config = config;
        this.receiverRouteId = receiverRouteId;
    }

    /** Binds once; throws when the SMSC is unreachable or refuses the bind. */
    void bind() throws Exception {
        Map<String, String> p = config.kameletParameters();
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("systemId", p.get("systemId"));
        if (p.containsKey("systemType")) {
            options.put("systemType", p.get("systemType"));
        }
        if (p.containsKey("addressRange")) {
            options.put("addressRange", p.get("addressRange"));
        }
        options.put("enquireLinkTimer", p.get("enquireLinkTimer"));
        options.put("transactionTimer", p.get("transactionTimer"));
        options.put("initialReconnectDelay", p.get("reconnectDelay"));
        options.put("reconnectDelay", p.get("reconnectDelay"));
        options.put("messageReceiverRouteId", receiverRouteId);
        String query = options.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        SmppEndpoint endpoint = context.getEndpoint("smpp://" + config.host() + ":" + config.port() + "?" + query,
                SmppEndpoint.class);
        // set on the configuration, not in the URI: endpoint URIs are logged and listed
        endpoint.getConfiguration().setPassword(config.password().value());
        // a producer whose first bind failed is left failed: each attempt starts a fresh one
        Producer attempt = endpoint.createProducer();
        try {
            attempt.start();
        } catch (Exception e) {
            attempt.stop();
            throw e;
        }
        producer = attempt;
    }

    @Override
    protected void doStart() {
        // binding is BindRetry's job, after the context has started
    }

    @Override
    protected void doStop() throws Exception {
        if (producer != null) {
            producer.stop();
            producer = null;
        }
    }
}
