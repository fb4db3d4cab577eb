package org.inboundrouter.channel.email;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;

/**
 * UTF-7 (RFC 2152), decoding only: the JDK has none, and the one library that resolves here (jutf7 1.0.0, last
 * released 2010) throws {@code MalformedInputException} even in replace mode for a truncated shift sequence and a
 * {@code CoderMalfunctionError} for an 8-bit byte, which would escape the parser.
 * <p>
 * Characters are ASCII bytes; "+" starts a run of modified base64 holding UTF-16 code units, which ends at the first
 * byte outside the base64 alphabet; a "-" there is absorbed, and "+-" is a plain "+". Leniencies: bits left over at
 * the end of a run are dropped, and an 8-bit byte (never valid UTF-7) is malformed input (U+FFFD when replacing).
 */
final class Utf7 extends Charset {

    static final Utf7 INSTANCE = new Utf7();

    private Utf7() {
        super("UTF-7", new String[] {"unicode-1-1-utf-7", "csUnicode11UTF7"});
    }

    @Override
    public boolean contains(Charset cs) {
        return cs instanceof Utf7;
    }

    @Override
    public CharsetDecoder newDecoder() {
        return new Decoder(this);
    }

    @Override
    public boolean canEncode() {
        return false;
    }

    @Override
    public CharsetEncoder newEncoder() {
        throw new UnsupportedOperationException("UTF-7 is decoded only");
    }

    private static final class Decoder extends CharsetDecoder {
        private boolean shifted;
        private boolean justShifted;
        private int bits;
        private int bitCount;

        Decoder(Charset cs) {
            super(cs, 1f, 1f);
        }

        @Override
        protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
            while (in.hasRemaining()) {
                if (!out.hasRemaining()) {
                    return CoderResult.OVERFLOW;
                }
                int b = in.get(in.position()) & 0xFF;
                if (b >= 0x80) {
                    endRun();
                    return CoderResult.malformedForLength(1);
                }
                in.position(in.position() + 1);
                if (shifted) {
                    int v = TransferEncodings.value(b);
                    if (v >= 0) {
                        justShifted = false;
                        bits = (bits << 6) | v;
                        bitCount += 6;
                        if (bitCount >= 16) {
                            bitCount -= 16;
                            out.put((char) ((bits >> bitCount) & 0xFFFF));
                        }
                        continue;
                    }
                    boolean plus = justShifted && b == '-';
                    endRun();
                    if (plus) {
                        out.put('+');
                        continue;
                    }
                    if (b == '-') {
                        continue; // absorbed: it ends the run
                    }
                    out.put((char) b);
                } else if (b == '+') {
                    shifted = true;
                    justShifted = true;
                } else {
                    out.put((char) b);
                }
            }
            return CoderResult.UNDERFLOW;
        }

        private void endRun() {
            shifted = false;
            justShifted = false;
            bits = 0;
            bitCount = 0;
        }

        @Override
        protected void implReset() {
            endRun();
        }
    }
}
