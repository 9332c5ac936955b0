package dev.launch.testing;


import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * A running launcher of a stack made to be lived with: a talker (a prompt without a newline, then
 * an HTTP server that is ready on p0), a ticker (a numbered line every 200 ms) and a stubborn
 * process that ignores SIGTERM (only SIGKILL ends it).
 */
public final class LiveStack {
    public static final String PROCESSES = """
            processes:
              talker:
                command: [sh, -c, 'echo "hello from talker $$"; printf "prompt> "; exec python3 -m http.server --bind 127.0.0.1 $P0_PORT']
                ready: { tcp: "${ports.p0}" }
              ticker:
                command: [sh, -c, 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.2; done']
              stubborn:
                command: [sh, -c, 'trap "echo ignoring TERM" TERM; echo stubborn up; while true; do sleep 0.2; done']
            """;

    private LiveStack() {}

    public static void writeProfile(TestProject project, String processes) throws Exception {
        project.withChain(1, 2, false);
        String ports = Files.readString(project.profiles.resolve("app.yaml"));
        project.writeProfile("app", ports + processes);
    }

    /** Starts the stack (with a 2s grace unless {@code options} give one) and waits for its banner. */
    public static LaunchedStack up(TestProject project, String... options) throws Exception {
        writeProfile(project, PROCESSES);
        LaunchedStack stack = List.of(options).contains("--grace") ? LaunchedStack.startWith(project, options) : LaunchedStack.start(project, options);
        if (!stack.awaitUp(Duration.ofSeconds(60))) {
            throw new AssertionError("the stack did not come up:\n" + String.join("\n", stack.out) + "\n" + String.join("\n", stack.err));
        }
        return stack;
    }
}
