package org.inboundrouter.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.support.service.ServiceSupport;
import org.inboundrouter.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The daemon's two HTTP listeners on one Vert.x instance, in place of platform-http's single server. The Camel routes
 * ({@code platform-http:} consumers) all register on one router; each listener reaches it through its own front
 * router, which lets through only its side's paths:
 *
 * <ul>
 *   <li>public: {@code /webhooks/*}, nothing else, and no per-request work beyond that check;</li>
 *   <li>admin: {@code /api}, {@code /health*}, {@code /metrics} behind {@link AdminGuard}.</li>
 * </ul>
 *
 * Each listener has its own bind address, optional TLS (PEM files, re-read within seconds of a change), an idle
 * timeout (Vert.x's own), a time limit for a new connection's request headers and a cap on open connections. Every
 * error either answers is JSON {@code {"error": ..., "status": ...}}, a 405 with the {@code Allow} the path has.
 */
public final class HttpListeners extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(HttpListeners.class);
    private static final long TLS_CHECK_MILLIS = 2000;
    private static final Pattern PARAM = Pattern.compile(":[A-Za-z0-9_]+");

    private final HttpSettings settings;
    private final VertxOptions vertxOptions;
    private final long maxBodyBytes;
    private final TokenFile tokens;
    private Vertx vertx;
    private Router routes;
    private Listener publicListener;
    private Listener adminListener;
    private final Map<String, Pattern> pathPatterns = new ConcurrentHashMap<>();

    public HttpListeners(HttpSettings settings, VertxOptions vertxOptions, long maxBodyBytes, Secrets secrets) {
        this.settings = settings;
        this.vertxOptions = vertxOptions;
        this.maxBodyBytes = maxBodyBytes;
        this.tokens = new TokenFile(settings.tokensFile(), secrets);
    }

    /** Creates Vert.x and the routes' router, and makes it the one platform-http consumers register on. */
    public void bind(CamelContext context) {
        vertx = Vertx.vertx(vertxOptions);
        routes = Router.router(vertx);
        // every failure on the way (a body that stops coming, a handler that throws) is answered here, as JSON; a
        // client that went away is a DEBUG line, not Vert.x's ERROR "Unhandled exception in router"
        routes.route().order(Integer.MIN_VALUE).failureHandler(ctx -> failed(ctx,
                ctx.statusCode() > 0 ? ctx.statusCode() : 500));
        int port = settings.publicListener().port();
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost(settings.publicListener().host());
        configuration.setBindPort(port);
        configuration.setMaxBodySize(maxBodyBytes);
        context.getRegistry().bind("inbound-http-configuration", configuration);
        long limit = maxBodyBytes;
        String uploads = System.getProperty("java.io.tmpdir") + "/inbound-router-uploads";
        context.getRegistry().bind(VertxPlatformHttpRouter.getRouterNameFromPort(port),
                new VertxPlatformHttpRouter(null, vertx, routes, VertxPlatformHttpRouter.getRouterNameFromPort(port)) {
                    @Override
                    public Handler<RoutingContext> bodyHandler() {
                        return BodyHandler.create().setBodyLimit(limit).setUploadsDirectory(uploads)
                                .setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(true);
                    }
                });
    }

    public int publicPort() {
        return publicListener == null ? settings.publicListener().port() : publicListener.server.actualPort();
    }

    public int adminPort() {
        return adminListener == null ? settings.adminListener().port() : adminListener.server.actualPort();
    }

    public boolean hasTokens() {
        return !tokens.current().isEmpty();
    }

    public Path tokensFile() {
        return tokens.file();
    }

    @Override
    protected void doStart() throws Exception {
        if (vertx == null) {
            throw new IllegalStateException("bind(context) first");
        }
        Router front = Router.router(vertx);
        front.route().order(-1000).handler(ctx -> {
            if (ctx.normalizedPath().startsWith("/webhooks/")) {
                ctx.next();
            } else {
                ErrorAnswer.send(ctx, 404, "not found: this listener serves /webhooks/ only");
            }
        });
        publicListener = start(settings.publicListener(), withRoutes(front));

        Router admin = Router.router(vertx);
        admin.route().order(-1000).handler(new AdminGuard(settings.allowedHosts(), tokens,
                settings.openHealthLive(), settings.openMetrics()));
        adminListener = start(settings.adminListener(), withRoutes(admin));
    }

    /** The routes behind a front router, then the answer for a path nothing matched: 404, or 405 with its Allow. */
    private Router withRoutes(Router front) {
        front.route("/*").subRouter(routes);
        front.route().last().handler(this::unmatched);
        for (int status : List.of(400, 401, 403, 404, 405, 408, 411, 413, 414, 415, 431, 500, 501, 503)) {
            front.errorHandler(status, ctx -> failed(ctx, status));
        }
        return front;
    }

    private void unmatched(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        Set<String> allowed = new TreeSet<>();
        for (Route r : routes.getRoutes()) {
            if (r.getPath() != null && pattern(r.getPath()).matcher(path).matches()) {
                Set<HttpMethod> methods = r.methods();
                if (methods == null || methods.isEmpty()) {
                    return404(ctx);
                    return;
                }
                methods.forEach(m -> allowed.add(m.name()));
            }
        }
        if (allowed.isEmpty()) {
            return404(ctx);
            return;
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        ctx.response().putHeader("Allow", String.join(", ", allowed));
        ErrorAnswer.send(ctx, 405, ctx.request().method().name() + " is not allowed here; allowed: "
                + String.join(", ", allowed));
    }

    private static void return404(RoutingContext ctx) {
        ErrorAnswer.send(ctx, 404, "not found: " + ctx.normalizedPath());
    }

    /** A Vert.x route path ({@code /api/tickets/:id}, {@code /webhooks/*}) as a regex over request paths. */
    private Pattern pattern(String path) {
        return pathPatterns.computeIfAbsent(path, p -> {
            boolean prefix = p.endsWith("*");
            String base = prefix ? p.substring(0, p.length() - 1) : p;
            java.util.regex.Matcher m = PARAM.matcher(base);
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(base.substring(last, m.start()))).append("[^/]+");
                last = m.end();
            }
            regex.append(Pattern.quote(base.substring(last)));
            return Pattern.compile(regex + (prefix ? ".*" : "/?"));
        });
    }

    private void failed(RoutingContext ctx, int status) {
        Throwable failure = ctx.failure();
        if (failure != null && isClientGone(ctx, failure)) {
            LOG.debug("HTTP {} {}: the client went away: {}", ctx.request().method(), ctx.normalizedPath(),
                    failure.toString());
            return;
        }
        if (status >= 500 && failure != null) {
            LOG.error("HTTP {} {} failed: {}", ctx.request().method(), ctx.normalizedPath(), failure.toString(),
                    failure);
        }
        String message = switch (status) {
            case 400 -> "bad request";
            case 404 -> "not found: " + ctx.normalizedPath();
            case 405 -> "method not allowed";
            case 408 -> "the request took too long";
            case 411 -> "a Content-Length is needed";
            case 413 -> "the body is larger than the " + maxBodyBytes + " bytes accepted";
            case 414 -> "the URI is too long";
            case 415 -> "unsupported media type";
            case 431 -> "the request headers are too large";
            case 503 -> "unavailable; try again later";
            default -> status >= 500 ? "internal error; see the daemon's log" : "refused";
        };
        if (status == 413) {
            // the rest of the body is not read: answer and close
            ErrorAnswer.sendAndClose(ctx.request(), status, message);
        } else {
            ErrorAnswer.send(ctx, status, message);
        }
    }

    private static boolean isClientGone(RoutingContext ctx, Throwable failure) {
        if (ctx.response().closed() || ctx.request().connection() == null) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.core.http.HttpClosedException
                    || t instanceof io.vertx.core.VertxException && String.valueOf(t.getMessage()).contains("closed")
                    || t instanceof IOException && String.valueOf(t.getMessage()).contains("reset")) {
                return true;
            }
        }
        return false;
    }

    private Listener start(ListenerSettings s, Router router) throws Exception {
        HttpServerOptions options = new HttpServerOptions().setHost(s.host()).setPort(s.port())
                .setIdleTimeout((int) Math.max(1, s.idleTimeout().toMillis())).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setCompressionSupported(false).setHandle100ContinueAutomatically(true)
                // HTTP/1.1 only: what platforms and proxies speak, and what the timeouts and the cap are counted in
                .setHttp2ClearTextEnabled(false);
        TlsFiles tls = null;
        if (s.tls()) {
            tls = new TlsFiles(s.tlsCert(), s.tlsKey());
            options.setSsl(true).setKeyCertOptions(tls.read());
        }
        HttpServer server = vertx.createHttpServer(options);
        Listener listener = new Listener(s, server, tls);
        server.connectionHandler(listener::connected);
        server.exceptionHandler(t -> LOG.debug("{} listener: connection failed: {}", s.name(), t.toString()));
        server.invalidRequestHandler(request -> {
            int status = request.decoderResult().cause() instanceof io.netty.handler.codec.TooLongFrameException tl
                    ? (String.valueOf(tl.getMessage()).contains("URI") ? 414 : 431) : 400;
            ErrorAnswer.sendAndClose(request, status, status == 414 ? "the URI is too long"
                    : status == 431 ? "the request headers are too large" : "malformed request");
        });
        server.requestHandler(request -> {
            listener.requested(request);
            router.handle(request);
        });
        server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        if (tls != null) {
            TlsFiles files = tls;
            listener.tlsTimer = vertx.setPeriodic(TLS_CHECK_MILLIS, id -> listener.reloadTls(files));
        }
        LOG.info("HTTP {} listener on {}://{}:{}{}", s.name(), s.scheme(), s.host(), server.actualPort(),
                s.name().equals("public") ? " (/webhooks/)" : " (/api, /health, /metrics)");
        return listener;
    }

    @Override
    protected void doStop() throws Exception {
        for (Listener l : new Listener[] {publicListener, adminListener}) {
            if (l != null) {
                if (l.tlsTimer != 0) {
                    vertx.cancelTimer(l.tlsTimer);
                }
                try {
                    l.server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.warn("HTTP {} listener: closing failed: {}", l.settings.name(), e.toString());
                }
            }
        }
        publicListener = null;
        adminListener = null;
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx = null;
        }
    }

    /** One listening server and its open connections. */
    private final class Listener {
        final ListenerSettings settings;
        final HttpServer server;
        final TlsFiles tls;
        final AtomicInteger open = new AtomicInteger();
        final Map<HttpConnection, Long> awaitingHeaders = new ConcurrentHashMap<>();
        long tlsTimer;
        private volatile long refusedLoggedAt;

        Listener(ListenerSettings settings, HttpServer server, TlsFiles tls) {
            this.settings = settings;
            this.server = server;
            this.tls = tls;
        }

        void connected(HttpConnection connection) {
            if (open.incrementAndGet() > settings.maxConnections()) {
                open.decrementAndGet();
                long now = System.nanoTime();
                if (now - refusedLoggedAt > TimeUnit.SECONDS.toNanos(10)) {
                    refusedLoggedAt = now;
                    LOG.warn("HTTP {} listener: {} connections open, the most allowed (max-connections); refusing"
                            + " more", settings.name(), settings.maxConnections());
                }
                connection.close();
                return;
            }
            long timer = vertx.setTimer(settings.headerTimeout().toMillis(), id -> {
                if (awaitingHeaders.remove(connection) != null) {
                    LOG.debug("HTTP {} listener: closing {}: no request headers within {}", settings.name(),
                            connection.remoteAddress(), settings.headerTimeout());
                    connection.close();
                }
            });
            awaitingHeaders.put(connection, timer);
            connection.closeHandler(v -> {
                open.decrementAndGet();
                Long t = awaitingHeaders.remove(connection);
                if (t != null) {
                    vertx.cancelTimer(t);
                }
            });
            connection.exceptionHandler(t -> LOG.debug("HTTP {} listener: {}: {}", settings.name(),
                    connection.remoteAddress(), t.toString()));
        }

        void requested(HttpServerRequest request) {
            if (!awaitingHeaders.isEmpty()) {
                Long t = awaitingHeaders.remove(request.connection());
                if (t != null) {
                    vertx.cancelTimer(t);
                }
            }
            request.exceptionHandler(t -> LOG.debug("HTTP {} listener: {} {}: {}", settings.name(), request.method(),
                    request.path(), t.toString()));
        }

        void reloadTls(TlsFiles files) {
            if (!files.changed()) {
                return;
            }
            PemKeyCertOptions pem;
            try {
                pem = files.read();
            } catch (IOException e) {
                LOG.warn("HTTP {} listener: cannot read the changed TLS files, the certificate in force stays: {}",
                        settings.name(), e.toString());
                return;
            }
            server.updateSSLOptions(new SSLOptions().setKeyCertOptions(pem), true).onComplete(r -> {
                if (r.succeeded()) {
                    LOG.info("HTTP {} listener: TLS certificate {} read again", settings.name(), files.cert);
                } else {
                    LOG.warn("HTTP {} listener: the changed TLS files do not work, the certificate in force stays:"
                            + " {}", settings.name(), r.cause().toString());
                }
            });
        }
    }

    /** The PEM certificate and key of a listener, and whether they changed since they were last read. */
    private static final class TlsFiles {
        final Path cert;
        final Path key;
        private String stamp;

        TlsFiles(Path cert, Path key) {
            this.cert = cert;
            this.key = key;
        }

        private String stampNow() {
            try {
                return Files.getLastModifiedTime(cert).toMillis() + ":" + Files.size(cert) + ":"
                        + Files.getLastModifiedTime(key).toMillis() + ":" + Files.size(key);
            } catch (IOException e) {
                return "missing";
            }
        }

        boolean changed() {
            return !stampNow().equals(stamp);
        }

        PemKeyCertOptions read() throws IOException {
            stamp = stampNow();
            return new PemKeyCertOptions().setCertValue(Buffer.buffer(Files.readAllBytes(cert)))
                    .setKeyValue(Buffer.buffer(Files.readAllBytes(key)));
        }
    }
}
