package org.orthancalbums.desktop.login;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A keychain that works, in memory; remembers every secret it was given, for tests that need an old token. */
class InMemoryKeychain implements Keychain {
    final Map<String, String> entries = new ConcurrentHashMap<>();
    final List<String> everStored = new CopyOnWriteArrayList<>();

    /** A store for this server backed by this keychain. */
    TokenStore store(String serverUrl) {
        return new TokenStore(serverUrl, () -> this);
    }

    @Override
    public String get(String service, String account) throws Exception {
        String secret = entries.get(service + "|" + account);
        if (secret == null) {
            throw new Exception("no such entry"); // as java-keyring reports a missing one
        }
        return secret;
    }

    @Override
    public void put(String service, String account, String secret) {
        entries.put(service + "|" + account, secret);
        everStored.add(secret);
    }

    @Override
    public void delete(String service, String account) throws Exception {
        if (entries.remove(service + "|" + account) == null) {
            throw new Exception("no such entry");
        }
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
