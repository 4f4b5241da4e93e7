package org.orthancalbums.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's settings, read from environment variables (the deployment contract) or from
 * {@code /run/secrets/<NAME>} files. Start-up fails naming every missing or wrong setting at once.
 */
public record ServerConfig(
        String httpHost,
        int httpPort,
        int httpThreads,
        URI publicUrl,
        String dbUrl,
        String dbUser,
        String dbPassword,
        URI orthancUrl,
        String orthancUser,
        String orthancPassword,
        String orthancApiKey,
        URI dicomWebPublicUrl,
        URI keycloakUrl,
        String keycloakRealm,
        String keycloakClientId,
        String keycloakServerClientId,
        String keycloakServerClientSecret,
        Map<String, String> pluginUsers,
        String secretKey,
        long maxUploadBytes,
        long maxViewTokenSeconds,
        long maxUploadTokenSeconds,
        DicomSettings dicom,
        AccessLog accessLog,
        long orthancTimeoutSeconds,
        PluginSettings plugin) {

    /**
     * Which requests the access log shows. {@code api} (the default) leaves out the routes Orthanc calls
     * for every request it serves (profiles, token checks, the DICOM filter) unless they fail: at
     * thousands per second, a log line each would be what limits throughput.
     */
    public enum AccessLog {
        ALL, API, OFF;

        public boolean shows(String path, int status) {
            return switch (this) {
                case ALL -> true;
                case OFF -> false;
                case API -> status >= 500 || !(path.startsWith("/user/") || path.startsWith("/tokens/") || path.startsWith("/dicom/"));
            };
        }
    }

    /**
     * Orthanc's DICOM port as scanners reach it (announced with each DICOM upload token), and the called
     * AE titles that store as Orthanc always did, into no album (Orthanc's own, for the site's modalities).
     */
    public record DicomSettings(String host, int port, List<String> trustedAeTitles) {
    }

    /**
     * How albums-server answers the authorization plugin: profile cache time, which Keycloak
     * clients' tokens it accepts, the anonymous profile, and the public roots of share links.
     */
    public record PluginSettings(int profileValiditySeconds, List<String> acceptedAudiences,
                                 List<String> anonymousPermissions, List<String> anonymousLabels, String serverId,
                                 String publicOrthancRoot, String publicLandingRoot, String publicOhifRoot,
                                 String ohifDataSource) {
    }

    /** Thrown with every problem found, one per line, so an operator fixes them in one go. */
    public static final class InvalidConfigException extends RuntimeException {
        InvalidConfigException(List<String> problems) {
            super("albums-server cannot start:\n  - " + String.join("\n  - ", problems));
        }
    }

    public URI issuer() {
        return URI.create(keycloakUrl.toString().replaceAll("/+$", "") + "/realms/" + keycloakRealm);
    }

    public static ServerConfig fromEnvironment() {
        return from(System.getenv(), Path.of("/run/secrets"));
    }

    public static ServerConfig from(Map<String, String> env, Path secretsDir) {
        Reader r = new Reader(env, secretsDir);
        int port = r.integer("ALBUMS_HTTP_PORT", 8000);
        String host = r.get("ALBUMS_HTTP_HOST").orElse("0.0.0.0");
        URI publicUrl = r.uri("ALBUMS_PUBLIC_URL", "http://127.0.0.1:" + port);
        URI orthancUrl = r.uri("ALBUMS_ORTHANC_URL", "http://127.0.0.1:8042");
        String orthancUser = r.get("ALBUMS_ORTHANC_USER").orElse(null);
        String orthancPassword = r.get("ALBUMS_ORTHANC_PASSWORD").orElse(null);
        String apiKey = r.get("ALBUMS_ORTHANC_API_KEY").orElse(null);
        if (apiKey == null && (orthancUser == null || orthancPassword == null)) {
            r.problems.add("ALBUMS_ORTHANC_USER and ALBUMS_ORTHANC_PASSWORD, or ALBUMS_ORTHANC_API_KEY, must be set "
                    + "(albums-server writes labels in Orthanc with them)");
        }
        String secret = r.required("SECRET_KEY", "the key that signs share tokens (32 random bytes or more)");
        if (secret != null && secret.length() < 32) {
            r.problems.add("SECRET_KEY is too short: use at least 32 characters");
        }
        String serverClientSecret = r.required("KEYCLOAK_SERVER_CLIENT_SECRET",
                "the secret of the albums-server client in Keycloak (user search for sharing)");
        Map<String, String> pluginUsers = r.pluginUsers();
        // Jetty's acceptor and selector, and a request thread per core: see AlbumsServer (requests that wait run on the work pool)
        long httpThreads = r.integer("ALBUMS_HTTP_THREADS", 2L + Runtime.getRuntime().availableProcessors());
        if (httpThreads < 3 || httpThreads > 1000) {
            r.problems.add("ALBUMS_HTTP_THREADS must be between 3 (Jetty keeps two for accepting and reading connections) and 1000");
        }
        ServerConfig config = new ServerConfig(host, port, (int) httpThreads, publicUrl,
                r.get("ALBUMS_DB_URL").orElse("jdbc:sqlite:albums.db"),
                r.get("ALBUMS_DB_USER").orElse(null), r.get("ALBUMS_DB_PASSWORD").orElse(null),
                orthancUrl, orthancUser, orthancPassword, apiKey,
                r.uri("ALBUMS_DICOMWEB_PUBLIC_URL", orthancUrl.toString().replaceAll("/+$", "") + "/dicom-web"),
                r.uri("KEYCLOAK_URL", "http://127.0.0.1:8180"),
                r.get("KEYCLOAK_REALM").orElse("albums"),
                r.get("KEYCLOAK_CLIENT_ID").orElse("albums-desktop"),
                r.get("KEYCLOAK_SERVER_CLIENT_ID").orElse("albums-server"),
                serverClientSecret, pluginUsers, secret,
                r.integer("ALBUMS_MAX_UPLOAD_BYTES", 4L << 30),
                r.integer("ALBUMS_MAX_VIEW_TOKEN_SECONDS", 5 * 3600),
                r.integer("ALBUMS_MAX_UPLOAD_TOKEN_SECONDS", 7L * 24 * 3600),
                new DicomSettings(r.get("ALBUMS_DICOM_HOST").orElse(orthancUrl.getHost()), (int) r.integer("ALBUMS_DICOM_PORT", 4242),
                        List.of(r.get("ALBUMS_DICOM_TRUSTED_AETS").orElse("ORTHANC").split("\\s*,\\s*"))),
                r.accessLog(),
                r.integer("ALBUMS_ORTHANC_TIMEOUT_SECONDS", 30),
                r.pluginSettings(orthancUrl));
        if (!r.problems.isEmpty()) {
            throw new InvalidConfigException(r.problems);
        }
        return config;
    }

    private static final class Reader {
        final Map<String, String> env;
        final Path secretsDir;
        final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env, Path secretsDir) {
            this.env = env;
            this.secretsDir = secretsDir;
        }

        AccessLog accessLog() {
            String value = get("ALBUMS_ACCESS_LOG").orElse("api");
            try {
                return AccessLog.valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("ALBUMS_ACCESS_LOG must be all, api or off (not '" + value + "')");
                return AccessLog.API;
            }
        }

        Optional<String> get(String name) {
            String value = env.get(name);
            if ((value == null || value.isBlank()) && secretsDir != null) {
                Path file = secretsDir.resolve(name);
                if (Files.isReadable(file)) {
                    try {
                        value = Files.readString(file, StandardCharsets.UTF_8).strip();
                    } catch (IOException e) {
                        problems.add(name + ": cannot read " + file + " (" + e.getMessage() + ")");
                    }
                }
            }
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        String required(String name, String what) {
            Optional<String> value = get(name);
            if (value.isEmpty()) {
                problems.add(name + " is not set: " + what);
            }
            return value.orElse(null);
        }

        long integer(String name, long fallback) {
            Optional<String> value = get(name);
            try {
                long parsed = value.map(Long::parseLong).orElse(fallback);
                if (parsed <= 0) {
                    problems.add(name + " must be a positive number, not " + parsed);
                }
                return parsed;
            } catch (NumberFormatException e) {
                problems.add(name + " must be a number, not '" + value.orElse("") + "'");
                return fallback;
            }
        }

        int integer(String name, int fallback) {
            long value = integer(name, (long) fallback);
            if (value > 65535) {
                problems.add(name + " must be a port number (1-65535), not " + value);
            }
            return (int) value;
        }

        URI uri(String name, String fallback) {
            String value = get(name).orElse(fallback);
            try {
                URI uri = new URI(value);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    problems.add(name + " must be an http(s) URL, not '" + value + "'");
                }
                return uri;
            } catch (Exception e) {
                problems.add(name + " is not a valid URL: '" + value + "'");
                return URI.create("http://invalid");
            }
        }

        PluginSettings pluginSettings(URI orthancUrl) {
            long validity = integer("ALBUMS_PROFILE_VALIDITY_SECONDS", 5L);
            if (validity > 10) {
                problems.add("ALBUMS_PROFILE_VALIDITY_SECONDS must be at most 10, so that removed members lose access quickly");
            }
            List<String> audiences = List.of(get("ALBUMS_ACCEPTED_AUDIENCES")
                    .orElse(get("KEYCLOAK_SERVER_CLIENT_ID").orElse("albums-server") + "," + get("KEYCLOAK_CLIENT_ID").orElse("albums-desktop"))
                    .split("\\s*,\\s*"));
            List<String> anonymousPermissions = List.of();
            List<String> anonymousLabels = List.of();
            Optional<String> anonymous = get("ALBUMS_ANONYMOUS_PROFILE");
            if (anonymous.isPresent()) {
                try {
                    Map<String, List<String>> profile = new ObjectMapper().readValue(anonymous.get(),
                            new TypeReference<Map<String, List<String>>>() { });
                    anonymousPermissions = List.copyOf(profile.getOrDefault("permissions", List.of()));
                    anonymousLabels = List.copyOf(profile.getOrDefault("authorized-labels", List.of()));
                } catch (IOException e) {
                    problems.add("ALBUMS_ANONYMOUS_PROFILE must be JSON like {\"permissions\":[],\"authorized-labels\":[]}");
                }
            }
            String ohif = get("ALBUMS_OHIF_DATA_SOURCE").orElse("dicom-web");
            if (!ohif.equals("dicom-web") && !ohif.equals("dicom-json")) {
                problems.add("ALBUMS_OHIF_DATA_SOURCE must be dicom-web or dicom-json, not '" + ohif + "'");
            }
            return new PluginSettings((int) validity, audiences, anonymousPermissions, anonymousLabels,
                    get("ALBUMS_SERVER_ID").orElse(null),
                    withSlash(get("ALBUMS_PUBLIC_ORTHANC_ROOT").orElse(orthancUrl.toString())),
                    get("ALBUMS_PUBLIC_LANDING_ROOT").orElse(null),
                    get("ALBUMS_PUBLIC_OHIF_ROOT").map(Reader::withSlash).orElse(null),
                    ohif);
        }

        private static String withSlash(String url) {
            return url.endsWith("/") ? url : url + "/";
        }

        Map<String, String> pluginUsers() {
            Optional<String> json = get("ALBUMS_PLUGIN_USERS");
            if (json.isEmpty()) {
                problems.add("ALBUMS_PLUGIN_USERS is not set: JSON {\"user\":\"password\"} for Orthanc's authorization plugin");
                return Map.of();
            }
            try {
                Map<String, String> users = new ObjectMapper().readValue(json.get(), new TypeReference<Map<String, String>>() { });
                if (users.isEmpty() || users.values().stream().anyMatch(p -> p == null || p.isBlank())) {
                    problems.add("ALBUMS_PLUGIN_USERS must name at least one user, each with a non-empty password");
                }
                return Map.copyOf(users);
            } catch (IOException e) {
                problems.add("ALBUMS_PLUGIN_USERS is not a JSON object of user names to passwords");
                return Map.of();
            }
        }
    }
}
