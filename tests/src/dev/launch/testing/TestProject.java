package dev.launch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A throwaway project in a temp dir: ports.yaml with ranges above 20000, a profile, and a state
 * dir of its own. {@link #args} puts --config, --profiles and --state-dir in front of a command.
 */
public final class TestProject {
    public final Path root;
    public final Path config;
    public final Path profiles;
    public final Path state;

    public TestProject(Path root) throws IOException {
        this(root, root.resolve("ports.yaml"), root.resolve("state"));
    }

    private TestProject(Path root, Path config, Path state) throws IOException {
        this.root = root;
        this.config = config;
        this.profiles = Files.createDirectories(root.resolve("profiles"));
        this.state = state;
    }

    /** Another checkout at {@code otherRoot} (its own profiles/, a copy of this one's) sharing ports.yaml and the state dir. */
    public TestProject checkout(Path otherRoot) throws IOException {
        TestProject other = new TestProject(otherRoot, config, state);
        try (var files = Files.list(profiles)) {
            for (Path f : files.toList()) {
                Files.copy(f, other.profiles.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return other;
    }

    /** Ranges A, B, C... of {@code count} ports each, each at a free block, and a profile `app` chaining them. */
    public List<Integer> withChain(int ranges, int count, boolean scan) throws IOException {
        List<Integer> bases = new ArrayList<>();
        StringBuilder yaml = new StringBuilder("ranges:\n");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < ranges; i++) {
            int base;
            do {
                base = TestPorts.freeBlock(count);
            } while (overlapsAny(bases, base, count));
            bases.add(base);
            String name = "R" + (char) ('A' + i);
            names.add(name);
            yaml.append("  ").append(name).append(": { base: ").append(base).append(", count: ").append(count).append(" }\n");
        }
        Files.writeString(config, yaml.toString());
        StringBuilder portNames = new StringBuilder();
        for (int i = 0; i < count; i++) {
            portNames.append(i == 0 ? "" : ", ").append("p").append(i);
        }
        writeProfile("app", "description: test profile\nports:\n  names: [" + portNames + "]\n  ranges: ["
                + String.join(", ", names) + "]\n  scan: " + scan + "\n");
        return bases;
    }

    private static boolean overlapsAny(List<Integer> bases, int base, int count) {
        return bases.stream().anyMatch(b -> b <= base + count - 1 + 1 && base <= b + count - 1 + 1);
    }

    public Path writeProfile(String name, String yaml) throws IOException {
        return Files.writeString(profiles.resolve(name + ".yaml"), yaml);
    }

    public String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of("--config", config.toString(), "--profiles", profiles.toString(), "--state-dir", state.toString()));
        return all.toArray(String[]::new);
    }

    public Launcher.Result inProcess(String... command) {
        return Launcher.inProcess(args(command));
    }

    public Launcher.Result subprocess(String... command) {
        return Launcher.run(root, Map.of(), args(command));
    }
}
