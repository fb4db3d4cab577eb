package org.inboundrouter.classify.entity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Supplier;

/**
 * Pulls the details an agent needs out of a support message's text, Chinese or English: amounts, transaction and
 * order numbers, dates and times, phone numbers, email addresses and card tails (see the finders for what each
 * recognizes).
 *
 * <p>The text is NFKC-normalized first, so full-width input (５００元, １３８１２３４５６７８, ｔｅｓｔ＠ｅｘａｍｐｌｅ．ｃｏｍ)
 * is read like ASCII; reported positions are offsets into the text as passed in.
 *
 * <p>The finders run from the most specific to the least, and each skips the spans earlier ones took: emails, then
 * references (交易号…), card tails (尾号1234), amounts, phones, and last dates. So an order number is never also an
 * amount or a phone, and a card tail never an amount.
 *
 * <p>Thread-safe and cheap to share: construct once. Every pattern is compiled once; a call keeps its state on the
 * stack.
 */
public final class EntityExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(EntityExtractor.class);

    /* Support messages are short; a pasted log of megabytes is read only this far. */
    static final int MAX_CHARS = 100_000;

    private final EmailFinder emails = new EmailFinder();
    private final ReferenceFinder references = new ReferenceFinder();
    private final CardTailFinder cardTails = new CardTailFinder();
    private final AmountFinder amounts = new AmountFinder();
    private final PhoneFinder phones = new PhoneFinder();
    private final DateFinder dates = new DateFinder();

    public EntityExtractor() {
    }

    /** The entities in {@code text}; relative dates (昨天, 5月3日) get no date. Never throws. */
    public Entities extract(String text) {
        return extract(text, null);
    }

    /**
     * The entities in {@code text}, with relative dates (昨天, yesterday, 5月3日 without a year) resolved against the
     * local date of {@code receivedAt} (in its own zone). Never throws: a null or blank text gives
     * {@link Entities#none()}, and a finder that fails contributes nothing rather than losing the others.
     */
    public Entities extract(String text, ZonedDateTime receivedAt) {
        if (text == null || text.isBlank()) {
            return Entities.none();
        }
        try {
            NormalizedText nt = NormalizedText.of(truncate(text));
            Claims claims = new Claims();
            LocalDate anchor = receivedAt == null ? null : receivedAt.toLocalDate();
            // The order matters: see the class comment.
            List<String> foundEmails = safely("emails", () -> emails.find(nt, claims));
            List<Reference> foundReferences = safely("references", () -> references.find(nt, claims));
            List<String> foundCards = safely("card tails", () -> cardTails.find(nt, claims));
            List<Amount> foundAmounts = safely("amounts", () -> amounts.find(nt, claims));
            List<String> foundPhones = safely("phones", () -> phones.find(nt, claims));
            List<DateTimeMention> foundDates = safely("dates", () -> dates.find(nt, claims, anchor));
            return new Entities(foundAmounts, foundReferences, foundDates, foundPhones, foundEmails, foundCards);
        } catch (RuntimeException e) {
            LOG.warn("Entity extraction failed; the message gets no entities", e);
            return Entities.none();
        }
    }

    private static String truncate(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int cut = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return text.substring(0, cut);
    }

    private static <T> List<T> safely(String what, Supplier<List<T>> finder) {
        try {
            return finder.get();
        } catch (RuntimeException e) {
            LOG.warn("Finding {} failed; leaving them out", what, e);
            return List.of();
        }
    }
}
