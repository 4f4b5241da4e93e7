package org.orthancalbums.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.server.Api.Reply;
import org.orthancalbums.server.InProcessServer;

/**
 * Production mode: albums-server calls Orthanc through the authorization plugin with a service API
 * key, and answers the plugin's own questions about that key with an admin profile.
 */
class ApiKeyIT {
    private static final String KEY = "service-api-key-0f3a9c";

    @Test
    void thePluginLearnsThatTheServiceKeyIsAnAdmin(@TempDir Path folder) {
        try (InProcessServer server = new InProcessServer(Map.of("ALBUMS_ORTHANC_API_KEY", KEY,
                "ALBUMS_DB_URL", "jdbc:sqlite:" + folder.resolve("albums.db")))) {
            Reply profile = server.plugin().post("/user/get-profile",
                    "{\"token-key\":\"authorization\",\"token-value\":\"Bearer " + KEY + "\",\"server-id\":null}");
            assertThat(profile.status()).isEqualTo(200);
            assertThat(profile.field("name")).isEqualTo("albums-server");
            assertThat(profile.json().path("permissions").toString()).isEqualTo("[\"all\"]");
            assertThat(profile.json().path("authorized-labels").toString()).isEqualTo("[\"*\"]");

            Reply granted = server.plugin().post("/tokens/validate", "{\"method\":\"put\",\"level\":\"study\","
                    + "\"orthanc-id\":\"abc\",\"dicom-uid\":\"1.2.3\",\"token-key\":\"authorization\",\"token-value\":\"Bearer " + KEY + "\"}");
            assertThat(granted.json().path("granted").asBoolean()).isTrue();

            Reply almost = server.plugin().post("/user/get-profile",
                    "{\"token-key\":\"authorization\",\"token-value\":\"Bearer " + KEY + "x\",\"server-id\":null}");
            assertThat(almost.field("name")).isEqualTo("Anonymous");
            assertThat(almost.json().path("permissions")).isEmpty();
        }
    }
}
