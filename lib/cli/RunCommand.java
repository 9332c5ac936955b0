package dev.launch.cli;

import dev.launch.config.Profile;
import dev.launch.config.ProfileLoader;
import dev.launch.config.Template;
import dev.launch.envfile.EnvFile;
import dev.launch.proc.ProcessTree;
import dev.launch.proc.Processes;
import dev.launch.project.Project;
import dev.launch.registry.Allocator;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.run.Banner;
import dev.launch.run.FrontendHint;
import dev.launch.run.LogMux;
import dev.launch.run.Reaper;
import dev.launch.run.RenderedProcess;
import dev.launch.run.Supervisor;
import dev.launch.run.Watchdog;
import dev.launch.util.Colors;
import dev.launch.util.LaunchException;
import dev.launch.util.Suggest;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code launch [PROFILE]}: allocate a block under the registry lock, register the run, start
 * the watchdog, write the env files, start the stack, print the banner, stream the logs, and on
 * Ctrl-C, SIGTERM, SIGHUP or a failure, tear it all down again. Mixed into the top command.
 */
public final class RunCommand implements Callable<Integer> {
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROFILE", completionCandidates = Candidates.Profiles.class, description = "profile to run (default: dev)")
    String profileArg;

    @Option(names = "--profile", paramLabel = "NAME", completionCandidates = Candidates.Profiles.class, description = "profile to run (same as the PROFILE argument)")
    String profileOption;

    @Option(names = "--grace", paramLabel = "DURATION",
            description = "how long processes get between SIGTERM and SIGKILL (default: the profile's grace, else 5s)")
    Duration grace;

    @Override
    public Integer call() {
        GlobalOptions options = GlobalOptions.of(spec);
        PrintWriter err = spec.commandLine().getErr();
        if (profileArg != null && profileOption != null && !profileArg.equals(profileOption)) {
            throw LaunchException.usage("two profiles given: " + profileArg + " and --profile " + profileOption + "; pick one");
        }
        Project project = options.project(err);
        String name = profileOption != null ? profileOption : profileArg;
        if (name != null && !ProfileLoader.names(options.profilesDir()).contains(name)) {
            // `launch stauts` is more likely a mistyped command than a profile
            java.util.Set<String> commands = spec.subcommands().keySet();
            Suggest.closest(name, commands).ifPresent(command -> {
                throw LaunchException.usage("no profile or command \"" + name + "\"; did you mean the command \"" + command
                        + "\"? (profiles: " + String.join(", ", ProfileLoader.names(options.profilesDir())) + ")");
            });
        }
        Profile profile = project.profile(name);
        Duration graceFor = graceFor(profile);
        Path root = options.profilesDir().toAbsolutePath().normalize().getParent();
        Registry registry = project.registry();
        String token = ProcessTree.newToken();
        Allocator.Request request = project.request(profile, List.of());
        long started = System.nanoTime();

        Allocator.Allocation[] allocated = new Allocator.Allocation[1];
        Instance registered = registry.locked(session -> {
            Allocator.Allocation a = project.allocator().allocate(session.holders(), request);
            allocated[0] = a;
            Instance i = new Instance(Instance.FORMAT, session.nextId(profile.name()), profile.name(), Instance.Kind.RUN,
                    a.range(), a.blockStart(), a.blockCount(), a.ports(), ProcessHandle.current().pid(),
                    Processes.currentStart(), System.currentTimeMillis(), 0, token, root.toString(), null, List.of(), List.of());
            session.put(i);
            return i;
        });
        String id = registered.id();
        Allocator.Allocation allocation = allocated[0];
        Function<String, String> lookup = key -> lookup(key, registered);

        Watchdog watchdog = null;
        List<EnvFile.Backup> backups = new ArrayList<>();
        List<FrontendHint.NotWritten> notWritten = new ArrayList<>();
        try {
            watchdog = Watchdog.start(registry.dir(), id, token, graceFor);
            long watchdogPid = watchdog.pid();
            registry.locked(session -> {
                List<EnvFile.Backup> others = session.live().stream().filter(i -> !i.id().equals(id))
                        .flatMap(i -> i.envFiles().stream()).toList();
                for (Profile.EnvFileSpec f : profile.envFiles()) {
                    Path file = root.resolve(Template.render(f.path(), lookup));
                    Map<String, String> values = new LinkedHashMap<>();
                    f.values().forEach((k, v) -> values.put(k, Template.render(v, lookup)));
                    java.util.Optional<String> owner = EnvFile.managedBy(file, others);
                    if (owner.isPresent()) {
                        notWritten.add(new FrontendHint.NotWritten(file, owner.get(), values));
                        continue;
                    }
                    backups.add(EnvFile.apply(file, values, id));
                    session.put(registered.withEnvFiles(backups).withWatchdog(watchdogPid));
                }
                session.put(registered.withEnvFiles(backups).withWatchdog(watchdogPid));
                return null;
            });
        } catch (Exception e) {
            if (watchdog != null) {
                watchdog.done();
            }
            undo(registry, id, backups, err);
            throw e instanceof LaunchException le ? le
                    : LaunchException.failure("cannot start the watchdog of " + id + ": " + e.getMessage());
        }

        FrontendHint.warn(err, registered, profile, root, notWritten);

        List<RenderedProcess> processes = new ArrayList<>();
        for (Profile.ProcessSpec p : profile.processes().values()) {
            processes.add(RenderedProcess.render(p, lookup, root, id, allocation.ports()));
        }
        LogMux logs = new LogMux(System.out, profile.processes().keySet(), Colors.wanted(options.color()));
        Watchdog dog = watchdog;
        RunState state = new RunState(registry, id, dog);
        Supervisor supervisor = new Supervisor(processes, token, graceFor, logs, err, options.quiet(), state::changed);
        supervisor.spare(dog.pid());
        supervisor.afterTeardown(() -> {
            undo(registry, id, backups, err);
            dog.done();
        });
        supervisor.allReady().thenRun(() -> logs.plain(Banner.render(registered, allocation, profile, backups, notWritten, root,
                Duration.ofNanos(System.nanoTime() - started), logs.color())));
        Thread hook = new Thread(supervisor::stop, "launch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return supervisor.run();
    }

    private Duration graceFor(Profile profile) {
        if (grace == null) {
            return profile.grace() != null ? profile.grace() : DEFAULT_GRACE;
        }
        return grace;
    }

    static String lookup(String key, Instance instance) {
        if (key.startsWith("ports.")) {
            Integer port = instance.ports().get(key.substring("ports.".length()));
            return port == null ? null : port.toString();
        }
        if (key.startsWith("env.")) {
            return System.getenv(key.substring("env.".length()));
        }
        return switch (key) {
            case "instance.id" -> instance.id();
            case "profile" -> instance.profile();
            case "range" -> instance.range();
            default -> null;
        };
    }

    /** Env files get their earlier content back; the registry entry goes. Problems are reported, not thrown. */
    private static void undo(Registry registry, String id, List<EnvFile.Backup> backups, PrintWriter err) {
        Reaper.restore(backups).forEach(problem -> err.println("launch: " + problem));
        try {
            registry.locked(session -> {
                session.remove(id);
                return null;
            });
        } catch (LaunchException e) {
            err.println("launch: " + e.getMessage());
        }
        err.flush();
    }

    /** Keeps the registry entry's process list and the watchdog's pid list in step with the stack. */
    private static final class RunState {
        private final Registry registry;
        private final String id;
        private final Watchdog watchdog;
        private final Map<String, Instance.ProcessInfo> processes = new LinkedHashMap<>();

        RunState(Registry registry, String id, Watchdog watchdog) {
            this.registry = registry;
            this.id = id;
            this.watchdog = watchdog;
        }

        synchronized void changed(Instance.ProcessInfo info) {
            processes.put(info.name(), info);
            if (info.state().equals("running") && info.pid() > 0) {
                watchdog.track(info.pid(), info.pidStart());
            }
            List<Instance.ProcessInfo> now = List.copyOf(processes.values());
            try {
                registry.locked(session -> {
                    session.find(id).ifPresent(i -> session.put(i.withProcesses(now)));
                    return null;
                });
            } catch (LaunchException e) {
                // the registry is advisory while running; teardown does not depend on it
            }
        }
    }
}
