package dev.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shape of lib/: the package graph has no cycle, the README's code map matches the tree, nothing cites files outside the repo. */
class ArchitectureTest {
    static final Path HOME = Path.of(System.getenv().getOrDefault("LAUNCH_HOME", "..")).toAbsolutePath().normalize();
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.launch\\.(\\w+)\\.", Pattern.MULTILINE);

    @Test
    void thePackageGraphHasNoCycle() throws IOException {
        Map<String, Set<String>> uses = new HashMap<>();
        for (String pkg : packages()) {
            Set<String> targets = new TreeSet<>();
            try (Stream<Path> files = Files.list(HOME.resolve("lib").resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = IMPORT.matcher(Files.readString(f));
                    while (m.find()) {
                        if (!m.group(1).equals(pkg)) {
                            targets.add(m.group(1));
                        }
                    }
                }
            }
            uses.put(pkg, targets);
        }
        for (String start : uses.keySet()) {
            List<String> cycle = cycleFrom(start, start, uses, new ArrayList<>(List.of(start)), new HashSet<>());
            assertTrue(cycle == null, "package cycle: " + cycle);
        }
    }

    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> uses, List<String> path, Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            List<String> longer = new ArrayList<>(path);
            longer.add(next);
            if (next.equals(start)) {
                return longer;
            }
            if (seen.add(next)) {
                List<String> found = cycleFrom(start, next, uses, longer, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void theReadmeCodeMapNamesEveryPackageOfLibAndNoOther() throws IOException {
        Set<String> mapped = new TreeSet<>();
        String readme = Files.readString(HOME.resolve("README.md"));
        int at = readme.indexOf("| package | what it holds |");
        assertTrue(at >= 0, "the README has a code map table (| package | what it holds |)");
        for (String line : readme.substring(at).lines().skip(2).takeWhile(l -> l.strip().startsWith("|")).toList()) {
            Matcher m = Pattern.compile("^\\| `(\\w+)` \\|").matcher(line.strip());
            assertTrue(m.find(), "a code map row: " + line);
            mapped.add(m.group(1));
        }
        assertEquals(new TreeSet<>(packages()), mapped);
    }

    @Test
    void nothingInLibOrDocsCitesAFileOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        for (String dir : List.of("lib", "docs")) {
            try (Stream<Path> files = Files.walk(HOME.resolve(dir))) {
                for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".png")).toList()) {
                    String text = Files.readString(f);
                    if (text.contains("SPEC.md") || text.contains("../shared")) {
                        found.add(HOME.relativize(f).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theLauncherRunsWithTheFlagsOfJvmFlags() throws IOException {
        String options = Files.readAllLines(HOME.resolve("lib/launch.java")).stream().filter(l -> l.startsWith("//JAVA_OPTIONS "))
                .findFirst().orElseThrow();
        List<String> flags = List.of(options.substring("//JAVA_OPTIONS ".length()).trim().split("\\s+"));
        assertTrue(flags.containsAll(dev.launch.util.JvmFlags.LEAN), options + " lacks some of " + dev.launch.util.JvmFlags.LEAN);
    }

    /** A bind probe spawned into a child reads as a busy port (util.Spawn): so every process lib starts goes through Spawn. */
    @Test
    void everyProcessLibStartsGoesThroughSpawn() throws IOException {
        Pattern builderVar = Pattern.compile("ProcessBuilder\\s+(\\w+)\\s*=");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(HOME.resolve("lib"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.endsWith(Path.of("util", "Spawn.java"))) {
                    continue;
                }
                String text = Files.readString(f);
                Set<String> names = new HashSet<>();
                for (Matcher m = builderVar.matcher(text); m.find(); ) {
                    names.add(m.group(1));
                }
                for (String statement : text.split(";")) {
                    boolean startsABuilder = statement.contains("new ProcessBuilder(") && statement.contains(".start()")
                            && !statement.contains("Spawn.start(");
                    boolean startsAVariable = names.stream().anyMatch(n -> statement.contains(n + ".start()"));
                    if (startsABuilder || startsAVariable || statement.contains("Runtime.getRuntime().exec(")) {
                        found.add(HOME.relativize(f) + ": " + statement.strip().replaceAll("\\s+", " "));
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    private static List<String> packages() throws IOException {
        try (Stream<Path> dirs = Files.list(HOME.resolve("lib"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
