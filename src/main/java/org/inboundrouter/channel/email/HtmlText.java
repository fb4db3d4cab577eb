package org.inboundrouter.channel.email;

import org.inboundrouter.text.QuotedHistory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Turns an HTML mail body into readable plain text, setting the quoted reply history apart. */
final class HtmlText {

    /** The readable text of the body, and of the quoted history (null when there was none). */
    record Result(String text, String quoted) {
    }

    /* Elements that are quoted history themselves. */
    private static final String QUOTE_ELEMENTS = "blockquote, div.gmail_quote, div.yahoo_quoted, div.moz-cite-prefix";
    /*
     * Outlook marks only the start of the history: the header block (divRplyFwdMsg, x_ when relayed by OWA) or an
     * empty div before it (appendonsend); the quoted mail follows as siblings, so the marker and everything after it
     * in document order is history.
     */
    private static final String HISTORY_STARTS = "#appendonsend, #x_appendonsend, #divRplyFwdMsg, #x_divRplyFwdMsg";

    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "center", "dd",
            "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "li", "main",
            "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul", "h1", "h2", "h3",
            "h4", "h5", "h6");
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul",
            "ol", "blockquote", "pre");

    private HtmlText() {
    }

    static Result convert(String html) {
        Document doc = Jsoup.parse(html);
        doc.select("script, style, head, title, noscript, template, meta, link, object, embed, iframe").remove();
        Set<Node> history = Collections.newSetFromMap(new IdentityHashMap<>());
        Element start = doc.selectFirst(HISTORY_STARTS);
        if (start != null) {
            history.add(start);
            for (Node node = start; node != null && node != doc.body(); node = node.parent()) {
                for (Node sib = node.nextSibling(); sib != null; sib = sib.nextSibling()) {
                    history.add(sib);
                }
            }
        }
        history.addAll(doc.select(QUOTE_ELEMENTS));
        List<Node> ordered = outermostInDocumentOrder(doc, history);
        String quoted = render(ordered);
        ordered.forEach(Node::remove);
        String text = render(List.of(doc.body()));
        if (text.isEmpty() && !quoted.isEmpty()) {
            // never strip everything: a mail that is all quote keeps it as its text
            return new Result(render(List.of(Jsoup.parse(html).body())), null);
        }
        return new Result(text, quoted.isEmpty() ? null : quoted);
    }

    /** The nodes of {@code nodes} that are not inside another of them, in document order. */
    private static List<Node> outermostInDocumentOrder(Document doc, Set<Node> nodes) {
        List<Node> ordered = new ArrayList<>();
        if (nodes.isEmpty()) {
            return ordered;
        }
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (nodes.contains(node)) {
                    ordered.add(node);
                    return FilterResult.SKIP_ENTIRELY;
                }
                return FilterResult.CONTINUE;
            }
        }, doc);
        return ordered;
    }

    /**
     * Renders nodes, one after the other, as text: blocks on their own lines, paragraphs separated by a blank line.
     */
    private static String render(List<Node> nodes) {
        StringBuilder sb = new StringBuilder();
        NodeVisitor visitor = new NodeVisitor() {
            private int pre;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    if (pre > 0) {
                        sb.append(t.getWholeText());
                    } else {
                        String s = t.getWholeText().replaceAll("[\\s\\u00A0]+", " ");
                        if (s.startsWith(" ") && (sb.isEmpty() || endsWithSpace(sb))) {
                            s = s.substring(1);
                        }
                        sb.append(s);
                    }
                } else if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (tag.equals("pre")) {
                        pre++;
                    }
                    if (tag.equals("br")) {
                        sb.append('\n');
                    } else if (PARAGRAPHS.contains(tag)) {
                        blankLine(sb);
                    } else if (BLOCKS.contains(tag)) {
                        newLine(sb);
                    }
                    if (tag.equals("li")) {
                        sb.append("- ");
                    } else if ((tag.equals("td") || tag.equals("th")) && e.elementSiblingIndex() > 0) {
                        sb.append(' ');
                    } else if (tag.equals("img") && sb.length() > 0 && !endsWithSpace(sb)) {
                        sb.append(' ');
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (tag.equals("pre")) {
                        pre--;
                    }
                    if (PARAGRAPHS.contains(tag)) {
                        blankLine(sb);
                    } else if (BLOCKS.contains(tag)) {
                        newLine(sb);
                    }
                }
            }
        };
        for (Node node : nodes) {
            NodeTraversor.traverse(visitor, node);
        }
        return QuotedHistory.tidy(sb.toString());
    }

    private static boolean endsWithSpace(StringBuilder sb) {
        char c = sb.charAt(sb.length() - 1);
        return c == ' ' || c == '\n';
    }

    private static void newLine(StringBuilder sb) {
        if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != '\n') {
            sb.append('\n');
        }
    }

    private static void blankLine(StringBuilder sb) {
        newLine(sb);
        if (sb.length() >= 2 && sb.charAt(sb.length() - 2) != '\n') {
            sb.append('\n');
        }
    }
}
