package org.inboundrouter.classify.entity;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * What {@link EntityExtractor} pulled out of one message: what an agent would otherwise have to read for. Every list
 * is in order of appearance, without repeats, and never null.
 *
 * @param amounts    sums of money
 * @param references transaction, order, serial and reference numbers
 * @param dates      dates and times of day
 * @param phones     phone numbers, normalized: +86XXXXXXXXXXX for Chinese mobiles, otherwise + and the digits
 * @param emails     email addresses, domain lower-cased
 * @param cardLast4  the last four digits of bank cards (尾号1234, ending in 1234, ****1234)
 */
public record Entities(List<Amount> amounts, List<Reference> references, List<DateTimeMention> dates,
                       List<String> phones, List<String> emails, List<String> cardLast4) {

    private static final Entities NONE = new Entities(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public Entities {
        amounts = amounts == null ? List.of() : List.copyOf(amounts);
        references = references == null ? List.of() : List.copyOf(references);
        dates = dates == null ? List.of() : List.copyOf(dates);
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
        cardLast4 = cardLast4 == null ? List.of() : List.copyOf(cardLast4);
    }

    /** Nothing found. */
    public static Entities none() {
        return NONE;
    }

    /** True when nothing was found. Not part of the JSON form. */
    @JsonIgnore
    public boolean isEmpty() {
        return amounts.isEmpty() && references.isEmpty() && dates.isEmpty() && phones.isEmpty() && emails.isEmpty()
                && cardLast4.isEmpty();
    }
}
