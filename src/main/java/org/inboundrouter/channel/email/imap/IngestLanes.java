package org.inboundrouter.channel.email.imap;

import jakarta.mail.Message;
import org.inboundrouter.channel.email.imap.MailBatches.RawMail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Takes a fetched batch into the store with several mails in flight: the store writes what is queued in one
 * transaction and one flush (see pipeline.StoreWriter), so one mail at a time would leave the flush, not the
 * network or the parser, setting the pace; and the lanes parse in parallel. A customer's mails all go to the same
 * lane, in the order the server has them, so that a reply is never threaded before the mail it answers.
 */
final class IngestLanes {

    /** What became of a batch: mail stored (to acknowledge) and mail that failed (to leave on the server). */
    record Outcome(List<Message> stored, List<Message> failed) {
    }

    private final ExecutorService pool;
    private final int lanes;

    IngestLanes(ExecutorService pool, int lanes) {
        this.pool = pool;
        this.lanes = lanes;
    }

    /**
     * @param ingest takes one mail through the route; true once it is stored (or quarantined, or a duplicate)
     * @param running false once the channel stops: mail not yet started is then neither stored nor failed
     */
    Outcome ingest(List<RawMail> batch, Predicate<RawMail> ingest, BooleanSupplier running) {
        List<List<RawMail>> byLane = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            byLane.add(new ArrayList<>());
        }
        for (RawMail mail : batch) {
            byLane.get(Math.floorMod(SenderKey.of(mail.raw()).hashCode(), lanes)).add(mail);
        }
        List<Future<Outcome>> inFlight = new ArrayList<>();
        for (List<RawMail> lane : byLane) {
            if (!lane.isEmpty()) {
                inFlight.add(pool.submit(() -> lane(lane, ingest, running)));
            }
        }
        Outcome all = new Outcome(new ArrayList<>(), new ArrayList<>());
        for (Future<Outcome> lane : inFlight) {
            Outcome done = await(lane);
            all.stored().addAll(done.stored());
            all.failed().addAll(done.failed());
        }
        return all;
    }

    private static Outcome lane(List<RawMail> mails, Predicate<RawMail> ingest, BooleanSupplier running) {
        Outcome outcome = new Outcome(new ArrayList<>(), new ArrayList<>());
        for (RawMail mail : mails) {
            if (!running.getAsBoolean()) {
                break;
            }
            (ingest.test(mail) ? outcome.stored() : outcome.failed()).add(mail.message());
        }
        return outcome;
    }

    /** Waits for a lane even when interrupted: what it stored must be known before anything is acknowledged. */
    private static Outcome await(Future<Outcome> lane) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return lane.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a lane failed outside its exchanges", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
