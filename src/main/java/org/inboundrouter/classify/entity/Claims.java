package org.inboundrouter.classify.entity;

import java.util.BitSet;

/**
 * The spans of the normalized text that a finder has already taken. The extractor runs the finders from the most
 * specific to the least (emails, references, card tails, amounts, phones, dates), and each skips what an earlier one
 * claimed: that is how an order number or a card tail is never read again as an amount or a phone.
 */
final class Claims {

    private final BitSet taken = new BitSet();

    boolean overlaps(int start, int end) {
        int first = taken.nextSetBit(start);
        return first >= 0 && first < end;
    }

    /** The first claimed offset in [start, end), or -1. */
    int firstClaimed(int start, int end) {
        int first = taken.nextSetBit(start);
        return first >= 0 && first < end ? first : -1;
    }

    void claim(int start, int end) {
        if (end > start) {
            taken.set(start, end);
        }
    }
}
