package org.inboundrouter.pipeline;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells store failures that a retry will fix from those it will not. Only data errors (SQLState class 22, and
 * integrity errors other than a unique-key race) blame the message; everything else (connection lost, lock timeout,
 * database closing, even a schema problem) is treated as transient, because quarantining every message of a
 * mailbox for an outage would be worse than retrying them.
 */
final class StoreFailures {

    private StoreFailures() {
    }

    static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            return true;
        }
        if (state.startsWith("22")) {
            return false;
        }
        return !state.startsWith("23") || state.equals("23505");
    }

    static String describe(SQLException e) {
        return e.getMessage() + " (SQLState " + e.getSQLState() + ")";
    }
}
