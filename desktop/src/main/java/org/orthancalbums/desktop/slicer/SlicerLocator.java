package org.orthancalbums.desktop.slicer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where 3D Slicer is installed, newest version first: Windows installs per user under
 * {@code %LOCALAPPDATA%\slicer.org\Slicer <version>} (older installers: {@code NA-MIC}), macOS in
 * {@code /Applications} or {@code ~/Applications}, Linux is a tarball unpacked anywhere (the
 * {@code Slicer} on PATH, {@code ~/Slicer*}, {@code /opt/Slicer*}). The user's choice in Settings wins.
 */
public final class SlicerLocator {
    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)*)");

    private final String os;
    private final Map<String, String> env;
    private final Path home;
    private final Path root;

    /** {@code root}: "/" on Linux and macOS (tests pass a folder that plays the whole disk). */
    public SlicerLocator(String osName, Map<String, String> env, Path home, Path root) {
        this.os = osName.toLowerCase(Locale.ROOT);
        this.env = env;
        this.home = home;
        this.root = root;
    }

    public static SlicerLocator forThisComputer() {
        Path home = Path.of(System.getProperty("user.home"));
        return new SlicerLocator(System.getProperty("os.name"), System.getenv(), home, home.getRoot());
    }

    /** The program to start: the chosen one if it still is a program, else the newest one found. */
    public Optional<Path> find(String chosen) {
        if (chosen != null && !chosen.isBlank()) {
            Path path = Path.of(chosen.strip());
            if (isProgram(path)) {
                return Optional.of(path);
            }
        }
        return candidates().stream().findFirst();
    }

    /** Every Slicer program found in the usual places, newest version first. */
    public List<Path> candidates() {
        List<Path> found = new ArrayList<>();
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            if (local != null && !local.isBlank()) {
                for (String vendor : new String[] {"slicer.org", "NA-MIC"}) {
                    children(Path.of(local, vendor), "Slicer*").forEach(dir -> found.add(dir.resolve("Slicer.exe")));
                }
            }
            onPath("Slicer.exe").ifPresent(found::add);
        } else if (os.startsWith("mac")) {
            for (Path applications : List.of(root.resolve("Applications"), home.resolve("Applications"))) {
                children(applications, "Slicer*.app").forEach(app -> found.add(app.resolve("Contents/MacOS/Slicer")));
            }
        } else {
            onPath("Slicer").ifPresent(found::add);
            for (Path parent : List.of(home, root.resolve("opt"))) {
                children(parent, "Slicer*").forEach(dir -> found.add(dir.resolve("Slicer")));
            }
        }
        return found.stream().filter(SlicerLocator::isProgram).distinct()
                .sorted(Comparator.comparing(SlicerLocator::version, SlicerLocator::newerFirst)).toList();
    }

    private Optional<Path> onPath(String program) {
        String path = env.getOrDefault("PATH", env.getOrDefault("Path", ""));
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir).resolve(program);
                if (isProgram(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static List<Path> children(Path parent, String glob) {
        List<Path> dirs = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return dirs;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent, glob)) {
            stream.forEach(dirs::add);
        } catch (IOException e) {
            // an unreadable folder holds no Slicer we could start
        }
        return dirs;
    }

    private static boolean isProgram(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /** The version in the Slicer folder's name ("Slicer 5.6.2", "Slicer-5.8.1-linux-amd64"); empty when none. */
    static List<Integer> version(Path program) {
        for (Path part = program; part != null; part = part.getParent()) {
            Path name = part.getFileName();
            if (name != null && name.toString().startsWith("Slicer")) {
                Matcher m = VERSION.matcher(name.toString());
                if (m.find()) {
                    List<Integer> numbers = new ArrayList<>();
                    for (String n : m.group(1).split("\\.")) {
                        numbers.add(n.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(n));
                    }
                    return numbers;
                }
            }
        }
        return List.of();
    }

    private static int newerFirst(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : -1;
            int y = i < b.size() ? b.get(i) : -1;
            if (x != y) {
                return Integer.compare(y, x);
            }
        }
        return 0;
    }
}
