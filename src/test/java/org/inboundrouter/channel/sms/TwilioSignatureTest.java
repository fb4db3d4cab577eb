package org.inboundrouter.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.security.RequestValidator;
import org.inboundrouter.channel.webhook.FormBody;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Twilio's signature algorithm: against Twilio's own validator, and against the known-answer vectors when present. */
class TwilioSignatureTest {

    private static final Path VECTORS = Path.of("../shared/data/protocol-vectors/twilio/vectors.json");

    @Test
    void agreesWithTwilioSdkOnChineseAndRepeatedParameters() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Body", "帐户被冻结了 怎么办？ 100% urgent & now");
        params.put("From", "+8613800138000");
        params.put("MessageSid", "SM" + "a".repeat(32));
        String url = "https://desk.example.com/webhooks/sms?tenant=cn";
        String signature = TwilioSignature.compute("tok", url, form(params));

        assertThat(new RequestValidator("tok").validate(url, params, signature)).isTrue();
        assertThat(TwilioSignature.valid("tok", url, form(params), signature)).isTrue();
        assertThat(TwilioSignature.valid("other", url, form(params), signature)).isFalse();
    }

    @Test
    void acceptsTheUrlWithOrWithoutTheDefaultPort() throws Exception {
        Map<String, String> params = Map.of("Body", "hi", "MessageSid", "SM1");
        String signedWithPort = TwilioSignature.compute("tok", "https://desk.example.com:443/webhooks/sms", form(params));

        assertThat(TwilioSignature.valid("tok", "https://desk.example.com/webhooks/sms", form(params), signedWithPort))
                .isTrue();
        assertThat(TwilioSignature.valid("tok", "https://desk.example.com:8443/webhooks/sms", form(params),
                signedWithPort)).isFalse();
    }

    @Test
    void knownAnswerVectors() throws Exception {
        assumeTrue(Files.exists(VECTORS), "Twilio vectors not present at " + VECTORS);
        JsonNode doc = Json.mapper().readTree(VECTORS.toFile());
        String token = doc.get("auth_token").asText();
        JsonNode formPost = null;
        int checked = 0;
        for (JsonNode c : doc.get("cases")) {
            if (c.has("body")) {
                continue; // JSON bodies are signed over a bodySHA256 query parameter: not a form post
            }
            JsonNode params = c.get("params");
            if (c.get("name").asText().equals("form_post")) {
                formPost = params;
            }
            if (params != null && params.isTextual()) {
                params = formPost;
            }
            Map<String, String> map = new LinkedHashMap<>();
            if (params != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                    var e = it.next();
                    map.put(e.getKey(), e.getValue().asText());
                }
            }
            boolean expected = !c.has("valid") || c.get("valid").asBoolean();
            String url = c.get("url").asText();
            assertThat(TwilioSignature.valid(token, url, form(map), c.get("expected_signature").asText()))
                    .as(c.get("name").asText()).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
    }

    private static FormBody form(Map<String, String> params) throws Exception {
        String body = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
