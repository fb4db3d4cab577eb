package org.inboundrouter.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import org.inboundrouter.model.Attachment;
import org.inboundrouter.model.AttachmentContent;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.ConversationHints;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Noise;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Sha256;
import org.inboundrouter.model.TimeOrderedUuid;
import org.inboundrouter.text.LanguageDetector;
import org.inboundrouter.text.QuotedHistory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a raw RFC 5322 mail into the normalized {@link InboundMessage}, with its attachments' bytes and a verdict on
 * whether a machine wrote it. Thread-safe; one instance serves all mail channels.
 * <p>
 * Angus reads the header block and splits multiparts; everything it would decode (charsets, encoded words,
 * parameters, transfer encodings) is decoded here, leniently, because real mail breaks every rule and a support
 * desk must read it anyway. What was odd is reported in {@link InboundMessage#warnings()}.
 */
public final class MailParser {

    private static final int MAX_DEPTH = 30;
    private static final int MAX_PARTS = 1_000;

    /** The headers kept on the message: what routing, loop detection and auditing look at. */
    private static final List<String> KEPT_HEADERS = List.of("message-id", "in-reply-to", "references", "from",
            "to", "cc", "reply-to", "date", "subject", "return-path", "auto-submitted", "precedence", "x-autoreply",
            "x-autorespond", "x-auto-response-suppress", "x-failed-recipients", "list-id", "content-type",
            "x-mailer", "user-agent");
    private static final Pattern META_CHARSET = Pattern.compile(
            "(?i)<meta[^>]{0,200}?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)");
    private static final Pattern DECLARED_CHARSET =
            Pattern.compile("(?i)charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)");
    private static final Pattern BOUNDARY_LINE =
            Pattern.compile("(?m)^--(?=\\S*[A-Za-z0-9])(\\S{6,}?)(?:--)?[ \\t]*\r?$");
    /* Fields a message's author (not a relay) writes; a trace field (Received, Return-Path) alone makes no mail. */
    private static final List<String> NOT_MAIL_FIELDS = List.of("From", "Sender", "Date", "Subject", "To", "Cc",
            "Message-ID", "MIME-Version", "Content-Type");
    /* A mailing list's header fields (RFC 2369, RFC 2919, and two older ones): a post a list delivers. */
    private static final List<String> LIST_FIELDS = List.of("List-Id", "List-Post", "List-Unsubscribe",
            "List-Help", "List-Archive", "Mailing-List", "X-Mailing-List");
    private static final Pattern UNSAFE_NAME_CHARS = Pattern.compile("[\\p{Cntrl}/\\\\:*?\"<>|]+");

    private final long maxStoredAttachmentBytes;
    private final Session session;

    public MailParser(long maxStoredAttachmentBytes) {
        this.maxStoredAttachmentBytes = maxStoredAttachmentBytes;
        Properties props = new Properties();
        // Lenient settings for whatever angus decodes itself. Most of the decoding happens in this package, and
        // angus reads several of these (base64, multipart) from system properties, not from the Session.
        props.setProperty("mail.mime.decodetext.strict", "false");
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.decodefilename", "true");
        props.setProperty("mail.mime.decodeparameters", "true");
        props.setProperty("mail.mime.parameters.strict", "false");
        props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        props.setProperty("mail.mime.base64.ignoreerrors", "true");
        props.setProperty("mail.mime.uudecode.ignoreerrors", "true");
        this.session = Session.getInstance(props);
    }

    /**
     * Parses one mail.
     *
     * @throws MailParseException when the bytes cannot be read as a message at all (e.g. a multipart body without
     *                            any boundary line); the message names what failed and where
     */
    public Intake parse(byte[] raw, ChannelRef channel, Instant receivedAt) throws MailParseException {
        if (raw == null) {
            throw new MailParseException("message: no bytes");
        }
        try {
            return new Run(raw).parse(channel, receivedAt);
        } catch (MailParseException e) {
            throw e;
        } catch (MessagingException | IOException e) {
            throw new MailParseException("message: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MailParseException("message: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** A body text found in the walk: plain text, or the readable form of an HTML part. */
    private record BodyText(String text, String htmlQuoted, boolean plain, boolean typed) {
    }

    /** What one subtree of the MIME structure contributes; multipart/alternative compares its branches'. */
    private static final class Found {
        final List<BodyText> texts = new ArrayList<>();
        final List<Attachment> attachments = new ArrayList<>();

        boolean hasPlainText() {
            return texts.stream().anyMatch(t -> t.plain() && !t.text().isBlank());
        }

        /** Plain text from a part that said so: text/plain by default only (no Content-Type) counts less. */
        boolean hasTypedPlainText() {
            return texts.stream().anyMatch(t -> t.plain() && t.typed() && !t.text().isBlank());
        }

        boolean hasText() {
            return texts.stream().anyMatch(t -> !t.text().isBlank());
        }
    }

    /** The state of parsing one mail. */
    private final class Run {
        private final byte[] raw;
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, AttachmentContent> contents = new LinkedHashMap<>();
        private boolean htmlPresent;
        private int parts;
        private int attachmentNumber;
        private String reportType;
        private boolean deliveryStatus;
        private boolean disposition;
        private boolean feedbackReport;
        private String originalMessageId;
        private String originalFromReceipt;
        private EncodedWords.Hint hint;

        Run(byte[] raw) {
            this.raw = raw;
        }

        Intake parse(ChannelRef channel, Instant receivedAt) throws MessagingException, IOException,
                MailParseException {
            MimeMessage msg = new MimeMessage(session, new ByteArrayInputStream(
                    HeaderBlocks.withBodyBoundary(raw, "message header", warnings)));
            String rawRef = Sha256.ref(raw);
            if (NOT_MAIL_FIELDS.stream().noneMatch(name -> headerPresent(msg, name)) && looksBinary(raw)) {
                // the one input without a reasonable reading: nobody to answer and nothing to read
                throw new MailParseException("message: not a mail: no From, Date, Subject, To, Message-ID or MIME"
                        + " header field (RFC 5322 3.6 requires From and Date) and binary content (RFC 5322 2.3:"
                        + " a body is lines of characters)",
                        new MessagingException("no author's header field and binary content"));
            }

            List<String> rawHeaderLines = new ArrayList<>();
            for (var lines = msg.getAllHeaderLines(); lines.hasMoreElements(); ) {
                rawHeaderLines.add(lines.nextElement());
            }
            hint = EncodedWords.headerHint(rawHeaderLines, declaredCharsets(raw));

            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : KEPT_HEADERS) {
                List<String> values = headerValues(msg, name);
                if (!values.isEmpty()) {
                    List<String> decoded = new ArrayList<>();
                    for (String v : values) {
                        decoded.add(EncodedWords.decode(v, hint, "header " + displayName(name), warnings).trim());
                    }
                    headers.put(name, String.join(", ", decoded));
                }
            }

            String messageId = MessageIds.single(firstHeader(msg, "Message-ID"));
            String inReplyTo = MessageIds.first(firstHeader(msg, "In-Reply-To"));
            List<String> references = new ArrayList<>();
            for (String v : headerValues(msg, "References")) {
                references.addAll(MessageIds.all(v));
            }

            String subject = null;
            String rawSubject = firstHeader(msg, "Subject");
            if (rawSubject != null) {
                subject = EncodedWords.decode(rawSubject, hint, "header Subject", warnings)
                        .replaceAll("[\\s\\p{Cntrl}]+", " ").trim();
            }

            Party sender = firstParty(msg, "From");
            if (sender == null) {
                sender = firstParty(msg, "Sender");
            }
            if (sender == null) {
                sender = firstParty(msg, "Return-Path");
            }
            List<Party> recipients = new ArrayList<>();
            for (String name : List.of("To", "Cc")) {
                for (String v : headerValues(msg, name)) {
                    recipients.addAll(MailAddresses.parse(v, hint, "header " + name, warnings));
                }
            }

            Instant sentAt = null;
            String date = firstHeader(msg, "Date");
            if (date != null) {
                sentAt = MailDates.parse(date);
                if (sentAt == null) {
                    warnings.add("header Date: unparseable \"" + MailAddresses.abbreviate(date.trim()) + "\"");
                }
            }

            Found found = new Found();
            walk(msg, "", 0, null, found);

            StringBuilder body = new StringBuilder();
            StringBuilder htmlQuoted = new StringBuilder();
            for (BodyText t : found.texts) {
                if (!t.text().isBlank()) {
                    body.append(body.isEmpty() ? "" : "\n\n").append(t.text());
                }
                if (t.htmlQuoted() != null) {
                    htmlQuoted.append(htmlQuoted.isEmpty() ? "" : "\n\n").append(t.htmlQuoted());
                }
            }
            String bodyText = body.toString();
            QuotedHistory.Split split = QuotedHistory.split(bodyText);
            String quoted = join(split.quoted(), htmlQuoted.isEmpty() ? null : htmlQuoted.toString());

            Noise noise = NoiseDetector.detect(headers, subject, sender == null ? null : sender.address(),
                    inReplyTo, references, bodyText, new NoiseDetector.MimeFacts(reportType, deliveryStatus,
                            disposition, originalMessageId, originalFromReceipt, feedbackReport,
                            LIST_FIELDS.stream().anyMatch(name -> headerPresent(msg, name))));

            String languageSample = (subject == null ? "" : subject + "\n") + split.text();
            InboundMessage message = new InboundMessage(
                    TimeOrderedUuid.next(),
                    channel,
                    messageId,
                    new ConversationHints(inReplyTo, references, null),
                    sender,
                    recipients,
                    subject,
                    split.text(),
                    quoted,
                    split.signature(),
                    htmlPresent,
                    found.attachments,
                    sentAt,
                    receivedAt,
                    LanguageDetector.detect(languageSample),
                    headers,
                    rawRef,
                    List.copyOf(new LinkedHashSet<>(warnings))); // the same oddity met twice is reported once
            String dedupKey = messageId != null ? "message-id:" + messageId : rawRef;
            return new Intake(message, raw, List.copyOf(contents.values()), noise, dedupKey);
        }

        private Party firstParty(MimeMessage msg, String name) throws MessagingException {
            for (String v : headerValues(msg, name)) {
                List<Party> parties = MailAddresses.parse(v, hint, "header " + name, warnings);
                if (!parties.isEmpty()) {
                    return parties.get(0);
                }
            }
            return null;
        }

        /**
         * Walks one part. {@code label} is its IMAP-style number ("" for the message itself, "1", "1.2", ...).
         */
        private void walk(Part part, String label, int depth, String parentType, Found out)
                throws MessagingException, IOException, MailParseException {
            String ctHeader = firstHeader(part, "Content-Type");
            ContentHeader ct = ContentHeader.parse(ctHeader, hint, partName(label) + " header Content-Type",
                    warnings);
            ContentHeader cd = ContentHeader.parse(firstHeader(part, "Content-Disposition"), hint,
                    partName(label) + " header Content-Disposition", warnings);
            String type = mediaType(ct, cd, ctHeader, parentType, label);
            String where = partName(label) + " (" + type + ")";
            if (depth > MAX_DEPTH) {
                warnings.add(where + ": nested deeper than " + MAX_DEPTH + " levels, ignored");
                return;
            }
            if (++parts > MAX_PARTS) {
                if (parts == MAX_PARTS + 1) {
                    warnings.add(where + ": more than " + MAX_PARTS + " parts, the rest ignored");
                }
                return;
            }

            if (type.startsWith("multipart/")) {
                walkMultipart(part, label, depth, type, ct, where, out);
                return;
            }
            if (type.equals("text/html") || type.equals("text/plain")) {
                boolean attachment = cd.value().equals("attachment") || fileName(ct, cd) != null;
                if (!attachment) {
                    byte[] bytes = decodedBytes(part, where);
                    String charset = ct.param("charset");
                    if (type.equals("text/html")) {
                        htmlPresent = true;
                        if (charset == null) {
                            charset = metaCharset(bytes);
                        }
                        HtmlText.Result html = HtmlText.convert(
                                MailCharsets.decodeLabelled(bytes, charset, where, warnings));
                        out.texts.add(new BodyText(html.text(), html.quoted(), false, true));
                    } else {
                        BodyText text = plainText(bytes, charset, ct.param("format"), ct.param("delsp"),
                                ctHeader != null, where);
                        InlineUuencode.Result uu = InlineUuencode.extract(text.text());
                        for (InlineUuencode.File file : uu.files()) {
                            warnings.add(where + ": uuencoded file \"" + file.name() + "\" in the text, kept as an"
                                    + " attachment");
                            addAttachment(file.name(), "application/octet-stream", file.bytes(), false, out);
                        }
                        out.texts.add(uu.files().isEmpty() ? text
                                : new BodyText(uu.text().strip(), null, true, text.typed()));
                    }
                    return;
                }
            }
            attachment(part, label, type, ct, cd, where, out);
        }

        private BodyText plainText(byte[] bytes, String charset, String format, String delsp, boolean typed,
                String where) {
            String text = MailCharsets.decodeLabelled(bytes, charset, where, warnings);
            if ("flowed".equalsIgnoreCase(format)) {
                text = FlowedText.unflow(text, "yes".equalsIgnoreCase(delsp));
            }
            return new BodyText(text.replace("\r\n", "\n"), null, true, typed);
        }

        private void walkMultipart(Part part, String label, int depth, String type, ContentHeader ct, String where,
                Found out) throws MessagingException, IOException, MailParseException {
            String declared = ct.param("boundary");
            String boundary = Multiparts.normalizeBoundary(declared);
            if (boundary != null && !boundary.equals(declared)) {
                warnings.add(where + ": blanks at the end of boundary \"" + declared
                        + "\" ignored (RFC 2046 5.1.1 allows none)");
            }
            byte[] body;
            try (InputStream in = rawStream(part)) {
                body = in.readAllBytes();
            }
            Multiparts.Split split = boundary == null || boundary.isEmpty() ? null : Multiparts.split(body, boundary);
            if (split == null) {
                if (isBlank(body)) {
                    // headers only (a truncated download, or a mail that had nothing to say): nothing is lost
                    warnings.add(where + ": empty body");
                    return;
                }
                String found = boundaryInBody(body);
                if (found != null && !found.equals(boundary)) {
                    // the declared boundary is not used; mailers that rewrite bodies do that
                    warnings.add(where + ": boundary \"" + boundary + "\" not found, used \"" + found
                            + "\" from the body");
                    walkMultipart(part, label, depth, type, ct.with("boundary", found), where, out);
                    return;
                }
                String problem = boundary != null && !boundary.isEmpty()
                        ? "Missing start boundary (no line \"--" + boundary + "\")"
                        : "Missing start boundary (no boundary parameter and no boundary line)";
                if (label.isEmpty()) {
                    // RFC 2046 5.1.1: a multipart without a delimiter line has no body parts; what its sender
                    // wrote is the text itself (a mislabelled plain mail, or one a relay flattened)
                    warnings.add(where + ": " + problem + ", read as text/plain");
                    out.texts.add(plainText(body, ct.param("charset"), null, null, false, where));
                    return;
                }
                // the other parts still hold what the customer wrote: keep this one's bytes as an attachment
                warnings.add(where + ": " + problem + ", kept as an attachment");
                attachment(part, label, "application/octet-stream", ct, ContentHeader.EMPTY, where, out);
                return;
            }
            List<Part> bodyParts = new ArrayList<>(split.parts().size());
            for (int i = 0; i < split.parts().size() && i <= MAX_PARTS; i++) {
                byte[] bytes = HeaderBlocks.withBodyBoundary(split.parts().get(i),
                        partName(child(label, i)) + " header", warnings);
                bodyParts.add(new MimeBodyPart(new ByteArrayInputStream(bytes)));
            }
            int count = bodyParts.size();
            String subtype = type.substring("multipart/".length());
            if (subtype.equals("report")) {
                String rt = ct.param("report-type");
                if (rt != null && reportType == null) {
                    reportType = rt.trim().toLowerCase(Locale.ROOT);
                }
            }
            if (count == 0) {
                warnings.add(where + ": no parts");
            }
            if (!subtype.equals("alternative")) {
                for (int i = 0; i < count; i++) {
                    walk(bodyParts.get(i), child(label, i), depth + 1, type, out);
                }
                return;
            }
            // Alternatives: the text of one, preferably non-blank text/plain; attachments of all (an HTML branch
            // may carry the screenshots the plain branch only mentions).
            List<Found> branches = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Found branch = new Found();
                walk(bodyParts.get(i), child(label, i), depth + 1, type, branch);
                branches.add(branch);
            }
            // RFC 2046 5.1.4: the branches come in increasing faithfulness to the original, so of several plain
            // text branches the last is the one to keep
            Found chosen = last(branches, Found::hasTypedPlainText);
            if (chosen == null) {
                chosen = last(branches, Found::hasPlainText);
            }
            if (chosen == null) {
                chosen = last(branches, Found::hasText);
            }
            if (chosen == null && !branches.isEmpty()) {
                chosen = branches.get(branches.size() - 1);
            }
            if (chosen != null) {
                out.texts.addAll(chosen.texts);
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Found branch : branches) {
                for (Attachment a : branch.attachments) {
                    if (seen.add(a.sha256())) {
                        out.attachments.add(a);
                    }
                }
            }
        }

        private void attachment(Part part, String label, String type, ContentHeader ct, ContentHeader cd,
                String where, Found out) throws MessagingException, IOException {
            byte[] bytes = decodedBytes(part, where);
            String name = fileName(ct, cd);
            if (type.equals("message/rfc822") || type.equals("message/global")) {
                InternetHeaders nested = nestedHeaders(bytes, where);
                if (nested != null) {
                    String id = MessageIds.single(unfold(nested.getHeader("Message-ID", null)));
                    if (originalMessageId == null && id != null) {
                        originalMessageId = id;
                    }
                    String nestedSubject = unfold(nested.getHeader("Subject", null));
                    if (name == null && nestedSubject != null) {
                        String s = EncodedWords.decode(nestedSubject, where + " Subject", warnings);
                        s = UNSAFE_NAME_CHARS.matcher(s).replaceAll(" ").replaceAll("\\s+", " ").trim();
                        if (!s.isEmpty()) {
                            name = (s.length() > 100 ? s.substring(0, 100).trim() : s) + ".eml";
                        }
                    }
                }
            } else if (type.equals("text/rfc822-headers")) {
                InternetHeaders nested = nestedHeaders(bytes, where);
                String id = nested == null ? null : MessageIds.single(unfold(nested.getHeader("Message-ID", null)));
                if (originalMessageId == null && id != null) {
                    originalMessageId = id;
                }
            } else if (type.equals("message/delivery-status")) {
                deliveryStatus = true;
            } else if (type.equals("message/feedback-report")) {
                feedbackReport = true;
            } else if (type.equals("message/disposition-notification")) {
                disposition = true;
                InternetHeaders fields = nestedHeaders(bytes, where);
                String id = fields == null ? null
                        : MessageIds.single(unfold(fields.getHeader("Original-Message-ID", null)));
                if (originalFromReceipt == null && id != null) {
                    originalFromReceipt = id;
                }
            }
            boolean inline = cd.value().equals("inline")
                    || cd.value().isEmpty() && firstHeader(part, "Content-ID") != null;
            addAttachment(name, type, bytes, inline, out);
        }

        private void addAttachment(String name, String type, byte[] bytes, boolean inline, Found out) {
            attachmentNumber++;
            if (name == null || name.isBlank()) {
                name = "attachment-" + attachmentNumber + extension(type);
            }
            String sha = Sha256.hex(bytes);
            boolean stored = bytes.length <= maxStoredAttachmentBytes;
            if (stored) {
                contents.putIfAbsent(sha, new AttachmentContent(sha, type, bytes));
            }
            out.attachments.add(new Attachment(name, type, bytes.length, sha, inline, stored));
        }

        private InternetHeaders nestedHeaders(byte[] bytes, String where) {
            try {
                return new InternetHeaders(new ByteArrayInputStream(bytes));
            } catch (MessagingException | RuntimeException e) {
                warnings.add(where + ": unreadable headers (" + e.getMessage() + ")");
                return null;
            }
        }

        private byte[] decodedBytes(Part part, String where) throws MessagingException, IOException {
            return TransferEncodings.decode(rawStream(part), firstHeader(part, "Content-Transfer-Encoding"), where,
                    warnings);
        }

        /** The media type, lower case; defaults per RFC 2045 (text/plain, message/rfc822 inside a digest). */
        private String mediaType(ContentHeader ct, ContentHeader cd, String header, String parentType,
                String label) {
            if (header == null || ct.value().isEmpty()) {
                return "multipart/digest".equals(parentType) ? "message/rfc822" : "text/plain";
            }
            String type = ct.mediaType(null);
            if (type == null) {
                // RFC 2045 5.2 says text/plain; a part with a file name is a file of unknown type
                type = fileName(ct, cd) != null ? "application/octet-stream" : "text/plain";
                warnings.add(partName(label) + " header Content-Type: invalid \""
                        + MailAddresses.abbreviate(ct.value()) + "\", read as " + type);
            }
            return type;
        }
    }

    private static InputStream rawStream(Part part) throws MessagingException {
        if (part instanceof MimeMessage m) {
            return m.getRawInputStream();
        }
        if (part instanceof MimeBodyPart b) {
            return b.getRawInputStream();
        }
        try {
            return part.getInputStream();
        } catch (IOException e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    private static boolean headerPresent(Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            return values != null && values.length > 0;
        } catch (MessagingException e) {
            return false;
        }
    }

    /** NUL bytes, or more than 1 in 20 control bytes other than tab, line breaks, form feed and ESC (ISO-2022). */
    static boolean looksBinary(byte[] bytes) {
        int control = 0;
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
            if (b >= 0 && b < 32 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B || b == 0x7F) {
                control++;
            }
        }
        return control * 20 > bytes.length;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** The first line of the body that looks like a MIME boundary ("--" and at least 6 more characters). */
    private static String boundaryInBody(byte[] bytes) {
        Matcher m = BOUNDARY_LINE.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : null;
    }

    private static List<String> headerValues(Part part, String name) throws MessagingException {
        String[] values = part.getHeader(name);
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                out.add(unfold(v));
            }
        }
        return out;
    }

    private static String firstHeader(Part part, String name) throws MessagingException {
        String[] values = part.getHeader(name);
        return values == null || values.length == 0 ? null : unfold(values[0]);
    }

    static String unfold(String value) {
        return value == null ? null : value.replaceAll("\\r?\\n(?=[ \\t])", "").replaceAll("[\\r\\n]", "");
    }

    private static String fileName(ContentHeader ct, ContentHeader cd) {
        String name = cd.param("filename");
        if (name == null || name.isBlank()) {
            name = ct.param("name");
        }
        if (name == null) {
            return null;
        }
        // a client's local path is not part of the name
        int sep = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(sep + 1).replaceAll("\\p{Cntrl}", "").trim();
        return name.isEmpty() ? null : name;
    }

    /** The charsets the mail declares anywhere (Content-Type parameters, HTML meta tags), in order, at most 5. */
    private static List<String> declaredCharsets(byte[] raw) {
        Matcher m = DECLARED_CHARSET.matcher(new String(raw, 0, Math.min(raw.length, 256 * 1024),
                StandardCharsets.ISO_8859_1));
        Set<String> labels = new LinkedHashSet<>();
        while (labels.size() < 5 && m.find()) {
            labels.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(labels);
    }

    private static String metaCharset(byte[] html) {
        int n = Math.min(html.length, 4096);
        Matcher m = META_CHARSET.matcher(new String(html, 0, n, StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : null;
    }

    private static String extension(String type) {
        return switch (type) {
            case "image/png" -> ".png";
            case "image/jpeg", "image/jpg", "image/pjpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "image/webp" -> ".webp";
            case "image/bmp" -> ".bmp";
            case "image/tiff" -> ".tif";
            case "image/heic" -> ".heic";
            case "image/svg+xml" -> ".svg";
            case "application/pdf" -> ".pdf";
            case "application/zip", "application/x-zip-compressed" -> ".zip";
            case "application/msword" -> ".doc";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> ".docx";
            case "application/vnd.ms-excel" -> ".xls";
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> ".xlsx";
            case "text/plain", "message/delivery-status", "message/disposition-notification",
                    "text/rfc822-headers" -> ".txt";
            case "text/html" -> ".html";
            case "text/csv" -> ".csv";
            case "text/calendar" -> ".ics";
            case "message/rfc822", "message/global" -> ".eml";
            case "application/pgp-signature" -> ".asc";
            case "application/pkcs7-signature", "application/x-pkcs7-signature" -> ".p7s";
            default -> type.startsWith("text/") ? ".txt" : ".bin";
        };
    }

    private static Found last(List<Found> branches, java.util.function.Predicate<Found> test) {
        for (int i = branches.size() - 1; i >= 0; i--) {
            if (test.test(branches.get(i))) {
                return branches.get(i);
            }
        }
        return null;
    }

    private static String child(String label, int index) {
        return label.isEmpty() ? String.valueOf(index + 1) : label + "." + (index + 1);
    }

    /** "message body" for the message's own content, else the IMAP-style part number: "part 1.2". */
    private static String partName(String label) {
        return label.isEmpty() ? "message body" : "part " + label;
    }

    private static String displayName(String lowerName) {
        StringBuilder sb = new StringBuilder(lowerName.length());
        boolean up = true;
        for (char c : lowerName.toCharArray()) {
            sb.append(up ? Character.toUpperCase(c) : c);
            up = c == '-';
        }
        return sb.toString().replace("Message-Id", "Message-ID");
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "\n\n" + b;
    }

}
