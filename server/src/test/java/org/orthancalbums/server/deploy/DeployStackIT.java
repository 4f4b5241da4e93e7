package org.orthancalbums.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.testing.Stack;

/**
 * deploy/'s Orthanc configuration and Keycloak realm in the local stack's own Orthanc and Keycloak,
 * with the values of deploy/.env.example. Orthanc loads deploy/orthanc.json, its Authorization section
 * in it (the authorization plugin is in no Debian package, so this Orthanc does not run it); the
 * stack's Keycloak imports deploy/realm/albums-realm.json with its own importer (`kc.sh import`, the
 * code behind the compose file's --import-realm, placeholders included).
 */
class DeployStackIT {
    @TempDir
    Path temp;

    @Test
    void theStacksOrthancLoadsTheDeployConfiguration() throws Exception {
        // the stack's own Orthanc and DICOMweb plugin, as its configuration names them
        String dicomWeb = null;
        for (JsonNode plugin : DeployFiles.json(Path.of(Stack.env("STACK_DIR"), "orthanc.json")).path("Plugins")) {
            if (plugin.asText().endsWith("/libOrthancDicomWeb.so")) {
                dicomWeb = plugin.asText();
            }
        }
        assertThat(dicomWeb).as("the stack's Orthanc loads DICOMweb").isNotNull();
        String root = dicomWeb.substring(0, dicomWeb.indexOf("/usr/share/orthanc/plugins/"));

        ObjectNode config = (ObjectNode) DeployFiles.json(DeployFiles.ORTHANC);
        assertThat(config.has("Authorization")).as("the plugin's section").isTrue();
        // only what this machine decides changes: a free loopback port and no DICOM port, storage in a
        // temporary folder, the stack's plugins (DICOMweb reads the deploy file's DicomWeb section)
        int port = freePort();
        config.put("HttpPort", port).put("RemoteAccessAllowed", false).put("DicomServerEnabled", false)
                .put("StorageDirectory", temp.resolve("db").toString()).put("IndexDirectory", temp.resolve("db").toString())
                .put("Locale", "C.UTF-8").putArray("Plugins").add(dicomWeb);
        // Lua scripts the compose file mounts from deploy/ (at /etc/orthanc/…): the same files, here
        JsonNode scripts = config.path("LuaScripts");
        if (scripts.isArray()) {
            ArrayNode here = config.putArray("LuaScripts");
            scripts.forEach(script -> here.add(DeployFiles.DIR.resolve(Path.of(script.asText()).getFileName().toString())
                    .toAbsolutePath().normalize().toString()));
        }
        Path file = temp.resolve("orthanc.json");
        new ObjectMapper().writeValue(file.toFile(), config);

        Path log = temp.resolve("orthanc.log");
        ProcessBuilder orthanc = new ProcessBuilder(root + "/usr/lib64/ld-linux-x86-64.so.2", "--library-path",
                root + "/usr/lib/x86_64-linux-gnu", root + "/usr/sbin/Orthanc", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        orthanc.environment().put("DCMDICTPATH", root + "/usr/share/dcmtk/dicom.dic:" + root + "/usr/share/dcmtk/private.dic");
        orthanc.environment().put("PYTHONHOME", root + "/usr");
        putExampleValues(orthanc.environment(), DeployFiles.ORTHANC);
        Process process = orthanc.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            JsonNode system = new ObjectMapper().readTree(awaitAnswer(base.resolve("/system"), process, log));
            assertThat(system.path("Name").asText()).isEqualTo(config.path("Name").asText());
            assertThat(get(base.resolve(config.path("DicomWeb").path("Root").asText() + "studies")).statusCode()).isEqualTo(200);
        } finally {
            process.destroy();
            process.waitFor(15, TimeUnit.SECONDS);
        }
        // Orthanc's error lines start with E and the date (E1130 ...): none while loading the file
        assertThat(Files.readAllLines(log)).noneMatch(line -> line.matches("E\\d{4} .*"));
    }

    @Test
    void theStacksKeycloakImportsTheDeployRealm() throws Exception {
        Path keycloak = copyOfTheStacksKeycloak();
        ProcessBuilder kc = new ProcessBuilder(keycloak.resolve("bin/kc.sh").toString(), "import", "--optimized",
                "--http-host=127.0.0.1", "--http-management-port=" + freePort(),
                "--file", DeployFiles.REALM.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("import.log").toFile());
        kc.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m");
        putExampleValues(kc.environment(), DeployFiles.REALM);
        Process process = kc.start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        String output = Files.readString(temp.resolve("import.log"));
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Realm 'albums' imported");
    }

    /**
     * The stack's Keycloak installation (its running server names it on its command line), apart: the
     * import runs in its own folder and data, never beside the running server's. Library jars are
     * linked, not copied (nothing writes them); the rest is copied.
     */
    private Path copyOfTheStacksKeycloak() throws IOException {
        String pid = Files.readString(Path.of(Stack.env("STACK_DIR"), "keycloak.pid")).strip();
        String commandLine = Files.readString(Path.of("/proc", pid, "cmdline"), StandardCharsets.UTF_8);
        Path home = Arrays.stream(commandLine.split("\0")).filter(arg -> arg.startsWith("-Dkc.home.dir="))
                .map(arg -> Path.of(arg.substring("-Dkc.home.dir=".length()))).findFirst()
                .orElseThrow(() -> new AssertionError("the stack's Keycloak (pid " + pid + ") names no kc.home.dir"));
        Path copy = temp.resolve("keycloak");
        List<Path> sources;
        try (Stream<Path> tree = Files.walk(home)) {
            sources = tree.filter(p -> !p.startsWith(home.resolve("data"))).toList();
        }
        for (Path source : sources) {
            Path target = copy.resolve(home.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else if (source.startsWith(home.resolve("lib/lib"))) {
                try {
                    Files.createLink(target, source);
                } catch (IOException | UnsupportedOperationException otherFileSystem) {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            } else {
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    /** deploy/.env.example's values for the placeholders of a file, as the compose file passes them. */
    private static void putExampleValues(Map<String, String> environment, Path file) throws IOException {
        Map<String, String> example = DeployFiles.envExample();
        for (String name : DeployFiles.placeholders(file)) {
            assertThat(example).as(".env.example gives " + name).containsKey(name);
            environment.put(name, example.get(name));
        }
    }

    private static String awaitAnswer(URI uri, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("Orthanc runs; its log:\n" + Files.readString(log)).isTrue();
            try {
                HttpResponse<String> response = get(uri);
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Orthanc did not answer within 30 s; its log:\n" + Files.readString(log));
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return Stack.http().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
