package dev.launch.testing;

import dev.launch.cli.Cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * Runs the real command tree of launch.java: in this JVM (fast, captured out/err) or as a
 * separate process (real exit codes, signals, concurrency). The top command lives in the
 * unnamed package, so it is reached by name.
 */
public final class Launcher {
    public record Result(int exit, String out, String err) {}

    private Launcher() {}

    public static Object newTopCommand() {
        try {
            return Class.forName("launch").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Result inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.create(newTopCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** The java command line that runs launch.java's main with this JVM's classpath. */
    public static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xlog:disable");
        cmd.add("-Xlog:all=warning:stderr");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("launch");
        cmd.addAll(List.of(args));
        return cmd;
    }

    public static ProcessBuilder processBuilder(Path workDir, Map<String, String> env, String... args) {
        ProcessBuilder pb = new ProcessBuilder(javaCommand(args));
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs to completion (at most two minutes) and returns exit code, stdout and stderr. */
    public static Result run(Path workDir, Map<String, String> env, String... args) {
        return within(Duration.ofMinutes(2), workDir, env, args);
    }

    /** As {@link #run}, but an AssertionError (and the process killed) when it takes longer than {@code limit}. */
    public static Result within(Duration limit, Path workDir, Map<String, String> env, String... args) {
        try {
            ProcessBuilder pb = processBuilder(workDir, env, args);
            Path errFile = java.nio.file.Files.createTempFile("launch-err", ".txt");
            pb.redirectError(errFile.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            java.util.concurrent.CompletableFuture<byte[]> stdout = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("launch " + String.join(" ", args) + " did not finish in " + limit.toSeconds() + "s");
            }
            String out = new String(stdout.join(), StandardCharsets.UTF_8);
            String err = java.nio.file.Files.readString(errFile);
            java.nio.file.Files.deleteIfExists(errFile);
            return new Result(p.exitValue(), out, err);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
