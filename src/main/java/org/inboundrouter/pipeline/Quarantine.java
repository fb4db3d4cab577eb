package org.inboundrouter.pipeline;

import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Sha256;
import org.inboundrouter.store.Database;
import org.inboundrouter.store.StoreTransaction;

import java.sql.SQLException;

/**
 * Keeps what could not be parsed or stored, raw bytes and reason, so the source can be acknowledged and the rest of
 * it keeps flowing. The receipt written with it stops the same item from being quarantined again on the next fetch.
 */
public final class Quarantine {

    private final Database db;

    public Quarantine(Database db) {
        this.db = db;
    }

    /**
     * @param dedupKey the item's dedup key when it is known (parsing got that far), else null
     * @return the quarantine entry id, or -1 when this item was already stored or quarantined
     */
    public long put(ChannelRef channel, byte[] raw, String dedupKey, String stage, String reason)
            throws TransientStoreException {
        try {
            return db.inTransaction(c -> {
                try (StoreTransaction tx = new StoreTransaction(c)) {
                    String rawKey = Sha256.ref(raw);
                    if (tx.hasReceipt(dedupKey, rawKey)) {
                        return -1L;
                    }
                    String sha = tx.putRaw(raw);
                    long id = tx.insertQuarantine(stage, reason, channel, sha);
                    tx.putReceipt(dedupKey != null ? dedupKey : rawKey, "quarantined", Long.toString(id),
                            channel.name());
                    return id;
                }
            });
        } catch (SQLException e) {
            throw new TransientStoreException("quarantine: " + StoreFailures.describe(e), e);
        }
    }
}
