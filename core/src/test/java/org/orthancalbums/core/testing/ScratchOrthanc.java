package org.orthancalbums.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An Orthanc of its own, the stack's build from Debian trixie, on a free loopback port without authentication: on its
 * default SQLite index, or on PostgreSQL through Debian's orthanc-postgresql plugin (installed by
 * {@code stack/install-orthanc.sh postgresql}). Its folder is removed when it is closed, unless something failed.
 */
public final class ScratchOrthanc implements AutoCloseable {
    private static final Path CACHE = Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"),
            "orthanc-albums");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Where the index lives when it is in PostgreSQL: a database that exists and is empty. */
    public record PostgresIndex(String host, int port, String database, String user) {
    }

    private final Process process;
    private final Path dir;
    private final URI url;
    private boolean healthy;

    private ScratchOrthanc(Process process, Path dir, URI url) {
        this.process = process;
        this.dir = dir;
        this.url = url;
    }

    public static ScratchOrthanc start(Path dir, PostgresIndex postgres) throws IOException, InterruptedException {
        Path root = Path.of(System.getenv().getOrDefault("ORTHANC_ROOT", CACHE.resolve("orthanc-root").toString()));
        Path pgRoot = CACHE.resolve("orthanc-postgresql");
        if (postgres != null && !Files.exists(pgRoot.resolve(".complete"))) {
            throw new IllegalStateException("orthanc-postgresql is not installed: run stack/install-orthanc.sh postgresql");
        }
        delete(dir);
        Files.createDirectories(dir);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ObjectNode config = new ObjectMapper().createObjectNode();
        config.put("Name", "Scratch Orthanc").put("HttpPort", port).put("RemoteAccessAllowed", false)
                .put("AuthenticationEnabled", false).put("DicomServerEnabled", false).put("StorageCompression", false)
                .put("StorageDirectory", dir.resolve("storage").toAbsolutePath().toString())
                .put("IndexDirectory", dir.resolve("index").toAbsolutePath().toString()).put("SaveJobs", false);
        String libraries = root.resolve("usr/lib/x86_64-linux-gnu").toString();
        if (postgres != null) {
            config.putArray("Plugins").add(pgRoot.resolve("usr/share/orthanc/plugins/libOrthancPostgreSQLIndex.so").toString());
            config.putObject("PostgreSQL").put("EnableIndex", true).put("EnableStorage", false).put("Host", postgres.host())
                    .put("Port", postgres.port()).put("Database", postgres.database()).put("Username", postgres.user())
                    .put("Password", "").put("Lock", false);
            libraries = pgRoot.resolve("usr/lib/x86_64-linux-gnu") + ":" + libraries;
        }
        Path configFile = dir.resolve("orthanc.json");
        Files.writeString(configFile, config.toPrettyString());
        ProcessBuilder command = new ProcessBuilder(root.resolve("usr/lib64/ld-linux-x86-64.so.2").toString(), "--library-path", libraries,
                root.resolve("usr/sbin/Orthanc").toString(), configFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("orthanc.log").toFile());
        // the private root's DICOM dictionary, as the stack starts Orthanc
        command.environment().put("DCMDICTPATH", root.resolve("usr/share/dcmtk/dicom.dic") + ":" + root.resolve("usr/share/dcmtk/private.dic"));
        ScratchOrthanc orthanc = new ScratchOrthanc(command.start(), dir, URI.create("http://127.0.0.1:" + port));
        orthanc.waitUntilUp();
        return orthanc;
    }

    public URI url() {
        return url;
    }

    /** What {@link #close()} leaves behind: nothing when the user of this Orthanc says all went well. */
    public void succeeded() {
        healthy = true;
    }

    private void waitUntilUp() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(url.resolve("/system")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroy();
                throw new IllegalStateException("the scratch Orthanc did not start: " + dir.resolve("orthanc.log"));
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
        if (healthy) {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
