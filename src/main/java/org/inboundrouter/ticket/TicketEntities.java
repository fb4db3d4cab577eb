package org.inboundrouter.ticket;

import org.inboundrouter.classify.entity.Amount;
import org.inboundrouter.classify.entity.DateTimeMention;
import org.inboundrouter.classify.entity.Entities;
import org.inboundrouter.classify.entity.Reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The details of a whole ticket: those of its messages, oldest first, each value once. */
public final class TicketEntities {

    private TicketEntities() {
    }

    public static Entities merge(List<TicketMessage> messages) {
        Map<String, Amount> amounts = new LinkedHashMap<>();
        Map<String, Reference> references = new LinkedHashMap<>();
        Map<String, DateTimeMention> dates = new LinkedHashMap<>();
        LinkedHashSet<String> phones = new LinkedHashSet<>();
        LinkedHashSet<String> emails = new LinkedHashSet<>();
        LinkedHashSet<String> cards = new LinkedHashSet<>();
        for (TicketMessage m : messages) {
            Entities e = m.entities();
            if (e == null) {
                continue;
            }
            putAll(amounts, e.amounts(), a -> a.value().stripTrailingZeros().toPlainString() + " " + a.currency());
            putAll(references, e.references(), Reference::value);
            putAll(dates, e.dates(), d -> d.date() + " " + d.time() + " " + (d.date() == null ? d.text() : ""));
            phones.addAll(e.phones());
            emails.addAll(e.emails());
            cards.addAll(e.cardLast4());
        }
        return new Entities(new ArrayList<>(amounts.values()), new ArrayList<>(references.values()),
                new ArrayList<>(dates.values()), new ArrayList<>(phones), new ArrayList<>(emails),
                new ArrayList<>(cards));
    }

    private static <T> void putAll(Map<String, T> into, List<T> items, Function<T, String> key) {
        for (T item : items) {
            into.putIfAbsent(key.apply(item), item);
        }
    }
}
