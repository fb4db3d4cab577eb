package org.inboundrouter.bench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The benchmark's input: a fixed mix of realistic support messages of about 100 characters, always the same for
 * the same seed, all distinct. 70% are Chinese, built from the labelled messages in {@code classify/zh-messages.csv} (read from
 * the test classpath; short ones are joined with another message until they reach about 100 chars, long ones are
 * cut at 130), 30% are English, from the templates below with amounts, dates, references and card digits filled in.
 */
public final class BenchMessages {

    /** Distinct messages, cycled; a power of two so the benchmarks can cycle with a mask. */
    public static final int COUNT = 512;
    public static final long SEED = 20240517L;
    public static final double CHINESE_SHARE = 0.70;

    static final int MIN_LENGTH = 90;
    static final int MAX_LENGTH = 130;

    /** English support messages, ~100 chars each once filled: {A} amount, {D} day, {R} reference, {C} card tail. */
    public static final List<String> ENGLISH = List.of(
            "Hi, I tried to top up {A} from my debit card this morning but the app says the top-up failed. Please help.",
            "I added money to my wallet yesterday ({A}) and it still isn't showing in my balance. Ref {R}, thanks",
            "My top up is stuck on pending since {D}. The bank already took {A}. How long does this usually take?",
            "Why can't I top up with my credit card ending {C}? It worked last week, now it is declined every time.",
            "Is there a limit on how much I can top up per day? I tried {A} and got an error about exceeding limits.",
            "Auto top-up charged my card twice on {D}, {A} each time. I only wanted it once. Please check ref {R}.",
            "My card ending {C} was declined at the supermarket even though I have enough balance. What is going on?",
            "Payment failed at checkout on {D} but {A} has left my account. Order reference {R}. Please look into it",
            "Contactless payments stopped working on my card today, chip and pin still works. Can you fix this?",
            "I ordered a new card on {D} and it hasn't arrived yet. When will the card arrive? Still using the old one",
            "I lost my card on the bus this afternoon. Please block card ending {C} immediately and send a new one.",
            "There is a payment of {A} on {D} that I don't recognize. I did not make this transaction, ref {R}.",
            "Someone else logged into my account from an unknown device and sent money. I think I've been hacked!",
            "My phone was stolen last night and the wallet app is on it. Please freeze my account asap, it's urgent.",
            "I transferred {A} to my friend on {D} but she says she never received the money. Transfer ref {R}.",
            "I sent money to the wrong recipient by mistake, {A} on {D}. Can you cancel or reverse the transfer?",
            "How long do transfers to another bank take? I sent {A} on {D} and the beneficiary still has nothing.",
            "Bank transfer to my account ending {C} is still pending after three days, reference {R}. Please check.",
            "I returned the item on {D} and the merchant says the refund of {A} was issued but I haven't got it.",
            "Still waiting for my refund, ref {R}. It has been two weeks. When will I get my money back, please?",
            "The shop refunded {A} to my card ending {C} but the refund is not in my wallet balance. Where is it?",
            "I was charged twice for the same purchase on {D}, {A} each. Please refund the duplicate charge {R}.",
            "The exchange rate you applied on {D} is wrong, I was overcharged by about {A}. I want to dispute it.",
            "Why was there an extra fee of {A} on my last withdrawal? Nobody told me about fees for ATM cash out.",
            "The ATM didn't give me any cash but my balance went down by {A} on {D}. Card ending {C}, ref {R}.",
            "I forgot my password and the reset link never comes. Can you help me log in? It's been {D} since.",
            "I'm not receiving the verification code by SMS so I cannot log in to the app at all. Please help asap",
            "My account is locked after too many wrong passcode attempts. How do I unlock it? Card ending {C}.",
            "Your app says my account is suspended and I can't withdraw my {A}. Why was it frozen without notice?",
            "I want to close my account and withdraw the remaining balance of {A} to my bank. How do I do that?",
            "How do I change my phone number and update my address? I moved on {D} and have a new number now.",
            "I can't link my card ending {C} to the wallet, it says the card is not supported. Does Apple Pay work?",
            "I got a call from someone claiming to be your support asking for my code. Is this a scam? Ref {R}.",
            "My balance is wrong after the update on {D}. It shows {A} less than it should. Statement attached.",
            "Terrible service. I have complained three times about ref {R} and nobody answers. Unacceptable.",
            "Which currencies can I hold in the wallet? I need to pay {A} in euros next week for a trip abroad.",
            "I need to verify my identity but the upload keeps failing. Account is restricted until then. Help!",
            "Hello, the app crashes every time I open the statement page since {D}. Phone is an Android, thanks.");

    private BenchMessages() {
    }

    /** The fixed mix: {@link #COUNT} messages, shuffled, the same for every run. */
    public static String[] build() {
        Random random = new Random(SEED);
        List<String> zh = readChinese();
        int zhCount = (int) Math.round(COUNT * CHINESE_SHARE);
        Set<String> distinct = new LinkedHashSet<>();
        while (distinct.size() < zhCount) {
            distinct.add(chinese(zh, random));
        }
        while (distinct.size() < COUNT) {
            distinct.add(english(random));
        }
        List<String> messages = new ArrayList<>(distinct);
        Collections.shuffle(messages, random);
        return messages.toArray(new String[0]);
    }

    /** Whether a text holds any Han character: how the benchmarks tell the Chinese messages and terms apart. */
    public static boolean isChinese(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private static String chinese(List<String> zh, Random random) {
        StringBuilder text = new StringBuilder(zh.get(random.nextInt(zh.size())));
        while (text.length() < MIN_LENGTH) {
            char last = text.charAt(text.length() - 1);
            if ("。！？!?，,～~ ".indexOf(last) < 0) {
                text.append('。');
            }
            text.append(zh.get(random.nextInt(zh.size())));
        }
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text.toString();
    }

    private static String english(Random random) {
        String template = ENGLISH.get(random.nextInt(ENGLISH.size()));
        return template
                .replace("{A}", amount(random))
                .replace("{D}", day(random))
                .replace("{R}", reference(random))
                .replace("{C}", String.format("%04d", random.nextInt(10_000)));
    }

    private static String amount(Random random) {
        String[] currency = {"$", "EUR ", "£", "HK$", "S$"};
        int units = 5 + random.nextInt(995);
        return currency[random.nextInt(currency.length)] + units + (random.nextBoolean() ? "" : "." + (10 + random.nextInt(90)));
    }

    private static String day(Random random) {
        String[] days = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
        return random.nextInt(3) == 0 ? days[random.nextInt(days.length)]
                : (1 + random.nextInt(28)) + " " + new String[] {"May", "June", "July", "Aug"}[random.nextInt(4)];
    }

    private static String reference(Random random) {
        String[] prefixes = {"TX", "TU", "RF", "WD", "PM"};
        return prefixes[random.nextInt(prefixes.length)] + (100_000_000L + (long) (random.nextDouble() * 899_999_999L));
    }

    /** The text column of the labelled Chinese messages, read from the test classpath. */
    public static List<String> readChinese() {
        String resource = "classify/zh-messages.csv";
        try (InputStream in = BenchMessages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the classpath (run from target/test-classes)");
            }
            CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
            List<String> texts = new ArrayList<>();
            try (MappingIterator<String[]> rows = mapper.readerForArrayOf(String.class)
                    .readValues(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                boolean first = true;
                while (rows.hasNext()) {
                    String[] row = rows.next();
                    boolean header = first && row.length > 0 && row[0].equals("text");
                    first = false;
                    if (!header && row.length >= 1 && !row[0].isBlank()) {
                        texts.add(row[0].strip());
                    }
                }
            }
            if (texts.isEmpty()) {
                throw new IllegalStateException(resource + " has no messages");
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
