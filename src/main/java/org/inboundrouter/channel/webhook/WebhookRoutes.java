package org.inboundrouter.channel.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Json;
import org.inboundrouter.ops.ChannelActivity;
import org.inboundrouter.pipeline.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.apache.camel.component.platform.http.vertx.HttpMessage;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serves every webhook channel at {@code /webhooks/{name}} (the {@code webhook-source} Kamelet): the channel verifies
 * and parses the request, each message it carries goes through {@code direct:ingest}, and only when all of them are
 * stored does the platform get its 2xx. When the store fails the answer is 503, so the platform delivers again later
 * and the dedup key turns what was already stored into a duplicate. A rejected request stores nothing and leaves one
 * log line.
 */
public final class WebhookRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("inbound");

    private final List<WebhookChannel> channels;
    private ProducerTemplate ingest;

    public WebhookRoutes(List<WebhookChannel> channels) {
        this.channels = List.copyOf(channels);
    }

    public static String routeId(String channelName) {
        return "webhook-" + channelName;
    }

    /** The id of the Kamelet route that serves the channel's HTTP path. */
    public static String sourceRouteId(String channelName) {
        return "http-" + channelName;
    }

    /**
     * The HTTP server's own limit (it answers 413 past it): the largest body any channel accepts, and at least the
     * 1 MiB default, so that a channel added while the daemon runs is not cut short. Each channel checks its own.
     */
    public static long largestBody(List<WebhookChannel> channels) {
        return Math.max(1024 * 1024, channels.stream().mapToLong(WebhookChannel::maxBodyBytes).max().orElse(0));
    }

    @Override
    public void configure() {
        for (WebhookChannel channel : channels) {
            String name = channel.channel().name();
            ChannelActivity.of(getContext()).pushed(routeId(name), channel.channel());
            from("kamelet:webhook-source/" + sourceRouteId(name) + "?channel=" + name).routeId(routeId(name))
                    .process(e -> handle(e, channel)).id("receive-" + name);
        }
    }

    private void handle(Exchange exchange, WebhookChannel channel) throws Exception {
        String name = channel.channel().name();
        byte[] body = body(exchange);
        WebhookRequest request = request(exchange, body);
        if (request.body().length > channel.maxBodyBytes()) {
            reject(exchange, channel, new WebhookRejected(413, null, "body of " + request.body().length
                    + " bytes exceeds this channel's limit of " + channel.maxBodyBytes()));
            return;
        }
        WebhookResult result;
        try {
            result = channel.handle(request);
        } catch (WebhookRejected rejected) {
            reject(exchange, channel, rejected);
            return;
        } catch (RuntimeException | Error e) {
            // a bug in a channel must not hang the request: answer, and let the platform deliver again later
            LOG.error("{} {}: handling a request failed: {}", channel.channel().kind(), name, e.toString(), e);
            reply(exchange, WebhookReply.json(500, errorJson(500, null, "internal error; see the daemon's log")));
            return;
        }
        for (Intake intake : result.intakes()) {
            Exchange stored = ingest().send(Inbound.INGEST_ENDPOINT, e -> {
                // the message's own channel: one Meta webhook carries WhatsApp, Messenger and Instagram messages
                e.setProperty(Inbound.CHANNEL, intake.message().channel());
                e.setProperty(Inbound.RAW, intake.raw());
                e.getIn().setBody(intake);
            });
            if (stored.getException() != null) {
                LOG.warn("{} {}: could not store message {}, answered 503 so the platform retries: {}",
                        channel.channel().kind(), name, intake.dedupKey(), stored.getException().getMessage());
                reply(exchange, WebhookReply.json(503, errorJson(503, null,
                        "the message could not be stored now; deliver it again later")));
                exchange.getIn().setHeader("Retry-After", "30");
                return;
            }
        }
        reply(exchange, result.reply());
    }

    /**
     * The request body. Vert.x decodes a form post into attributes and Camel drops its bytes; the pairs are encoded
     * again in the order received, which is what every form-posting platform signs (decoded values, not bytes).
     */
    private static byte[] body(Exchange exchange) {
        byte[] body = exchange.getIn().getBody(byte[].class);
        if ((body == null || body.length == 0) && exchange.getIn() instanceof HttpMessage http
                && http.getRequest().isExpectMultipart()) {
            StringBuilder form = new StringBuilder();
            for (Map.Entry<String, String> pair : http.getRequest().formAttributes()) {
                if (!form.isEmpty()) {
                    form.append('&');
                }
                form.append(URLEncoder.encode(pair.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(pair.getValue(), StandardCharsets.UTF_8));
            }
            return form.toString().getBytes(StandardCharsets.UTF_8);
        }
        return body == null ? new byte[0] : body;
    }

    private ProducerTemplate ingest() {
        if (ingest == null) {
            ingest = getContext().createProducerTemplate();
        }
        return ingest;
    }

    private static void reject(Exchange exchange, WebhookChannel channel, WebhookRejected rejected)
            throws JsonProcessingException {
        LOG.warn("{} {}: rejected request with {}: {}", channel.channel().kind(), channel.channel().name(),
                rejected.status(), rejected.getMessage());
        reply(exchange, WebhookReply.json(rejected.status(),
                errorJson(rejected.status(), rejected.field(), rejected.getMessage())));
    }

    private static String errorJson(int status, String field, String message) throws JsonProcessingException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", message);
        if (field != null) {
            error.put("field", field);
        }
        error.put("status", status);
        return Json.mapper().writeValueAsString(error);
    }

    private static void reply(Exchange exchange, WebhookReply reply) {
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        if (reply.contentType() != null) {
            out.setHeader(Exchange.CONTENT_TYPE, reply.contentType());
        }
        // a ByteBuffer is written as it is; platform-http turns a byte[] into a stream and pumps that through a
        // freshly zeroed read buffer, a quarter of the event loop's time at 1,500 requests/s
        out.setBody(ByteBuffer.wrap(reply.body()));
    }

    static WebhookRequest request(Exchange exchange, byte[] body) {
        var in = exchange.getIn();
        String method = in.getHeader(Exchange.HTTP_METHOD, "POST", String.class);
        String rawQuery = in.getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        Map<String, String> headers = new LinkedHashMap<>();
        in.getHeaders().forEach((k, v) -> {
            if (!k.startsWith("Camel") && v != null) {
                Object first = v instanceof List<?> list && !list.isEmpty() ? list.get(0) : v;
                headers.putIfAbsent(k.toLowerCase(Locale.ROOT), first.toString());
            }
        });
        return new WebhookRequest(method, in.getHeader(Exchange.HTTP_URL, String.class), rawQuery, parseQuery(rawQuery),
                headers, body, Instant.now());
    }

    /** Decodes a query string; the first value of a repeated name wins. */
    public static Map<String, String> parseQuery(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a broken %-escape: the parameter is dropped; the channel reports what it then misses
            }
        }
        return params;
    }
}
