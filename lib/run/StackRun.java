package dev.launch.run;

import dev.launch.config.Profile;
import dev.launch.envfile.EnvFile;
import dev.launch.logs.LogStore;
import dev.launch.proc.ProcessTree;
import dev.launch.project.Project;
import dev.launch.registry.Allocator;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One run of a profile, in named steps: {@link #reserve} a block and register the run, its
 * {@link #watchdog} started meanwhile, write the {@link #envFiles}, {@link #render} the processes, {@link #supervise}
 * them until they stop, and {@link #undo} what was done, whether a step failed or the stack ended.
 * A step that fails says which step it was.
 */
public final class StackRun {
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    /** Where the stack's logs and banner go, where the launcher's own messages go, and how. */
    public record Output(OutputStream logs, PrintWriter err, boolean quiet, boolean color) {}

    private final Project project;
    private final Profile profile;
    private final Duration grace;
    private final boolean strict;
    private final Output output;
    private final Path root;
    private final Registry registry;
    private final String token = ProcessTree.newToken();
    private final long started = System.nanoTime();
    private final List<EnvFile.Backup> backups = new ArrayList<>();
    private final List<FrontendHint.NotWritten> notWritten = new ArrayList<>();
    private Allocator.Allocation allocation;
    private Instance instance;
    private volatile boolean outputClosed;
    private Watchdog watchdog;
    private HandOverNotice handOverNotice;
    private LogStore logStore;
    private RunControl control;

    /** {@code grace} null: the profile's grace, else {@link #DEFAULT_GRACE}. */
    public StackRun(Project project, Profile profile, Duration grace, Output output) {
        this(project, profile, grace, false, output);
    }

    /** {@code strict}: only the chain's first range (as ports.strict: true). */
    public StackRun(Project project, Profile profile, Duration grace, boolean strict, Output output) {
        this.project = project;
        this.profile = profile;
        this.grace = grace != null ? grace : profile.grace() != null ? profile.grace() : DEFAULT_GRACE;
        this.strict = strict;
        this.output = output;
        this.root = project.locations().profilesDir().toAbsolutePath().normalize().getParent();
        this.registry = project.registry();
    }

    /** Runs the stack until it fails or is stopped, and cleans up after it: the launcher's exit code. */
    public int run() {
        if (profile.processes().isEmpty()) {
            throw LaunchException.usage("profile " + profile.name() + " has no processes to run; add some under processes:"
                    + " in " + profile.file() + ", or allocate its ports alone with: ports " + profile.name());
        }
        WatchdogStart watchdogStart = WatchdogStart.begin(registry.dir(), token, grace);
        try {
            reserve(watchdogStart);
        } catch (RuntimeException e) {
            watchdogStart.cancel();
            throw e;
        }
        Supervisor supervisor;
        try {
            control = RunControl.open(registry.dir(), instance.id(), output.err()); // up while the env files are written
            envFiles();
            supervisor = supervisor(render());
        } catch (RuntimeException e) {
            undo();
            throw e;
        }
        return supervise(supervisor);
    }

    /**
     * Takes a block and registers the run (see {@link Reservation}); the entry is written once the
     * {@link #watchdog} is up and knows the instance id.
     */
    private void reserve(WatchdogStart watchdogStart) {
        Reservation r = Reservation.take(project, profile, strict, root.toString(), token, grace, output.err(), entry -> {
            watchdog = watchdogStart.identified(entry.id());
            return entry.withWatchdog(watchdog.pid());
        });
        allocation = r.allocation();
        instance = r.instance();
    }

    /**
     * Writes each env file of the profile, unless another live instance manages it (then its values
     * are shown instead); the registry learns of each file as soon as it is written.
     */
    private void envFiles() {
        try {
            // Once the entry lists its targets, a stopping owner of a shared file may hand it over.
            List<Instance.EnvTarget> targets = EnvTargets.render(profile, instance, root);
            instance = instance.withFrontend(targets, instance.urls(), instance.sticky());
            registry.locked(session -> {
                List<EnvFile.Backup> others = session.live().stream().filter(i -> !i.id().equals(instance.id()))
                        .flatMap(i -> i.envFiles().stream()).toList();
                for (Instance.EnvTarget target : targets) {
                    Optional<String> owner = EnvFile.managedBy(target.file(), others);
                    if (owner.isPresent()) {
                        notWritten.add(new FrontendHint.NotWritten(target.file(), owner.get(), target.values()));
                        continue;
                    }
                    backups.add(EnvFile.apply(target.file(), target.values(), instance.id()));
                    session.put(instance.withEnvFiles(backups));
                }
                instance = instance.withEnvFiles(backups);
                session.put(instance);
                return null;
            });
        } catch (LaunchException e) {
            throw e;
        } catch (RuntimeException e) {
            throw LaunchException.failure("cannot write the env files of " + instance.id() + ": " + e.getMessage());
        }
        FrontendHint.warn(output.err(), instance, profile, root, notWritten);
    }

    /** Each process of the profile with its templates filled in for this instance. */
    private List<RenderedProcess> render() {
        Function<String, String> lookup = TemplateValues.of(instance);
        List<RenderedProcess> processes = new ArrayList<>();
        try {
            for (Profile.ProcessSpec p : profile.processes().values()) {
                processes.add(RenderedProcess.render(p, lookup, root, instance.id(), allocation.ports()));
            }
        } catch (IllegalArgumentException e) {
            throw LaunchException.usage("cannot prepare the processes of " + instance.id() + ": " + e.getMessage());
        }
        return processes;
    }

    private Supervisor supervisor(List<RenderedProcess> processes) {
        LogMux logs = new LogMux(output.logs(), profile.processes().keySet(), output.color());
        RunState state = new RunState(registry, instance.id(), watchdog, profile.processes().keySet());
        Supervisor supervisor = new Supervisor(processes, token, grace, logs, output.err(), output.quiet(), state);
        // Nobody reads the logs any more (`dev | head -3` and head is done): stop, as a pipeline expects.
        logs.onClosed(() -> {
            outputClosed = true;
            output.err().println("launch: standard output was closed (the reader of the pipe went away); stopping " + instance.id());
            output.err().flush();
            new Thread(supervisor::stop, "launch-output-closed").start();
        });
        supervisor.spare(watchdog.pid());
        keepLogs(logs);
        control.answerWith(new ControlHandler(supervisor));
        supervisor.afterTeardown(this::undo);
        handOverNotice = HandOverNotice.watch(registry, instance.id(), backups, root, output.err());
        supervisor.allReady().thenRun(() -> {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            state.settle(); // whoever waits for the banner finds every process ready in the registry
            control.awaitListening(); // and can reach the stack with restart, stop and start
            logs.plain(Banner.render(instance, allocation, profile, backups, notWritten, root, took, logs.color()));
        });
        return supervisor;
    }

    /** The stack's output also goes to files under the state dir (for `logs` and the web page); without them it still runs. */
    private void keepLogs(LogMux logs) {
        Path dir = LogStore.dir(registry.dir(), instance.id(), instance.createdAt());
        try {
            logStore = LogStore.create(dir, profile.processes().keySet());
            logs.keep(logStore);
        } catch (IOException | RuntimeException e) {
            output.err().println("launch: warning: cannot keep log files in " + dir + " (" + e.getMessage() + "); `logs` will not see this run");
        }
    }

    /** Starts the processes and blocks until the stack has failed or been stopped and is torn down. */
    private int supervise(Supervisor supervisor) {
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::stop, "launch-shutdown"));
        Signals.install(supervisor, output.err());
        int exit = supervisor.run();
        return outputClosed ? ExitCode.OUTPUT_CLOSED : exit;
    }

    /**
     * Env files get their earlier content back (or pass to another instance), the registry entry goes, and the watchdog is told
     * it is not needed. Problems are reported, not thrown.
     */
    private void undo() {
        PrintWriter err = output.err();
        if (control != null) {
            control.close();
        }
        if (handOverNotice != null) {
            handOverNotice.stop();
        }
        List<EnvFileRestore.Unrestored> left = new ArrayList<>();
        try {
            // Under the lock, from the entry as the registry has it (with any file handed to this
            // instance since it started): each env file passes to the next instance using it, or
            // gets its earlier content back; then the entry goes.
            registry.locked(session -> {
                Optional<Instance> me = session.find(instance.id());
                left.addAll(me.isEmpty() ? EnvFileRestore.restore(backups)
                        : EnvFileHandOver.release(session, me.get(), line -> err.println("launch: " + line)));
                left.forEach(u -> err.println("launch: " + u.problem()));
                if (left.isEmpty()) {
                    session.remove(instance.id());
                } else {
                    // The entry holds the only copy of what those files held: `prune` restores them later.
                    session.put(me.orElse(instance).withEnvFiles(left.stream().map(EnvFileRestore.Unrestored::backup).toList()));
                }
                return null;
            });
            if (!left.isEmpty()) {
                err.println("launch: the earlier content of " + left.size() + " env file(s) is kept in the registry;"
                        + " once the file can be written, `prune` puts it back");
            }
        } catch (LaunchException e) {
            err.println("launch: " + e.getMessage());
        }
        if (logStore != null) {
            logStore.close();
            LogStore.delete(logStore.dir());
        }
        if (watchdog != null) {
            watchdog.done();
        }
        err.flush();
    }
}
