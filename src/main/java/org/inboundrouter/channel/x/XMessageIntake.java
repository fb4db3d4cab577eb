package org.inboundrouter.channel.x;

import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;

import java.time.Instant;
import java.util.Map;

/**
 * Turns an X direct message into the desk's {@link Intake}: the customer is {@code x:<user id>}, the event id makes a
 * redelivery (a webhook retry, a restart of the poller) a duplicate, and the conversation id is kept for agents.
 */
final class XMessageIntake {

    private XMessageIntake() {
    }

    /**
     * @param users  what the platform told us about the accounts involved (webhook {@code users} map), may be empty
     * @param raw    what X sent; several messages of one webhook delivery share it
     */
    static Intake build(ChannelRef channel, XDirectMessage dm, Map<String, XUser> users, String ourUserId, byte[] raw,
            Instant receivedAt) {
        XUser sender = users.getOrDefault(dm.senderId(), XUser.unknown(dm.senderId()));
        XUser recipient = users.getOrDefault(dm.recipientId(), XUser.unknown(dm.recipientId()));
        ChatIntake intake = ChatIntake.from(channel, raw)
                .dedupKey("x:" + dm.id()).externalId(dm.id())
                .sender(sender.party()).recipient(recipient.party())
                .text(dm.text())
                .sentAt(dm.createdAt())
                .receivedAt(receivedAt)
                .threadKey(dm.conversationId())
                .header("x-account-id", ourUserId)
                .header("x-sender-screen-name", sender.screenName())
                .header("x-source-app-id", dm.sourceAppId());
        for (int i = 0; i < dm.media().size(); i++) {
            intake.header("media-" + i, dm.media().get(i));
        }
        return intake.build();
    }
}
