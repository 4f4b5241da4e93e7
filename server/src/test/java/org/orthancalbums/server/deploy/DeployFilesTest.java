package org.orthancalbums.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orthancalbums.server.ServerConfig;

/**
 * deploy/ starts as written, as far as can be seen without containers: Debian's docker-compose takes
 * the compose file with the example environment and nothing missing, every service reports its health,
 * the files the services share agree (plugin login, Keycloak clients, placeholders), the realm is the
 * stack's realm without its demo users, test clients and secrets, and every setting albums-server
 * reads is documented. DeployStackIT loads the Orthanc configuration and the realm in the stack's own
 * Orthanc and Keycloak.
 */
class DeployFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonNode compose;

    @BeforeAll
    static void composeConfig() throws Exception {
        // `config` resolves the file as `up` would (variables from --env-file, paths, defaults) and
        // warns on stderr about every variable it could not find
        Process process = new ProcessBuilder("docker-compose", "--env-file", ".env.example", "-f", "docker-compose.yml", "config")
                .directory(DeployFiles.DIR.toFile()).start();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String resolved = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("docker-compose config: " + errors).isZero();
        assertThat(errors).as("docker-compose's warnings").isBlank();
        compose = YAML.readTree(resolved);
    }

    @Test
    void everyServiceReportsItsHealthAndStartsOnceWhatItNeedsIsHealthy() {
        assertThat(compose.path("services").size()).isEqualTo(5);
        compose.path("services").properties().forEach(service -> {
            JsonNode check = service.getValue().path("healthcheck").path("test");
            assertThat(check.isArray() && check.size() > 1).as(service.getKey() + " has a health check").isTrue();
            service.getValue().path("depends_on").properties().forEach(needed ->
                    assertThat(needed.getValue().path("condition").asText())
                            .as(service.getKey() + " waits for " + needed.getKey()).isEqualTo("service_healthy"));
        });
    }

    @Test
    void theExampleEnvironmentHoldsEverySecretTheFilesUseAndNothingElse() throws IOException {
        Set<String> used = new TreeSet<>(DeployFiles.placeholders(DeployFiles.COMPOSE));
        assertThat(DeployFiles.envExample().keySet()).containsExactlyInAnyOrderElementsOf(used);
        // Orthanc and Keycloak take their placeholders from their containers' environment
        assertThat(environment("orthanc").keySet()).containsAll(DeployFiles.placeholders(DeployFiles.ORTHANC));
        assertThat(environment("keycloak").keySet()).containsAll(DeployFiles.placeholders(DeployFiles.REALM));
    }

    @Test
    void everyFolderAndFileTheServicesMountIsInTheRepositoryButTheOperatorsCertificates() {
        Path deploy = DeployFiles.DIR.toAbsolutePath().normalize();
        compose.path("services").properties().forEach(service -> service.getValue().path("volumes").forEach(volume -> {
            if (volume.path("type").asText().equals("bind")) {
                Path source = Path.of(volume.path("source").asText());
                if (!source.equals(deploy.resolve("tls"))) { // nginx's certificate and key: the operator's
                    assertThat(source).as(service.getKey() + " mounts " + source).exists();
                }
            }
        }));
        assertThat(DeployFiles.REALM).exists();
    }

    @Test
    void orthancsPluginLogsInToAlbumsServerWithAUserAlbumsServerKnows() throws IOException {
        JsonNode authorization = DeployFiles.json(DeployFiles.ORTHANC).path("Authorization");
        URI service = URI.create(authorization.path("WebServiceRootUrl").asText());
        assertThat(compose.path("services").has(service.getHost())).as("the plugin calls a service of the compose file").isTrue();
        assertThat(service.getPort()).isEqualTo(8000);
        String password = DeployFiles.resolve(authorization.path("WebServicePassword").asText(), environment("orthanc"));
        JsonNode users = new ObjectMapper().readTree(environment("albums-server").get("ALBUMS_PLUGIN_USERS"));
        assertThat(users.path(authorization.path("WebServiceUsername").asText()).asText()).isEqualTo(password).isNotBlank();
    }

    @Test
    void theRealmIsTheStacksWithoutDemoUsersTestClientsDirectLoginsOrSecrets() throws IOException {
        ObjectNode expected = (ObjectNode) DeployFiles.json(DeployFiles.STACK_REALM);
        expected.put("displayName", "Orthanc Albums");
        expected.put("sslRequired", "external"); // https everywhere but on the server's own network
        ArrayNode users = expected.putArray("users");
        DeployFiles.json(DeployFiles.STACK_REALM).path("users").forEach(user -> {
            if (user.has("serviceAccountClientId") && !user.path("serviceAccountClientId").asText().startsWith("albums-tests-")) {
                users.add(user);
            }
        });
        ArrayNode clients = expected.putArray("clients");
        DeployFiles.json(DeployFiles.STACK_REALM).path("clients").forEach(client -> {
            if (!client.path("clientId").asText().startsWith("albums-tests-")) {
                ObjectNode kept = client.deepCopy();
                kept.put("directAccessGrantsEnabled", false);
                if (kept.has("secret")) {
                    kept.put("secret", "${KEYCLOAK_SERVER_CLIENT_SECRET}");
                }
                clients.add(kept);
            }
        });

        ObjectNode actual = (ObjectNode) DeployFiles.json(DeployFiles.REALM);
        ArrayNode actualClients = (ArrayNode) actual.path("clients");
        JsonNode explorer = null;
        for (int i = 0; i < actualClients.size(); i++) {
            if (actualClients.get(i).path("clientId").asText().equals("orthanc-explorer")) {
                explorer = actualClients.remove(i);
                break;
            }
        }
        assertThat(actual).isEqualTo(expected);

        // the one client the stack does not have: OE2's, on the public host, named as orthanc.json names it
        assertThat(explorer).as("OE2's client").isNotNull();
        assertThat(explorer.path("clientId").asText())
                .isEqualTo(DeployFiles.json(DeployFiles.ORTHANC).path("OrthancExplorer2").path("Keycloak").path("ClientId").asText());
        assertThat(explorer.path("publicClient").asBoolean()).isTrue();
        assertThat(explorer.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        explorer.path("redirectUris").forEach(uri -> assertThat(uri.asText()).startsWith("https://${PUBLIC_HOST}/orthanc/"));
        assertThat(List.of(environment("albums-server").get("ALBUMS_ACCEPTED_AUDIENCES").split(","))).contains("orthanc-explorer");
    }

    @Test
    void everySettingAlbumsServerReadsIsDocumentedInItsSettingsTable() throws IOException {
        Set<String> read = new TreeSet<>();
        Map<String, String> environment = new HashMap<>() {
            @Override
            public String get(Object name) {
                read.add((String) name);
                return super.get(name);
            }
        };
        try {
            ServerConfig.from(environment, null);
        } catch (ServerConfig.InvalidConfigException expected) {
            // nothing is set: albums-server still reads every setting, to report every problem at once
        }
        assertThat(read).hasSizeGreaterThan(20);
        String readme = Files.readString(DeployFiles.README);
        int start = readme.indexOf("## albums-server settings");
        assertThat(start).as("deploy/README.md has its settings section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String settings = readme.substring(start, end < 0 ? readme.length() : end);
        assertThat(read).allSatisfy(name -> assertThat(settings).as("deploy/README.md documents " + name).contains("`" + name + "`"));
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> values = new HashMap<>();
        compose.path("services").path(service).path("environment").properties()
                .forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }
}
