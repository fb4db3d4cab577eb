package org.inboundrouter.channel.wechat;

import org.inboundrouter.channel.webhook.WebhookRejected;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WeChat message: {@code <xml>} with one flat element per field, values in CDATA or plain text. The body comes from
 * the internet and plain mode does not sign it, so the parser refuses any DOCTYPE (no entities, no external DTDs:
 * XXE and entity expansion are impossible) and reads nothing but the document itself. Elements nested deeper than
 * {@link #MAX_DEPTH} are refused by the parser itself (a 400), so nothing recurses through a hostile tree.
 */
final class WeChatXml {

    /** How deep elements may nest, {@code <xml>} being 1; WeChat's own messages go 4 deep at most. */
    static final int MAX_DEPTH = 100;

    private static final DocumentBuilderFactory FACTORY = secureFactory();

    private WeChatXml() {
    }

    /** The root's child elements, name → text; the first of a repeated name wins. */
    static Map<String, String> parse(byte[] body) throws WebhookRejected {
        Document document;
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) { // a factory is not guaranteed to be thread-safe; its builders are used alone
                builder = FACTORY.newDocumentBuilder();
            }
            builder.setErrorHandler(SILENT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not read");
            });
            document = builder.parse(new ByteArrayInputStream(body));
        } catch (SAXParseException e) {
            if (tooDeep(e)) {
                throw WebhookRejected.malformed("body", "XML nested deeper than " + MAX_DEPTH + " levels (line "
                        + e.getLineNumber() + ", column " + e.getColumnNumber() + ")");
            }
            throw WebhookRejected.malformed("body", "not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + (e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? ": a DOCTYPE is not accepted" : ""));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw WebhookRejected.malformed("body", "not well-formed XML");
        }
        Element root = document.getDocumentElement();
        if (!"xml".equals(root.getTagName())) {
            throw WebhookRejected.malformed("xml", "the root element must be <xml>");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                fields.putIfAbsent(child.getNodeName(), child.getTextContent());
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    private static DocumentBuilderFactory secureFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // the parser's own limit: a deeper document is refused while it is read, before any tree is walked
            f.setAttribute(MAX_ELEMENT_DEPTH, Integer.toString(MAX_DEPTH));
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be secured", e);
        }
    }

    /**
     * The JDK parser's element depth limit (the {@code jdk.xml.maxElementDepth} system property's API name); its error
     * is JAXP00010006 and names the property.
     */
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    private static boolean tooDeep(SAXParseException e) {
        String message = e.getMessage();
        return message != null && (message.contains("JAXP00010006") || message.contains("maxElementDepth"));
    }

    /** The default handler prints to stderr; errors are reported as a 400 instead. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
