package dev.launch.config;

import dev.launch.testing.ConfigFiles;

import static dev.launch.testing.ConfigFiles.problemsOf;
import static dev.launch.testing.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileNamesTest {
    @TempDir
    Path dir;

    @Test
    void namesAreTheYamlFilesSorted() {
        // created neither in order nor in reverse: a listing in directory order is not sorted by chance
        for (String name : List.of("web", "dev", "zeta", "alpha", "mid")) {
            write(dir, "profiles/" + name + ".yaml", "x: 1\n");
        }
        write(dir, "profiles/notes.txt", "x\n");
        write(dir, "profiles/.yaml", "x: 1\n");
        write(dir, "profiles/services/Backend.java", "class B {}\n");
        assertEquals(List.of("alpha", "dev", "mid", "web", "zeta"), ProfileLoader.names(dir.resolve("profiles")));
        assertEquals(List.of(), ProfileLoader.names(dir.resolve("missing")));
    }

    @Test
    void unknownProfileListsTheAvailableOnesWithDidYouMean() {
        write(dir, "profiles/dev.yaml", "x: 1\n");
        write(dir, "profiles/my-orchestrator.yaml", "x: 1\n");
        PortsConfig config = ConfigFiles.ports(dir);
        Path profiles = dir.resolve("profiles");
        assertEquals(List.of(profiles + ": no profile \"dve\"; did you mean \"dev\"? (available: dev, my-orchestrator)"),
                problemsOf(() -> ProfileLoader.load(profiles, "dve", config)));
        assertEquals(List.of(profiles + ": no profile \"zzz\" (available: dev, my-orchestrator)"),
                problemsOf(() -> ProfileLoader.load(profiles, "zzz", config)));
        assertEquals(List.of(profiles + ": no profile \"../dev\" (available: dev, my-orchestrator)"),
                problemsOf(() -> ProfileLoader.load(profiles, "../dev", config)));
    }

    @Test
    void missingProfilesDirectoryIsAnErrorSayingHowToFixIt() {
        PortsConfig config = ConfigFiles.ports(dir);
        Path profiles = dir.resolve("nope");
        assertEquals(List.of(profiles + ": profiles directory not found; create it with one NAME.yaml per profile, "
                        + "or point --profiles at one"),
                problemsOf(() -> ProfileLoader.load(profiles, "dev", config)));
    }

    @Test
    void emptyProfileIsAnError() {
        write(dir, "profiles/e.yaml", "\n# nothing\n");
        PortsConfig config = ConfigFiles.ports(dir);
        assertEquals(List.of(dir.resolve("profiles/e.yaml") + ": is empty; a profile needs at least \"ports:\" with names and ranges"),
                problemsOf(() -> ProfileLoader.load(dir.resolve("profiles"), "e", config)));
    }
}
