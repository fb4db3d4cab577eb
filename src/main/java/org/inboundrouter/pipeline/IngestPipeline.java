package org.inboundrouter.pipeline;

import org.inboundrouter.classify.Classification;
import org.inboundrouter.classify.Classifier;
import org.inboundrouter.classify.entity.EntityExtractor;
import org.inboundrouter.classify.entity.Entities;
import org.inboundrouter.model.AttachmentContent;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Noise;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Priority;
import org.inboundrouter.store.Database;
import org.inboundrouter.store.StoreTransaction;
import org.inboundrouter.store.StoreTransaction.TicketHead;
import org.inboundrouter.ticket.Threading;
import org.inboundrouter.ticket.TicketStatus;

import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The channel-independent part of ingestion: guard, classify, thread, store. Everything a message changes is
 * written in one transaction, so that when {@link #ingest} returns the message is durable and its source may be
 * acknowledged; when it throws, nothing was written. Classifying happens on the caller's thread; storing is handed
 * to the {@link StoreWriter}, which commits the messages of all channels in batches.
 */
public final class IngestPipeline implements AutoCloseable {

    /** Most messages in one transaction: enough that the flush is shared widely, few enough to commit promptly. */
    private static final int MAX_BATCH = 256;
    /** A batch of large mails stops growing at this many raw bytes. */
    private static final long MAX_BATCH_BYTES = 16L << 20;

    private final Classifier classifier;
    private final Map<String, Threading> threadingByKind;
    private final EntityExtractor extractor = new EntityExtractor();
    private final List<String> sinks;
    private final StoreWriter writer;

    public IngestPipeline(Database db, Classifier classifier, Map<String, Threading> threadingByKind) {
        this(db, classifier, threadingByKind, List.of());
    }

    /** @param sinks the external sinks every customer message is queued for (see {@code delivery.Outbox}) */
    public IngestPipeline(Database db, Classifier classifier, Map<String, Threading> threadingByKind,
            List<String> sinks) {
        this.classifier = classifier;
        this.threadingByKind = Map.copyOf(threadingByKind);
        this.sinks = List.copyOf(sinks);
        this.writer = new StoreWriter(db, MAX_BATCH, MAX_BATCH_BYTES);
    }

    public IngestOutcome ingest(Intake intake) throws TransientStoreException, UnstorableMessageException {
        return ingest(intake, null);
    }

    /**
     * Stores an item taken out of the quarantine: in the same transaction, the receipt that marked it quarantined is
     * dropped (else it would count as a duplicate of itself) and the entry is marked resolved.
     */
    public IngestOutcome reingest(Intake intake, long quarantineId)
            throws TransientStoreException, UnstorableMessageException {
        return ingest(intake, quarantineId);
    }

    /** Stores what is still queued and stops taking messages; call once the channels have stopped. */
    @Override
    public void close() {
        writer.close();
    }

    private IngestOutcome ingest(Intake intake, Long quarantineId)
            throws TransientStoreException, UnstorableMessageException {
        Classification classification;
        Entities entities;
        try {
            classification = intake.noise() == null ? classifier.classify(intake.message()) : null;
            // dates such as 昨天 are relative to when the message arrived, on the desk's clock
            entities = intake.noise() == null ? extractor.extract(intake.message().text(),
                    intake.message().receivedAt().atZone(ZoneId.systemDefault())) : null;
        } catch (RuntimeException e) {
            throw new UnstorableMessageException("classify: " + e, e);
        }
        return writer.store(tx -> {
            if (quarantineId != null) {
                tx.releaseQuarantined(quarantineId);
            }
            return store(tx, intake, classification, entities);
        }, intake.raw() == null ? 0 : intake.raw().length);
    }

    private IngestOutcome store(StoreTransaction tx, Intake intake, Classification classification,
            Entities entities) throws SQLException {
        InboundMessage message = intake.message();
        if (tx.hasReceipt(intake.dedupKey(), message.rawRef())) {
            return new IngestOutcome(IngestOutcome.Kind.DUPLICATE, null, intake.dedupKey(), null);
        }
        String rawSha = tx.putRaw(intake.raw());
        if (intake.noise() != null) {
            return storeNoise(tx, intake, rawSha);
        }
        for (AttachmentContent content : intake.attachmentContents()) {
            tx.putAttachment(content);
        }
        Threading threading = threadingByKind.getOrDefault(message.channel().kind(), Threading.NEW_TICKET_EACH_TIME);
        Optional<Long> target = threading.ticketFor(message, tx);
        Optional<TicketHead> existing = target.isPresent() ? tx.ticketHead(target.get()) : Optional.empty();
        long ticketId;
        IngestOutcome.Kind kind;
        if (existing.isPresent()) {
            TicketHead head = existing.get();
            tx.updateTicket(merge(head, classification), message.receivedAt());
            ticketId = head.id();
            kind = IngestOutcome.Kind.APPENDED;
        } else {
            Party customer = message.sender() != null && message.sender().address() != null
                    ? message.sender() : new Party("unknown", null);
            ticketId = tx.insertTicket(message.channel(), customer, message.subject(), classification.category(),
                    classification.categories(), classification.priority(), message.receivedAt());
            kind = IngestOutcome.Kind.CREATED;
        }
        tx.insertMessage(ticketId, "customer", message, classification, entities, rawSha);
        tx.enqueueDeliveries(sinks, ticketId, message.id(), kind == IngestOutcome.Kind.CREATED ? "create" : "append",
                message.receivedAt());
        tx.putReceipt(intake.dedupKey(), "message", message.id(), message.channel().name());
        return new IngestOutcome(kind, ticketId, message.id(), classification.category());
    }

    /** A bounce joins the ticket it concerns when that can be found; all other machine mail is only recorded. */
    private IngestOutcome storeNoise(StoreTransaction tx, Intake intake, String rawSha) throws SQLException {
        InboundMessage message = intake.message();
        Noise noise = intake.noise();
        if (noise.kind() == Noise.Kind.BOUNCE && noise.concernsExternalId() != null) {
            Optional<Long> ticket = tx.ticketHoldingAny(List.of(noise.concernsExternalId()));
            if (ticket.isPresent()) {
                tx.insertMessage(ticket.get(), "bounce", message, null, null, rawSha);
                tx.putReceipt(intake.dedupKey(), "message", message.id(), message.channel().name());
                return new IngestOutcome(IngestOutcome.Kind.BOUNCE_ATTACHED, ticket.get(), message.id(), null);
            }
        }
        long id = tx.insertSuppressed(noise.kind().name().toLowerCase(java.util.Locale.ROOT), noise.reason(), message,
                noise.concernsExternalId(), rawSha);
        tx.putReceipt(intake.dedupKey(), "suppressed", Long.toString(id), message.channel().name());
        return new IngestOutcome(IngestOutcome.Kind.SUPPRESSED, null, Long.toString(id), null);
    }

    /**
     * A customer's new message reopens the ticket. The ticket keeps its first category unless the new message is
     * more urgent, in which case the more urgent category leads; every category seen is kept.
     */
    static TicketHead merge(TicketHead head, Classification c) {
        boolean escalates = c.priority().compareTo(head.priority()) > 0;
        Set<String> categories = new LinkedHashSet<>();
        if (escalates) {
            categories.add(c.category());
        }
        categories.addAll(head.categories());
        categories.addAll(c.categories());
        Priority priority = head.priority().max(c.priority());
        String category = escalates ? c.category() : head.category();
        return new TicketHead(head.id(), TicketStatus.OPEN, head.customerAddress(), category,
                new ArrayList<>(categories), priority);
    }
}
