package org.inboundrouter.channel.telegram;

import org.apache.camel.RoutesBuilder;
import org.inboundrouter.channel.ChannelRuntime;
import org.inboundrouter.channel.ConsumerChannelConfig;
import org.inboundrouter.config.ChannelSettings;
import org.inboundrouter.config.Hosts;
import org.inboundrouter.config.Secret;
import org.inboundrouter.model.ChannelRef;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kind: telegram}: a bot whose private chats are fetched by long polling ({@code getUpdates}) through
 * camel-telegram and the {@code telegram-source} Kamelet. See docs/channels/telegram.md.
 *
 * @param botToken    the token BotFather gave, {@code <bot id>:<secret>}; null for a disabled channel
 * @param baseUri     the Bot API server; {@code https://api.telegram.org} unless a local Bot API server is used
 * @param pollTimeout how long Telegram holds a {@code getUpdates} call open when there is nothing new
 * @param pollDelay   the pause between two {@code getUpdates} calls
 */
public record TelegramBotConfig(String name, Path file, boolean enabled, Secret botToken, String baseUri,
        Duration pollTimeout, Duration pollDelay) implements ConsumerChannelConfig {

    public static final String DEFAULT_BASE_URI = "https://api.telegram.org";
    /** BotFather's tokens: the bot's numeric user id, a colon, then a secret of letters, digits, - and _. */
    private static final Pattern TOKEN = Pattern.compile("(\\d{1,20}):[A-Za-z0-9_-]{20,100}");
    private static final Set<String> FIELDS = Set.of("botToken", "baseUri", "pollTimeout", "pollDelay");

    public static TelegramBotConfig read(ChannelSettings s) {
        s.allow(FIELDS);
        Secret token = s.secret("botToken");
        if (token != null && !TOKEN.matcher(token.value()).matches()) {
            // never the value itself: it is a credential, and a wrong one is usually a different credential
            s.yaml().problem("botToken", "the value from " + token.source() + " is not a bot token "
                    + "(BotFather gives <bot id>:<secret>, e.g. 123456789:AAH...)");
        }
        String baseUri = baseUri(s);
        Duration timeout = s.yaml().duration("pollTimeout", Duration.ofSeconds(30));
        if (timeout.isNegative() || timeout.toSeconds() > 120 || (!timeout.isZero() && timeout.toMillis() % 1000 != 0)) {
            s.yaml().problem("pollTimeout", "must be whole seconds from 0s to 120s (Telegram counts in seconds)");
        }
        Duration delay = s.yaml().duration("pollDelay", Duration.ofSeconds(1));
        if (delay.toMillis() < 10 || delay.toHours() > 1) {
            s.yaml().problem("pollDelay", "must be from 10ms to 1h");
        }
        return new TelegramBotConfig(s.name(), s.file(), s.enabled(), token, baseUri, timeout, delay);
    }

    private static String baseUri(ChannelSettings s) {
        String raw = s.yaml().string("baseUri", DEFAULT_BASE_URI);
        String value = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        try {
            URI uri = URI.create(value);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null || uri.getRawQuery() != null
                    || !(scheme.equals("https") || scheme.equals("http"))) {
                s.yaml().problem("baseUri", "must be an http(s) URL without query, such as " + DEFAULT_BASE_URI);
            } else if (scheme.equals("http") && !Hosts.isLoopback(uri.getHost())) {
                // the bot token travels in the request path: in clear it is anyone's on the way
                s.yaml().problem("baseUri", "http sends the bot token in clear; use https for a remote server");
            }
        } catch (IllegalArgumentException e) {
            s.yaml().problem("baseUri", "not a URL: " + e.getMessage());
        }
        return value;
    }


    /** The bot's own user id: the token's numeric prefix, public (it is the bot's Telegram user id). */
    public Long botId() {
        if (botToken == null) {
            return null;
        }
        Matcher m = TOKEN.matcher(botToken.value());
        return m.matches() ? Long.parseLong(m.group(1)) : null;
    }

    @Override
    public String kind() {
        return ChannelRef.TELEGRAM;
    }

    @Override
    public RoutesBuilder routes(ChannelRuntime runtime) {
        return new TelegramBotRoutes(this, runtime);
    }
}
