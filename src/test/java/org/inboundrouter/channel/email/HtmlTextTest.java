package org.inboundrouter.channel.email;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTextTest {

    @Test
    void blocksBecomeLinesAndInvisibleContentIsDropped() {
        HtmlText.Result r = HtmlText.convert("""
                <html><head><title>Title</title><style>.x{}</style><script>var a;</script></head>
                <body><h1>Refund</h1><p>Order&nbsp;<b>42</b> &mdash; &lt;paid&gt;</p>
                <div>line one<br>line two</div>
                <table><tr><td>Amount</td><td>&yen;100</td></tr><tr><td>Time</td><td>10:00</td></tr></table>
                <ol><li>first</li><li>second</li></ol>
                <pre>  keep   spacing</pre></body></html>
                """);

        assertThat(r.text()).isEqualTo("""
                Refund

                Order 42 — <paid>

                line one
                line two

                Amount ¥100
                Time 10:00

                - first
                - second

                  keep   spacing""");
        assertThat(r.quoted()).isNull();
    }

    @Test
    void blockquoteAndGmailQuoteAreHistory() {
        HtmlText.Result r = HtmlText.convert("<div>New question</div><blockquote type=\"cite\">old answer</blockquote>"
                + "<div class=\"gmail_quote gmail_quote_container\">On Mon wrote:<div>older</div></div>");

        assertThat(r.text()).isEqualTo("New question");
        assertThat(r.quoted()).isEqualTo("old answer\n\nOn Mon wrote:\nolder");
    }

    @Test
    void outlookMarkersStartTheHistoryAndEverythingAfterThem() {
        HtmlText.Result r = HtmlText.convert("""
                <div><p>Please unfreeze my account.</p>
                <div id="appendonsend"></div>
                <hr><div id="divRplyFwdMsg"><b>From:</b> Support<br><b>Sent:</b> Monday</div>
                <div>Your account was frozen for safety.</div></div>
                <p>still after the marker</p>
                """);

        assertThat(r.text()).isEqualTo("Please unfreeze my account.");
        assertThat(r.quoted()).startsWith("From: Support\nSent: Monday").contains("Your account was frozen")
                .endsWith("still after the marker");
    }

    @Test
    void yahooQuoteAndOwaPrefixedMarker() {
        assertThat(HtmlText.convert("<p>hi</p><div class=\"yahoo_quoted\">old</div>").quoted()).isEqualTo("old");
        assertThat(HtmlText.convert("<p>hi</p><div id=\"x_divRplyFwdMsg\">From: x</div><p>old</p>").text())
                .isEqualTo("hi");
    }

    @Test
    void aMailThatIsOnlyAQuoteKeepsItsText() {
        HtmlText.Result r = HtmlText.convert("<blockquote>Only quoted text, nothing new</blockquote>");

        assertThat(r.text()).isEqualTo("Only quoted text, nothing new");
        assertThat(r.quoted()).isNull();
    }
}
