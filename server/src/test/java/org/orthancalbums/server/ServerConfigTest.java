package org.orthancalbums.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
    static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("ALBUMS_ORTHANC_USER", "orthanc");
        env.put("ALBUMS_ORTHANC_PASSWORD", "orthanc-password");
        env.put("SECRET_KEY", "0123456789abcdef0123456789abcdef");
        env.put("KEYCLOAK_SERVER_CLIENT_SECRET", "server-secret");
        env.put("ALBUMS_PLUGIN_USERS", "{\"plugin\":\"plugin-password\"}");
        return env;
    }

    @Test
    void defaultsFitTheLocalStack() {
        ServerConfig config = ServerConfig.from(minimal(), null);
        assertThat(config.httpPort()).isEqualTo(8000);
        assertThat(config.dbUrl()).isEqualTo("jdbc:sqlite:albums.db");
        assertThat(config.issuer()).hasToString("http://127.0.0.1:8180/realms/albums");
        assertThat(config.dicomWebPublicUrl()).hasToString("http://127.0.0.1:8042/dicom-web");
        assertThat(config.plugin().profileValiditySeconds()).isEqualTo(5);
        assertThat(config.plugin().acceptedAudiences()).containsExactly("albums-server", "albums-desktop");
        assertThat(config.pluginUsers()).containsEntry("plugin", "plugin-password");
        assertThat(config.dicom()).isEqualTo(new ServerConfig.DicomSettings("127.0.0.1", 4242, java.util.List.of("ORTHANC")));
        assertThat(config.maxViewTokenSeconds()).as("long enough for 3D Slicer to fetch a large study").isEqualTo(5 * 3600);
        assertThat(config.accessLog()).isEqualTo(ServerConfig.AccessLog.API);
        assertThat(config.httpThreads()).as("one per core, and Jetty's acceptor and selector")
                .isEqualTo(2 + Runtime.getRuntime().availableProcessors());
    }

    @Test
    void theAccessLogLeavesOutWhatOrthancAsksOnEveryRequestUnlessItFails() {
        assertThat(ServerConfig.AccessLog.API.shows("/api/albums", 200)).isTrue();
        assertThat(ServerConfig.AccessLog.API.shows("/user/get-profile", 200)).isFalse();
        assertThat(ServerConfig.AccessLog.API.shows("/tokens/validate", 500)).isTrue();
        assertThat(ServerConfig.AccessLog.OFF.shows("/api/albums", 500)).isFalse();
        assertThat(ServerConfig.AccessLog.ALL.shows("/dicom/admit", 200)).isTrue();
        Map<String, String> env = minimal();
        env.put("ALBUMS_ACCESS_LOG", "verbose");
        assertThatThrownBy(() -> ServerConfig.from(env, null)).hasMessageContaining("ALBUMS_ACCESS_LOG must be all, api or off");
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        Map<String, String> env = new HashMap<>();
        env.put("ALBUMS_HTTP_PORT", "eighty");
        env.put("ALBUMS_PLUGIN_USERS", "not json");
        env.put("SECRET_KEY", "short");
        env.put("ALBUMS_PROFILE_VALIDITY_SECONDS", "60");
        env.put("KEYCLOAK_URL", "ftp://keycloak");
        env.put("ALBUMS_HTTP_THREADS", "2");
        assertThatThrownBy(() -> ServerConfig.from(env, null))
                .isInstanceOf(ServerConfig.InvalidConfigException.class)
                .hasMessageContaining("ALBUMS_HTTP_PORT must be a number")
                .hasMessageContaining("ALBUMS_ORTHANC_USER and ALBUMS_ORTHANC_PASSWORD, or ALBUMS_ORTHANC_API_KEY")
                .hasMessageContaining("SECRET_KEY is too short")
                .hasMessageContaining("KEYCLOAK_SERVER_CLIENT_SECRET is not set")
                .hasMessageContaining("ALBUMS_PLUGIN_USERS is not a JSON object")
                .hasMessageContaining("ALBUMS_PROFILE_VALIDITY_SECONDS must be at most 10")
                .hasMessageContaining("KEYCLOAK_URL must be an http(s) URL")
                .hasMessageContaining("ALBUMS_HTTP_THREADS must be between 3");
    }

    @Test
    void secretsCanComeFromDockerSecretFiles(@TempDir Path secrets) throws Exception {
        Map<String, String> env = minimal();
        env.remove("SECRET_KEY");
        env.remove("ALBUMS_ORTHANC_USER");
        env.remove("ALBUMS_ORTHANC_PASSWORD");
        Files.writeString(secrets.resolve("SECRET_KEY"), "from-a-file-0123456789abcdef0123456789\n");
        Files.writeString(secrets.resolve("ALBUMS_ORTHANC_API_KEY"), "service-api-key");
        ServerConfig config = ServerConfig.from(env, secrets);
        assertThat(config.secretKey()).isEqualTo("from-a-file-0123456789abcdef0123456789");
        assertThat(config.orthancApiKey()).isEqualTo("service-api-key");
    }

    @Test
    void pluginUsersNeedPasswords() {
        Map<String, String> env = minimal();
        env.put("ALBUMS_PLUGIN_USERS", "{\"plugin\":\"\"}");
        assertThatThrownBy(() -> ServerConfig.from(env, null)).hasMessageContaining("non-empty password");
    }
}
