package org.inboundrouter.model;

/**
 * An attachment's description. Its bytes live in the store (when not larger than the configured limit),
 * addressed by {@code sha256}.
 *
 * @param contentStored whether the store holds the bytes; false when the attachment exceeded the size limit
 */
public record Attachment(String name, String mediaType, long size, String sha256, boolean inline, boolean contentStored) {
}
