package dev.launch.ports;

import dev.launch.util.Platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** How a port's holder is named: its command line, cut short. */
final class ProcessCommand {
    private static final int MAX_COMMAND = 200;

    private ProcessCommand() {}

    /** The command line of a process (NULs as spaces), else its name, else "unknown". */
    static String of(long pid) {
        if (Platform.portable()) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine().or(() -> h.info().command()))
                    .map(ProcessCommand::shorten).orElse("unknown");
        }
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
            String line = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            if (!line.isEmpty()) {
                return shorten(line);
            }
            return Files.readString(dir.resolve("comm")).trim();
        } catch (IOException e) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("unknown");
        }
    }

    private static String shorten(String line) {
        return line.length() > MAX_COMMAND ? line.substring(0, MAX_COMMAND - 1) + "…" : line;
    }
}
