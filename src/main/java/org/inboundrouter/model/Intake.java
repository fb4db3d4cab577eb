package org.inboundrouter.model;

import java.util.List;
import java.util.Objects;

/**
 * What a channel hands to the pipeline: the normalized message, its raw source, the attachment bytes to keep,
 * whether it is machine noise ({@code noise} is null for a message written by a person), and the key that makes it
 * unique across fetches, restarts and folders.
 *
 * @param dedupKey for email {@code message-id:<id>}, else {@code sha256:<hex of raw>}; other channels use their own
 *                 namespace (e.g. {@code twilio:<MessageSid>})
 */
public record Intake(InboundMessage message, byte[] raw, List<AttachmentContent> attachmentContents, Noise noise,
        String dedupKey) {

    public Intake {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(dedupKey, "dedupKey");
        attachmentContents = attachmentContents == null ? List.of() : List.copyOf(attachmentContents);
    }
}
