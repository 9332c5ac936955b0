package dev.launch.registry;

import dev.launch.ports.PortRange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STATE/sticky.json: the block each checkout had last time, per profile; damage only forgets. */
class StickyRangesFileTest {
    @TempDir
    Path state;

    @Test
    void remembersABlockPerCheckoutAndProfile() throws Exception {
        StickyRanges sticky = new StickyRanges(state);
        sticky.remember("/src/main", "dev", new PortRange("DEVELOPMENT", 25001, 4));
        sticky.remember("/src/feature", "dev", new PortRange("SECONDARY_DEV", 25101, 4));
        sticky.remember("/src/main", "dev", new PortRange("TERTIARY_DEV", 25201, 4));
        assertEquals(Optional.of(new PortRange("TERTIARY_DEV", 25201, 4)), sticky.last("/src/main", "dev"));
        assertEquals(Optional.of(new PortRange("SECONDARY_DEV", 25101, 4)), sticky.last("/src/feature", "dev"));
        assertEquals(Optional.empty(), sticky.last("/src/main", "other"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(state.resolve("sticky.json"))));
    }

    @Test
    void aDamagedFileOrEntryIsForgottenNotAnError() throws Exception {
        Files.writeString(state.resolve("sticky.json"), "{ not json");
        StickyRanges sticky = new StickyRanges(state);
        assertEquals(Optional.empty(), sticky.last("/src/main", "dev"));
        Files.writeString(state.resolve("sticky.json"), "{\"dev /src/main\": {\"range\": \"A\", \"blockStart\": 70000, \"blockCount\": 4}}");
        assertEquals(Optional.empty(), sticky.last("/src/main", "dev"));
        sticky.remember("/src/main", "dev", new PortRange("A", 25001, 4));
        assertEquals(Optional.of(new PortRange("A", 25001, 4)), sticky.last("/src/main", "dev"));
    }

    @Test
    void keepsOnlyTheNewestEntries() throws Exception {
        StickyRanges sticky = new StickyRanges(state);
        for (int i = 0; i < StickyRanges.MAX_ENTRIES + 5; i++) {
            sticky.remember("/src/c" + i, "dev", new PortRange("A", 25001, 4));
        }
        assertEquals(Optional.empty(), sticky.last("/src/c0", "dev"));
        assertEquals(Optional.of(new PortRange("A", 25001, 4)), sticky.last("/src/c" + (StickyRanges.MAX_ENTRIES + 4), "dev"));
    }
}
