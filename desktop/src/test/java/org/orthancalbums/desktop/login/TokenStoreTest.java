package org.orthancalbums.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenStoreTest {
    private final InMemoryKeychain keychain = new InMemoryKeychain();

    @Test
    void keepsOneServersTokenInTheKeychainUnderTheAppsName() {
        TokenStore store = keychain.store("https://albums.example.org/");

        assertThat(store.isAvailable()).isTrue();
        assertThat(store.save("refresh-1")).isTrue();

        assertThat(keychain.entries).containsExactly(Map.entry("Orthanc Albums|https://albums.example.org", "refresh-1"));
        assertThat(keychain.store(" https://albums.example.org").load()).hasValue("refresh-1");
        assertThat(keychain.store("https://other.example.org").load()).isEmpty();
    }

    @Test
    void aNewTokenReplacesTheOldAndDeleteForgetsIt() {
        TokenStore store = keychain.store("https://albums.example.org");
        store.save("refresh-1");
        store.save("refresh-2");
        assertThat(store.load()).hasValue("refresh-2");

        store.delete();

        assertThat(store.load()).isEmpty();
        store.delete(); // nothing stored: still fine
    }

    @Test
    void withoutAKeychainNothingIsStoredAndNothingFails() {
        // As on a Linux box without a Secret Service: java-keyring finds no backend.
        TokenStore store = new TokenStore("https://albums.example.org", () -> {
            throw new Exception("No available keyring backend found");
        });

        assertThat(store.isAvailable()).isFalse();
        assertThat(store.save("refresh-1")).isFalse();
        assertThat(store.load()).isEmpty();
        store.delete();
    }

    @Test
    void aKeychainThatRefusesToStoreReportsNotStored() {
        TokenStore store = new TokenStore("https://albums.example.org", () -> new InMemoryKeychain() {
            @Override
            public void put(String service, String account, String secret) {
                throw new IllegalStateException("the keychain is locked");
            }
        });

        assertThat(store.isAvailable()).isTrue();
        assertThat(store.save("refresh-1")).isFalse();
        assertThat(store.load()).isEmpty();
    }
}
