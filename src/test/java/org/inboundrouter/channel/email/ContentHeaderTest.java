package org.inboundrouter.channel.email;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContentHeaderTest {

    private final List<String> warnings = new ArrayList<>();

    private ContentHeader parse(String value) {
        return ContentHeader.parse(value, "part 1 header Content-Type", warnings);
    }

    @Test
    void valueAndParameters() {
        ContentHeader h = parse("Text/Plain; charset=\"GB2312\"; format=flowed");

        assertThat(h.value()).isEqualTo("text/plain");
        assertThat(h.mediaType("x")).isEqualTo("text/plain");
        assertThat(h.param("charset")).isEqualTo("GB2312");
        assertThat(h.param("format")).isEqualTo("flowed");
    }

    @Test
    void brokenParameterListsAreReadLeniently() {
        assertThat(parse("application/pdf name=\"bill.pdf\"").param("name")).isEqualTo("bill.pdf");
        assertThat(parse("image/png; name=my photo (1).png").param("name")).isEqualTo("my photo (1).png");
        assertThat(parse("text/html; charset=\"UTF-8; format=fixed").param("charset")).isEqualTo("UTF-8");
        assertThat(parse("multipart/mixed; ; junk; boundary=\"a\\\"b\"").param("boundary")).isEqualTo("a\"b");
        assertThat(parse("text/plain>").mediaType(null)).isNull();
        assertThat(parse(null)).isEqualTo(ContentHeader.EMPTY);
    }

    @Test
    void rfc2231ContinuationsAndCharsets() {
        ContentHeader h = parse("attachment; filename*0*=utf-8'en'%E8%BD%AC; filename*1=\"-\";"
                + " filename*2*=%E8%B4%A6.pdf");

        assertThat(h.param("filename")).isEqualTo("转-账.pdf");
    }

    @Test
    void rfc2231ParameterWinsOverThePlainOne() {
        assertThat(parse("attachment; filename=\"fallback.txt\"; filename*=UTF-8''%E6%94%B6%E6%8D%AE.txt")
                .param("filename")).isEqualTo("收据.txt");
    }

    @Test
    void encodedWordsInsideQuotedValues() {
        assertThat(parse("attachment; filename=\"=?GB2312?B?vdjNvC5wbmc=?=\"").param("filename"))
                .isEqualTo("截图.png");
    }
}
