package org.inboundrouter.channel.telegram;

import org.inboundrouter.model.Party;

import java.util.StringJoiner;

/** A Bot API {@code User}: the numeric id is stable, the names and the @username can change at any time. */
public record TelegramUser(long id, boolean bot, String firstName, String lastName, String username,
        String languageCode) {

    /** {@code tg:<user id>} as address; "First Last @username" as name, from whatever parts the user has set. */
    public Party party() {
        StringJoiner name = new StringJoiner(" ");
        for (String part : new String[] {firstName, lastName}) {
            if (part != null && !part.isBlank()) {
                name.add(part.strip());
            }
        }
        if (username != null && !username.isBlank()) {
            name.add("@" + username.strip());
        }
        return new Party(address(id), name.length() == 0 ? null : name.toString());
    }

    public static String address(long userId) {
        return "tg:" + userId;
    }
}
