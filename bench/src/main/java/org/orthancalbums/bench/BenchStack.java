package org.orthancalbums.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The running local stack as `./albums stack env` describes it, plus the few calls benchmarks need. */
final class BenchStack {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private BenchStack() {
    }

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run benchmarks with ./albums bench");
        }
        return value;
    }

    static String orthancAuth() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (env("ORTHANC_ADMIN_USER") + ":" + env("ORTHANC_ADMIN_PASSWORD")).getBytes(StandardCharsets.UTF_8));
    }

    /** A password-grant token of a demo user (the demo realm allows it; production realms do not). */
    static String login(String user) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(env("KEYCLOAK_URL") + "/realms/" + env("REALM") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=" + env("KEYCLOAK_CLIENT_ID")
                        + "&username=" + user + "&password=" + user)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (!token.find()) {
            throw new IOException("Keycloak refused " + user + ": " + response.statusCode());
        }
        return token.group(1);
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Resident memory of a process now, from /proc (kB → bytes). */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    static long stackPid(String service) throws IOException {
        return Long.parseLong(Files.readString(Path.of(env("STACK_DIR"), service + ".pid")).strip());
    }

    /**
     * CPU seconds a process has used (user + system, from /proc/PID/stat); with {@code children}, also those of its
     * children it has waited for, which is how a benchmark counts a child JVM it ran.
     */
    static double cpuSeconds(long pid, boolean children) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the ")" that closes the command name: state is field 3, utime 14, stime 15, cutime 16, cstime 17
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (children) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
