package org.orthancalbums.desktop.login;

import java.util.Optional;

/**
 * Keeps one server's refresh token between runs in the OS keychain (service "Orthanc Albums", account
 * = the server's address), so the app can skip the browser at start-up. Without a usable keychain it
 * keeps nothing, never a plain file: the user then logs in at each start. Failures are never thrown.
 */
public final class TokenStore {
    private static final String SERVICE = "Orthanc Albums";

    private final String account;
    private final Keychain.Opener keychains;

    TokenStore(String serverUrl, Keychain.Opener keychains) {
        this.account = accountFor(serverUrl);
        this.keychains = keychains;
    }

    public static TokenStore forServer(String serverUrl) {
        return new TokenStore(serverUrl, Keychain::system);
    }

    /** False when the OS offers no keychain: tell the user they will be asked to log in next time. */
    public boolean isAvailable() {
        try (Keychain ignored = keychains.open()) {
            return true;
        } catch (Exception noKeychain) {
            return false;
        }
    }

    /** True when stored; false when the token could not be kept (no keychain, or it refused). */
    public boolean save(String refreshToken) {
        try (Keychain keychain = keychains.open()) {
            keychain.put(SERVICE, account, refreshToken);
            return true;
        } catch (Exception notKept) {
            return false;
        }
    }

    /** The stored refresh token, if there is one and the keychain lets us read it. */
    public Optional<String> load() {
        try (Keychain keychain = keychains.open()) {
            return Optional.ofNullable(keychain.get(SERVICE, account)).filter(token -> !token.isBlank());
        } catch (Exception missingOrUnreadable) {
            return Optional.empty();
        }
    }

    /** Forgets the stored token; nothing stored, or no keychain, is fine. */
    public void delete() {
        try (Keychain keychain = keychains.open()) {
            keychain.delete(SERVICE, account);
        } catch (Exception nothingToForget) {
            // Nothing stored, or no keychain to ask: there is nothing more we can do.
        }
    }

    /** One entry per server, whichever way its address was typed: "https://a.org/" and "https://a.org". */
    static String accountFor(String serverUrl) {
        String account = serverUrl.strip();
        while (account.endsWith("/")) {
            account = account.substring(0, account.length() - 1);
        }
        return account;
    }
}
