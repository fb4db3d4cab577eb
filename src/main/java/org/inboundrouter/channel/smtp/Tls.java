package org.inboundrouter.channel.smtp;

import org.inboundrouter.config.Secret;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

/** The server side of STARTTLS: a key store made into an SSLContext. */
final class Tls {

    /** Only these: an MTA that cannot do TLS 1.2 falls back to plain text anyway, unless requireTls refuses it. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private Tls() {
    }

    /** Loads a PKCS12 key store (Java 17 also reads JKS through the same type) with the server's key. */
    static SSLContext serverContext(Path keystore, Secret password) throws Exception {
        char[] pass = password.value().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, pass);
        }
        if (!store.aliases().hasMoreElements()) {
            throw new IllegalArgumentException("the key store holds no key");
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, pass);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
