package org.orthancalbums.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files of deploy/ as the deploy tests read them. */
final class DeployFiles {
    static final Path DIR = Path.of("..", "deploy");
    static final Path COMPOSE = DIR.resolve("docker-compose.yml");
    static final Path ENV_EXAMPLE = DIR.resolve(".env.example");
    static final Path ORTHANC = DIR.resolve("orthanc.json");
    static final Path REALM = DIR.resolve("realm").resolve("albums-realm.json");
    static final Path README = DIR.resolve("README.md");
    static final Path STACK_REALM = Path.of("..", "stack", "keycloak", "albums-realm.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    private DeployFiles() {
    }

    static JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** deploy/.env.example: NAME=value lines, comments and blank lines aside. */
    static Map<String, String> envExample() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ENV_EXAMPLE)) {
            int equals = line.indexOf('=');
            if (!line.isBlank() && !line.startsWith("#") && equals > 0) {
                values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return values;
    }

    /** The ${NAME} placeholders in a file, which its reader (Orthanc, Keycloak, docker-compose) takes from the environment. */
    static Set<String> placeholders(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Replaces ${NAME} placeholders as Orthanc and Keycloak do, from the given values. */
    static String resolve(String text, Map<String, String> values) {
        return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
    }
}
