package org.inboundrouter.channel.wechat;

import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.channel.webhook.WebhookRejected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile input (issue 16): a signed WeChat body nested 10,000 levels deep is a 400 naming the depth limit, not a 500
 * or a StackOverflowError; the parser's own limit ({@code jdk.xml.maxElementDepth}) stops it.
 */
class WeChatDeepXmlTest {

    private static final String TOKEN = "deskToken2024";
    private static final String ACCOUNT = "gh_3f5a6b7c8d9e";
    private static final String OPENID = "oIWsFtyel13ZMva1qltQ3qfzvNjA";

    @TempDir
    Path dir;
    private TestDaemon daemon;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    static String nested(int depth) {
        return "<xml><ToUserName>" + ACCOUNT + "</ToUserName><FromUserName>" + OPENID + "</FromUserName>"
                + "<CreateTime>" + Instant.now().getEpochSecond() + "</CreateTime><MsgType>text</MsgType>"
                + "<MsgId>6054768590064719999</MsgId><Content>" + "<a>".repeat(depth) + "x" + "</a>".repeat(depth)
                + "</Content></xml>";
    }

    @Test
    void theParserRefusesDeepNestingNamingTheLimit() {
        assertThatThrownBy(() -> WeChatXml.parse(nested(10_000).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WebhookRejected.class)
                .hasMessageContaining("nested deeper than " + WeChatXml.MAX_DEPTH + " levels");
    }

    @Test
    void nestingWithinTheLimitIsRead() throws Exception {
        // <xml> and <Content> are two levels
        Map<String, String> fields = WeChatXml.parse(nested(WeChatXml.MAX_DEPTH - 2)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(fields.get("Content")).isEqualTo("x");
    }

    @Test
    void aSignedBodyNested10000LevelsDeepIs400NamingTheLimit() throws Exception {
        daemon = TestDaemon.start(dir, Map.of("WECHAT_TOKEN", TOKEN), Map.of("wechat", """
                kind: wechat
                token: ${env:WECHAT_TOKEN}
                appId: wx5823bf96d3bd56c7
                """));
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String query = "signature=" + WeChatSignature.compute(TOKEN, timestamp, "4242") + "&timestamp=" + timestamp
                + "&nonce=4242";

        HttpResponse<String> response = daemon.post("/webhooks/wechat?" + query, "text/xml", Map.of(),
                nested(10_000));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"body\"")
                .contains("nested deeper than " + WeChatXml.MAX_DEPTH + " levels");
        assertThat(daemon.tickets()).isEmpty();
    }
}
