package org.orthancalbums.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;

/**
 * `./albums bench authz`: the routes the authorization plugin calls for every request Orthanc serves,
 * under Debian's wrk on loopback, after seeding 10,000 albums, 1,000 users and 100,000 memberships
 * (alice in 500 albums): warm-up, then 10 s per load (see LOADS) per case; req/s, latency
 * percentiles, errors, and the server's RSS and CPU seconds. Once on the stack's albums-server
 * (SQLite), once on a second albums-server on PostgreSQL. The seeded rows go again at the end.
 */
public final class AuthzBench {
    private static final int ALBUMS = 10_000;
    private static final int USERS = 1_000;
    private static final int PER_USER = 100;
    private static final int ALICES = 500;
    private static final String ALICE = "a11ce000-0000-4000-8000-000000000001";
    private static final String PREFIX = "benchauthz";

    private record Case(String name, String path, String body, Map<String, String> headers) {
    }

    private record Result(double perSecond, String p50, String p99, String max, long errors) {
    }

    /**
     * How hard wrk pushes: {@code connections} connections, each waiting {@code pauseMillis} after an answer before
     * its next request, from {@code wrkThreads} threads. One wrk thread is enough to saturate the server (about the same
     * req/s as two); a second one only competes with the server it measures for the two cores they share, and the
     * "wrk x2" row shows what that does to the tail. With a 1 ms pause the offered load stays under capacity, as
     * Orthanc's real traffic does. The target's load runs {@code rounds} times and the round with the median p99 is
     * shown, with every round's p99: on two shared cores one 10 s round's p99 varies by a factor of two.
     */
    private record Load(int connections, int pauseMillis, int wrkThreads, int rounds) {
        String label() {
            return "c" + connections + (pauseMillis == 0 ? "" : "+" + pauseMillis + "ms") + (wrkThreads == 1 ? "" : " wrk x" + wrkThreads);
        }
    }

    private static final List<Load> LOADS = List.of(new Load(16, 0, 1, 3), new Load(64, 0, 1, 1), new Load(16, 1, 1, 1),
            new Load(48, 1, 1, 1), new Load(16, 0, 2, 1));

    public static void main(String[] args) throws Exception {
        String pluginAuth = "Basic " + Base64.getEncoder().encodeToString(
                (BenchStack.env("PLUGIN_USER") + ":" + BenchStack.env("PLUGIN_PASSWORD")).getBytes(StandardCharsets.UTF_8));
        System.out.println("== SQLite (the stack's albums-server) ==");
        run(BenchStack.env("ALBUMS_URL"), BenchStack.env("ALBUMS_DB_URL"), null, BenchStack.stackPid("albums-server"), pluginAuth);
        if (args.length > 0 && !args[0].isBlank()) {
            System.out.println();
            System.out.println("== PostgreSQL (a second albums-server) ==");
            postgres(args[0], pluginAuth);
        }
    }

    /** A second albums-server on its own PostgreSQL database, on a free port, for the same cases. */
    private static void postgres(String pgUrl, String pluginAuth) throws Exception {
        String url = pgUrl.replaceAll("/[^/]*$", "/albums_bench");
        try (Connection admin = DriverManager.getConnection(pgUrl, BenchStack.env("ALBUMS_TEST_PG_USER"), "")) {
            admin.createStatement().execute("DROP DATABASE IF EXISTS albums_bench");
            admin.createStatement().execute("CREATE DATABASE albums_bench");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx160m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=48m", "-Xss512k", "-jar",
                "server/target/albums-server.jar")
                .redirectErrorStream(true).redirectOutput(Path.of("bench/target/authz-postgresql-server.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("MALLOC_ARENA_MAX", "2"); // as the stack and the Dockerfile run it
        env.put("ALBUMS_HTTP_PORT", String.valueOf(port));
        env.put("ALBUMS_HTTP_HOST", "127.0.0.1");
        env.put("ALBUMS_PUBLIC_URL", "http://127.0.0.1:" + port);
        env.put("ALBUMS_DB_URL", url);
        env.put("ALBUMS_DB_USER", BenchStack.env("ALBUMS_TEST_PG_USER"));
        env.put("ALBUMS_ORTHANC_URL", BenchStack.env("ORTHANC_URL"));
        env.put("ALBUMS_ORTHANC_USER", BenchStack.env("ORTHANC_ADMIN_USER"));
        env.put("ALBUMS_ORTHANC_PASSWORD", BenchStack.env("ORTHANC_ADMIN_PASSWORD"));
        env.put("KEYCLOAK_URL", BenchStack.env("KEYCLOAK_URL"));
        env.put("KEYCLOAK_REALM", BenchStack.env("REALM"));
        env.put("KEYCLOAK_SERVER_CLIENT_SECRET", BenchStack.env("KEYCLOAK_SERVER_CLIENT_SECRET"));
        env.put("ALBUMS_PLUGIN_USERS", "{\"" + BenchStack.env("PLUGIN_USER") + "\":\"" + BenchStack.env("PLUGIN_PASSWORD") + "\"}");
        env.put("SECRET_KEY", "authz-benchmark-secret-key-0123456789abcdef");
        Process server = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    if (BenchStack.send(HttpRequest.newBuilder(URI.create(base + "/api/config")).build()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    if (System.nanoTime() > deadline || !server.isAlive()) {
                        throw new IllegalStateException("the PostgreSQL albums-server did not start: bench/target/authz-postgresql-server.log");
                    }
                    Thread.sleep(200);
                }
            }
            run(base, url, BenchStack.env("ALBUMS_TEST_PG_USER"), server.pid(), pluginAuth);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void run(String base, String dbUrl, String dbUser, long pid, String pluginAuth) throws Exception {
        String alice = BenchStack.login("alice");
        String album = create(base, alice);
        String label = field(BenchStack.send(get(base + "/api/albums/" + album, alice)).body(), "label");
        String studyUid = Uids.random();
        byte[] dicom = DicomFileWriter.write(new DicomFileWriter.Instance("PID-AUTHZ", "Bench^Authz", studyUid, Uids.random(), Uids.random(),
                "20250101", "Authorization benchmark", "CT", 1, 1, 8, 8));
        String studyId = field(BenchStack.send(HttpRequest.newBuilder(URI.create(BenchStack.env("ORTHANC_URL") + "/instances"))
                .header("Authorization", BenchStack.orthancAuth()).POST(HttpRequest.BodyPublishers.ofByteArray(dicom)).build()).body(),
                "ParentStudy");
        String admin = BenchStack.login("admin");
        BenchStack.send(HttpRequest.newBuilder(URI.create(base + "/api/albums/" + album + "/studies/" + studyUid))
                .header("Authorization", "Bearer " + admin).PUT(HttpRequest.BodyPublishers.noBody()).build());
        String viewToken = field(BenchStack.send(post(base + "/api/albums/" + album + "/tokens", alice,
                "{\"kind\":\"view\",\"studyInstanceUid\":\"" + studyUid + "\",\"expiresInSeconds\":3600}")).body(), "token");
        String share = field(BenchStack.send(HttpRequest.newBuilder(URI.create(base + "/api/share-tokens/stone-viewer-publication"))
                .header("Authorization", "Bearer " + alice).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"Resources\":[{\"DicomUid\":\"" + studyUid + "\",\"Level\":\"study\"}],"
                        + "\"ValidityDuration\":3600}")).build()).body(), "Token");
        try {
            long seeding = System.nanoTime();
            seed(dbUrl, dbUser);
            // a stack the tests ran on keeps alice's albums of theirs: her figures are for all she is in, printed as such
            int aliceAlbums = albumCount(dbUrl, dbUser);
            System.out.printf("seeded %d albums, %d users, %d memberships (alice in %d, %d with those she already had) in %.1f s%n",
                    ALBUMS, USERS, USERS * PER_USER, ALICES, aliceAlbums, (System.nanoTime() - seeding) / 1e9);
            timeAlbumPages(base, album, alice, aliceAlbums);

            String read = "{\"dicom-uid\":\"" + studyUid + "\",\"labels\":[\"" + label + "\"],\"level\":\"study\",\"method\":\"get\","
                    + "\"orthanc-id\":\"" + studyId + "\",\"server-id\":null,\"token-key\":\"%s\",\"token-value\":\"%s\"}";
            List<Case> cases = List.of(
                    new Case("anonymous profile", "/user/get-profile", "{\"token-key\":\"\",\"token-value\":\"\",\"server-id\":null}", Map.of()),
                    new Case("profile, Keycloak JWT, " + aliceAlbums + " albums", "/user/get-profile",
                            "{\"server-id\":null,\"token-key\":\"Authorization\",\"token-value\":\"Bearer " + alice + "\"}", Map.of()),
                    new Case("validate, OE2 share link", "/tokens/validate", read.formatted("token", share), Map.of("token", share)),
                    new Case("validate, study view token", "/tokens/validate", read.formatted("Authorization", "Bearer " + viewToken), Map.of()));
            System.out.printf("%n%-36s %-12s %8s %9s %9s %9s %7s%n", "case", "load", "req/s", "p50", "p99", "max", "errors");
            for (Case c : cases) {
                Path warmUp = script(c, pluginAuth, 0);
                wrk(base, c, warmUp, new Load(16, 0, 1, 1), 10);
                Files.delete(warmUp);
                for (Load load : LOADS) {
                    Path script = script(c, pluginAuth, load.pauseMillis());
                    double cpu = BenchStack.cpuSeconds(pid, false);
                    long[] peak = {0};
                    Thread sampler = sampler(pid, peak);
                    List<Result> rounds = new ArrayList<>();
                    for (int i = 0; i < load.rounds(); i++) {
                        rounds.add(wrk(base, c, script, load, 10));
                    }
                    sampler.interrupt();
                    sampler.join();
                    Files.delete(script);
                    rounds.sort(Comparator.comparingDouble(round -> millis(round.p99())));
                    Result r = rounds.get(rounds.size() / 2);
                    System.out.printf("%-36s %-12s %8.0f %9s %9s %9s %7d   RSS %.0f MB, CPU %.1f s per 10 s%s%n", c.name(), load.label(),
                            r.perSecond(), r.p50(), r.p99(), r.max(), rounds.stream().mapToLong(Result::errors).sum(), peak[0] / 1e6,
                            (BenchStack.cpuSeconds(pid, false) - cpu) / rounds.size(), rounds.size() == 1 ? ""
                                    : "; p99 of " + rounds.size() + " rounds: " + String.join(", ", rounds.stream().map(Result::p99).toList()));
                }
            }
            System.out.println("targets: JWT profile >= 20,000 req/s; p99 <= 5 ms and 0 errors at c16; RSS <= 300 MB");
            System.out.println("(cN: N connections back to back from one wrk thread, saturating the 2 cores wrk shares with the server,"
                    + " c16 in 3 rounds, the median round shown; cN+1ms: each connection pauses 1 ms between requests, a load under capacity;"
                    + " wrk x2: from two wrk threads)");
        } finally {
            unseed(dbUrl, dbUser);
            BenchStack.send(HttpRequest.newBuilder(URI.create(base + "/api/albums/" + album + "?deleteStudies=true"))
                    .header("Authorization", "Bearer " + BenchStack.login("alice")).DELETE().build());
        }
    }

    /** The album list of a member of {@code albums} albums, and a page of an album's studies. */
    private static void timeAlbumPages(String base, String album, String token, int albums) throws Exception {
        for (String[] page : new String[][] {{"album list (alice, " + albums + " albums)", "/api/albums"},
                {"a page of an album's studies", "/api/albums/" + album + "/studies?limit=50"}}) {
            long best = Long.MAX_VALUE;
            int size = 0;
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = BenchStack.send(get(base + page[1], token));
                best = Math.min(best, System.nanoTime() - start);
                size = answer.body().length();
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(page[1] + " answered " + answer.statusCode());
                }
            }
            System.out.printf("%-36s %6.0f ms (best of 5, %d KB)   (target < 200 ms)%n", page[0], best / 1e6, size / 1024);
        }
    }

    private static int albumCount(String dbUrl, String dbUser) throws SQLException {
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbUser == null ? null : "");
             PreparedStatement count = db.prepareStatement("SELECT count(*) FROM members WHERE user_id = ?")) {
            count.setString(1, ALICE);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void seed(String dbUrl, String dbUser) throws SQLException {
        Random random = new Random(20261130);
        long now = System.currentTimeMillis();
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbUser == null ? null : "")) {
            db.setAutoCommit(false);
            try (PreparedStatement album = db.prepareStatement(
                    "INSERT INTO albums (id, name, description, label, created_at, updated_at) VALUES (?, ?, '', ?, ?, ?)");
                 PreparedStatement member = db.prepareStatement("INSERT INTO members (album_id, user_id, username, display_name, email, role, "
                         + "added_at) VALUES (?, ?, ?, ?, '', ?, ?)")) {
                for (int i = 0; i < ALBUMS; i++) {
                    album.setString(1, albumId(i));
                    album.setString(2, "Benchmark album " + i);
                    album.setString(3, "alb_benchauthz_" + i);
                    album.setLong(4, now);
                    album.setLong(5, now);
                    album.addBatch();
                }
                album.executeBatch();
                for (int i = 0; i < ALICES; i++) {
                    addMember(member, albumId(i), ALICE, "alice", i % 5 == 0 ? "EDITOR" : "VIEWER", now);
                }
                for (int u = 0; u < USERS; u++) {
                    for (int a : random.ints(0, ALBUMS).distinct().limit(PER_USER).toArray()) {
                        addMember(member, albumId(a), PREFIX + "-user-" + u, "bench" + u, "VIEWER", now);
                    }
                }
                member.executeBatch();
            }
            db.commit();
        }
    }

    private static void addMember(PreparedStatement member, String album, String user, String name, String role, long now) throws SQLException {
        member.setString(1, album);
        member.setString(2, user);
        member.setString(3, name);
        member.setString(4, name);
        member.setString(5, role);
        member.setLong(6, now);
        member.addBatch();
    }

    private static void unseed(String dbUrl, String dbUser) throws SQLException {
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbUser == null ? null : "")) {
            db.createStatement().executeUpdate("DELETE FROM members WHERE album_id LIKE '" + PREFIX + "%'");
            db.createStatement().executeUpdate("DELETE FROM albums WHERE id LIKE '" + PREFIX + "%'");
        }
    }

    private static String albumId(int i) {
        return PREFIX + i;
    }

    private static Path script(Case c, String pluginAuth, int pauseMillis) throws IOException {
        StringBuilder lua = new StringBuilder("wrk.method = \"POST\"\nwrk.body = [[" + c.body() + "]]\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"Authorization\"] = \"" + pluginAuth + "\"\n");
        c.headers().forEach((k, v) -> lua.append("wrk.headers[\"").append(k).append("\"] = \"").append(v).append("\"\n"));
        if (pauseMillis > 0) {
            lua.append("function delay() return ").append(pauseMillis).append(" end\n"); // wrk waits this long before each request
        }
        Path file = Files.createTempFile("authz", ".lua");
        Files.writeString(file, lua);
        return file;
    }

    private static Result wrk(String base, Case c, Path script, Load load, int seconds) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t" + load.wrkThreads(), "-c" + load.connections(), "-d" + seconds + "s", "--latency", "-s", script.toString(),
                base + c.path()).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        Map<String, String> percentiles = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s+(50|99)%\\s+(\\S+)").matcher(out);
        while (m.find()) {
            percentiles.put(m.group(1), m.group(2));
        }
        Matcher latency = Pattern.compile("(?m)^\\s+Latency\\s+\\S+\\s+\\S+\\s+(\\S+)").matcher(out);
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        long errors = 0;
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        if (!rate.find()) {
            throw new IllegalStateException("wrk said:\n" + out);
        }
        return new Result(Double.parseDouble(rate.group(1)), percentiles.getOrDefault("50", "?"), percentiles.getOrDefault("99", "?"),
                latency.find() ? latency.group(1) : "?", errors);
    }

    /** wrk's latency, e.g. "806.00us", "3.78ms" or "1.02s", in milliseconds. */
    private static double millis(String latency) {
        Matcher m = Pattern.compile("([0-9.]+)(us|ms|s)").matcher(latency);
        if (!m.matches()) {
            return Double.MAX_VALUE;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            default -> value * 1000;
        };
    }

    private static Thread sampler(long pid, long[] peak) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], BenchStack.rss(pid));
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        thread.start();
        return thread;
    }

    private static String create(String base, String token) throws Exception {
        return field(BenchStack.send(post(base + "/api/albums", token, "{\"name\":\"Authorization benchmark\"}")).body(), "id");
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build();
    }

    private static HttpRequest post(String url, String token, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
