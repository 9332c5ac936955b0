package dev.launch.cli;

import dev.launch.ports.PortProbe;
import dev.launch.util.Json;
import dev.launch.util.Threads;
import dev.launch.yaml.YamlReadAhead;

/**
 * What a command that allocates ports needs soon and need not wait for ports.yaml: the profile's
 * text, the first socket (the JDK looks through every jar for a SelectorProvider) and Jackson's
 * first use. Done on another core while the command reads ports.yaml, they cost it nothing.
 */
final class Prepare {
    private Prepare() {}

    /** Starts the work on a daemon thread; {@code profileText} must stay open until the profile is read. */
    static void ahead(YamlReadAhead profileText) {
        Threads.startDaemon("prepare", () -> {
            try {
                profileText.run();
                PortProbe.prepare();
                Json.prepare();
            } catch (RuntimeException | LinkageError e) {
                // the command meets the same failure where it uses them, and reports it there
            }
        });
    }
}
