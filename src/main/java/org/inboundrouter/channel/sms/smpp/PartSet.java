package org.inboundrouter.channel.sms.smpp;

import java.time.Instant;
import java.util.List;

/**
 * The parts of one concatenated message that have arrived, in segment order.
 *
 * @param firstAt when the first part arrived: the message's received time and the start of its timeout
 */
public record PartSet(PartKey key, Instant firstAt, List<Part> parts) {

    /** Identifies a concatenated message: the same reference from another sender, or to another number, is another. */
    public record PartKey(String source, String dest, Segment.Scheme scheme, int reference, int total) {
    }

    public record Part(int number, ShortMessagePdu pdu, byte[] text) {
    }

    public boolean complete() {
        return parts.size() == key.total();
    }

    /** The segment numbers that never arrived, ascending. */
    public List<Integer> missing() {
        List<Integer> missing = new java.util.ArrayList<>();
        int next = 0;
        for (int n = 1; n <= key.total(); n++) {
            if (next < parts.size() && parts.get(next).number() == n) {
                next++;
            } else {
                missing.add(n);
            }
        }
        return missing;
    }
}
