package org.orthancalbums.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.albums.AlbumAction;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.scan.ScanResult;

/** Both languages say everything the code asks for, with the same placeholders, in valid MessageFormat patterns. */
class MessagesTest {
    /** A key given to t(…) directly or through a ternary inside it: t("a.b", …), t(x ? "a.b" : "a.c", …). */
    private static final Pattern LITERAL = Pattern.compile("(?:\\bt\\(|\\?|:)\\s*\"([a-z][A-Za-z]*(?:\\.[A-Za-z0-9]+)+)\"");
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    @Test
    void englishAndFrenchHaveTheSameKeysAndPlaceholders() throws IOException {
        Properties en = load("messages.properties");
        Properties fr = load("messages_fr.properties");
        assertThat(fr.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        for (String key : en.stringPropertyNames()) {
            assertThat(fr.getProperty(key)).as(key).isNotBlank();
            assertThat(arguments(fr.getProperty(key))).as("placeholders of " + key).isEqualTo(arguments(en.getProperty(key)));
            new MessageFormat(en.getProperty(key)); // throws on a broken pattern
            new MessageFormat(fr.getProperty(key));
        }
    }

    @Test
    void everyKeyTheCodeNamesExists() throws IOException {
        Properties en = load("messages.properties");
        Set<String> prefixes = new HashSet<>();
        en.stringPropertyNames().forEach(k -> prefixes.add(k.substring(0, k.indexOf('.') + 1)));
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL.matcher(Files.readString(source));
                while (m.find()) {
                    String key = m.group(1);
                    if (prefixes.contains(key.substring(0, key.indexOf('.') + 1)) && !en.containsKey(key)) {
                        missing.add(key + " (" + source.getFileName() + ")");
                    }
                }
            }
        }
        for (AlbumRole role : AlbumRole.values()) {
            if (!en.containsKey("role." + role.name())) {
                missing.add("role." + role.name());
            }
        }
        for (AlbumAction action : AlbumAction.values()) {
            if (!en.containsKey("action." + action.name())) {
                missing.add("action." + action.name());
            }
        }
        for (ScanResult.Why why : ScanResult.Why.values()) {
            if (!en.containsKey("scan.why." + why.name())) {
                missing.add("scan.why." + why.name());
            }
        }
        for (String key : new String[] {"access.kind.upload", "access.kind.view", "details.sex.M", "details.sex.F", "details.sex.O"}) {
            if (!en.containsKey(key)) {
                missing.add(key);
            }
        }
        assertThat(missing).isEmpty();
    }

    private static Set<String> arguments(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(pattern);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/org/orthancalbums/desktop/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
