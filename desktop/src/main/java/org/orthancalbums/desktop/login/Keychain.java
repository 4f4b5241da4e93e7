package org.orthancalbums.desktop.login;

import com.github.javakeyring.Keyring;

/** The few operations {@link TokenStore} needs from an OS keychain; java-keyring in the app, fakes in tests. */
interface Keychain extends AutoCloseable {

    /** @throws Exception when the entry is missing or the keychain refuses (java-keyring cannot tell which) */
    String get(String service, String account) throws Exception;

    void put(String service, String account, String secret) throws Exception;

    void delete(String service, String account) throws Exception;

    @FunctionalInterface
    interface Opener {
        /** @throws Exception when the OS has no keychain we can reach (Linux without a Secret Service, say) */
        Keychain open() throws Exception;
    }

    /** The OS keychain: macOS Keychain, Windows Credential Manager, or the Secret Service / KWallet on Linux. */
    static Keychain system() throws Exception {
        Keyring keyring = Keyring.create();
        return new Keychain() {
            @Override
            public String get(String service, String account) throws Exception {
                return keyring.getPassword(service, account);
            }

            @Override
            public void put(String service, String account, String secret) throws Exception {
                keyring.setPassword(service, account, secret);
            }

            @Override
            public void delete(String service, String account) throws Exception {
                keyring.deletePassword(service, account);
            }

            @Override
            public void close() throws Exception {
                keyring.close();
            }
        };
    }
}
