package dev.launch.cli;

import java.util.Iterator;
import java.util.List;

/**
 * Completion candidates that change while the shell is open (profiles, running instances, their
 * processes, ranges). picocli writes candidates into the completion script when the script is
 * made, so each of these yields one marker instead, which {@link CompletionCommand} turns into a
 * call back into the launcher ({@code __complete KIND}, answered by {@link Complete}).
 */
public final class Candidates {
    private Candidates() {}

    static String marker(String kind) {
        return "__launch_complete_" + kind + "__";
    }

    public static final class Profiles implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of(marker(Complete.PROFILES)).iterator();
        }
    }

    public static final class Instances implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of(marker(Complete.INSTANCES)).iterator();
        }
    }

    public static final class Processes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of(marker(Complete.PROCESSES)).iterator();
        }
    }

    public static final class Ranges implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of(marker(Complete.RANGES)).iterator();
        }
    }
}
