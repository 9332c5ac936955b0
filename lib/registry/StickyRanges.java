package dev.launch.registry;

import dev.launch.ports.PortRange;
import dev.launch.util.Json;
import dev.launch.util.PrivateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The block each checkout (its directory) had last time, per profile, for {@code ports.sticky}:
 * {@code STATE/sticky.json}; a block is the range it came from (or "scan"), its first port and size. Read and written under the registry lock; a damaged file only
 * costs the memory of earlier blocks. The oldest entries go past {@link #MAX_ENTRIES}.
 */
public final class StickyRanges {
    static final int MAX_ENTRIES = 500;
    private static final long MAX_BYTES = 1 << 20;

    private final Path file;

    public StickyRanges(Path stateDir) {
        this.file = stateDir.resolve("sticky.json");
    }

    /** The block {@code profile} had last time in {@code checkout}, if remembered. */
    public Optional<PortRange> last(String checkout, String profile) {
        Map<String, Object> entry = entries().get(key(checkout, profile));
        if (entry == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PortRange((String) entry.get("range"), ((Number) entry.get("blockStart")).intValue(),
                    ((Number) entry.get("blockCount")).intValue()));
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Remembers {@code block} for {@code profile} in {@code checkout}. */
    public void remember(String checkout, String profile, PortRange block) throws IOException {
        Map<String, Map<String, Object>> entries = entries();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("checkout", checkout);
        entry.put("profile", profile);
        entry.put("range", block.name());
        entry.put("blockStart", block.base());
        entry.put("blockCount", block.count());
        entry.put("at", System.currentTimeMillis());
        entries.put(key(checkout, profile), entry);
        if (entries.size() > MAX_ENTRIES) {
            List<String> oldest = new ArrayList<>(entries.keySet());
            oldest.sort(Comparator.comparingLong(k -> at(entries.get(k))));
            oldest.subList(0, entries.size() - MAX_ENTRIES).forEach(entries::remove);
        }
        write(Json.write(entries));
    }

    private static String key(String checkout, String profile) {
        return profile + " " + checkout;
    }

    private static long at(Map<String, Object> entry) {
        return entry.get("at") instanceof Number n ? n.longValue() : 0;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> entries() {
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return entries;
            }
            if (Json.read(new String(PrivateFiles.read(file, MAX_BYTES), StandardCharsets.UTF_8)) instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    if (k instanceof String key && v instanceof Map<?, ?> entry) {
                        entries.put(key, (Map<String, Object>) entry);
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            // forgotten: the chain order applies, and the next run remembers afresh
        }
        return entries;
    }

    private void write(String json) throws IOException {
        PrivateFiles.writeAtomically(file, json.getBytes(StandardCharsets.UTF_8));
    }
}
