package dev.launch.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A copy of the project in a temp dir, run through its own ./jbang: records, archives and built
 * jars go to temp dirs of the copy's {@code work} dir, JBang comes from {@link JbangCache}.
 */
public final class JbangProject {
    public record Run(int exit, String out, String err) {}

    static final Path ROOT = Path.of(System.getenv().getOrDefault("LAUNCH_HOME", "..")).toAbsolutePath().normalize();

    private final Path work;
    private final Path dir;
    private final Path jbangCache;

    private JbangProject(Path work, Path dir, Path jbangCache) {
        this.work = work;
        this.dir = dir;
        this.jbangCache = jbangCache;
    }

    /** Copies what ./jbang launch.java needs to WORK/NAME, keeping file times (as cp -p would). */
    public static JbangProject copy(Path work, String name, Path jbangCache) throws IOException {
        Path project = work.resolve(name);
        for (String part : List.of("launch.java", "jbang", "bin", "ports.yaml", "lib", "profiles")) {
            try (Stream<Path> all = Files.walk(ROOT.resolve(part))) {
                for (Path p : all.toList()) {
                    Path target = project.resolve(ROOT.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        return new JbangProject(work, project, jbangCache);
    }

    public Path dir() {
        return dir;
    }

    /** Where the reuse step keeps its records (LAUNCH_FAST_CACHE). */
    public Path fastCache() {
        return work.resolve("fast");
    }

    /** {@code ./jbang ARGS...} in the copy, with ENV on top of this JVM's environment. */
    public Run jbang(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(dir.resolve("jbang").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = builder(env, cmd);
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./jbang did not finish in 4 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** COMMAND in the copy, with its caches in the work dir (as for {@link #jbang}) and ENV on top; no LAUNCH_HOME. */
    public ProcessBuilder builder(Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("LAUNCH_HOME");
        pb.environment().put("LAUNCH_JBANG_CACHE", jbangCache.toString());
        pb.environment().put("LAUNCH_FAST_CACHE", fastCache().toString());
        pb.environment().put("JBANG_CACHE_DIR", work.resolve("jbang-cache").toString());
        pb.environment().putAll(env);
        return pb;
    }

    /**
     * An installed JBang at {@code launcher}: JBang's jar from {@code jbangCache} behind JBang's own
     * launcher protocol (exit 255: stdout is a command line to exec), noting each call's arguments
     * in {@code log}.
     */
    public static void installedJbang(Path launcher, Path log, Path jbangCache) throws IOException {
        Files.writeString(launcher, """
                #!/usr/bin/env bash
                echo "$*" >> '%s'
                output=$(java -classpath '%s/lib/*' dev.jbang.Main "$@")
                rc=$?
                if [[ $rc -eq 255 ]]; then eval "exec $output"; fi
                [[ -z $output ]] || printf '%%s\\n' "$output"
                exit $rc
                """.formatted(log, jbangCache));
        if (!launcher.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + launcher + " executable");
        }
    }

    /** This JVM's PATH without any directory that holds a jbang. */
    public static String pathWithoutJbang() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty() && !Files.isExecutable(Path.of(d, "jbang")))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
