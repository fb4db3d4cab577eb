package org.inboundrouter.model;

/** The bytes of an attachment that the store keeps, addressed by their SHA-256 (lower-case hex). */
public record AttachmentContent(String sha256, String mediaType, byte[] bytes) {
}
