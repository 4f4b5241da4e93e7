package org.orthancalbums.desktop.login;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.orthancalbums.desktop.background.TaskExecutor;

/**
 * The login screen's state: first a quiet try with the refresh token from the keychain, then the
 * browser login (URL shown with a copy button in case no browser opens), cancellable.
 */
public final class LoginModel {
    private final OidcClient client;
    private final TokenStore store;
    private final TaskExecutor executor;
    private final BrowserOpener browser;
    private final Consumer<Session> onLoggedIn;

    private final BooleanProperty waiting = new SimpleBooleanProperty();
    private final StringProperty authorizationUrl = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty keychainNote = new SimpleStringProperty("");
    private LoginAttempt attempt;

    public LoginModel(OidcClient client, TokenStore store, TaskExecutor executor, BrowserOpener browser, Consumer<Session> onLoggedIn) {
        this.client = client;
        this.store = store;
        this.executor = executor;
        this.browser = browser;
        this.onLoggedIn = onLoggedIn;
    }

    private record Restored(boolean keychain, java.util.Optional<OidcSession> session) {
    }

    /** Skips the browser when the keychain holds a token Keycloak still accepts. */
    public void restore() {
        waiting.set(true);
        executor.execute(() -> new Restored(store.isAvailable(), OidcSession.restore(client, store)), restored -> {
            waiting.set(false);
            keychainNote.set(restored.keychain() ? "" : t("login.noKeychain"));
            restored.session().ifPresent(onLoggedIn);
        }, error -> waiting.set(false));
    }

    public void logIn() {
        cancel();
        message.set("");
        try {
            attempt = new PkceLogin(client, store).start(browser);
        } catch (java.io.IOException e) {
            message.set(t("login.failed", e.getMessage()));
            return;
        }
        LoginAttempt mine = attempt;
        authorizationUrl.set(mine.authorizationUrl());
        waiting.set(true);
        message.set(mine.browserOpened() ? t("login.waiting") : t("login.noBrowser"));
        executor.execute(() -> mine.result().get(), session -> {
            waiting.set(false);
            message.set("");
            onLoggedIn.accept(session);
        }, error -> {
            if (mine != attempt) {
                return; // an older attempt, replaced by a new click
            }
            waiting.set(false);
            Throwable cause = error instanceof ExecutionException ? error.getCause() : error;
            message.set(cause instanceof CancellationException ? t("login.cancelled") : t("login.failed", cause.getMessage()));
        });
    }

    public void cancel() {
        if (attempt != null) {
            attempt.cancel();
        }
    }

    public BooleanProperty waitingProperty() {
        return waiting;
    }

    public StringProperty authorizationUrlProperty() {
        return authorizationUrl;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty keychainNoteProperty() {
        return keychainNote;
    }
}
