package org.orthancalbums.desktop.login;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.io.IOException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.orthancalbums.core.api.ServerInfo;
import org.orthancalbums.desktop.background.TaskExecutor;
import org.orthancalbums.desktop.remote.Problems;
import org.orthancalbums.desktop.settings.AppSettings;

/** State of the first screen: which server, whether we reached it, and what to tell the user. */
public final class ConnectModel {
    private final ServerConfigService service;
    private final TaskExecutor executor;
    private final AppSettings settings;

    private final StringProperty serverUrl = new SimpleStringProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<ServerInfo> server = new SimpleObjectProperty<>();

    public ConnectModel(ServerConfigService service, TaskExecutor executor, AppSettings settings) {
        this.service = service;
        this.executor = executor;
        this.settings = settings;
        serverUrl.set(settings.serverUrl());
    }

    public void connect() {
        String url = serverUrl.get() == null ? "" : serverUrl.get().strip();
        if (url.isEmpty()) {
            message.set(t("connect.empty"));
            return;
        }
        busy.set(true);
        message.set(t("connect.connecting", url));
        executor.execute(() -> service.fetch(url), info -> {
            busy.set(false);
            settings.setServerUrl(url);
            server.set(info);
            message.set(t("connect.connected", info.serverVersion()));
        }, error -> {
            busy.set(false);
            server.set(null);
            message.set(error instanceof IOException ? t("connect.unreachable", url, Problems.network(error)) : error.getMessage());
        });
    }

    public StringProperty serverUrlProperty() {
        return serverUrl;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public ObjectProperty<ServerInfo> serverProperty() {
        return server;
    }
}
