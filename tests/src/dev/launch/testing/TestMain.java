package dev.launch.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the JUnit Jupiter tests and prints one line per test to stderr, the failures in full, and
 * last, on stdout, "N passed, N failed, N skipped". Exits 1 when anything failed or nothing ran.
 * Arguments select classes ("AllocatorTest"), methods ("AllocatorTest#fallsBack") or packages
 * ("dev.launch.run.*"); none: all.
 */
public final class TestMain {
    public static void main(String[] args) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String arg : args) {
            if (arg.endsWith(".*")) {
                selectors.add(selectPackage(arg.substring(0, arg.length() - 2)));
                continue;
            }
            String cls = arg.contains("#") ? arg.substring(0, arg.indexOf('#')) : arg;
            String fqcn = cls.contains(".") ? cls : qualified(cls);
            selectors.add(arg.contains("#") ? selectMethod(fqcn + "#" + arg.substring(arg.indexOf('#') + 1)) : selectClass(fqcn));
        }
        if (selectors.isEmpty()) {
            selectors.add(selectPackage("dev.launch"));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter("junit.jupiter.execution.timeout.default", "5m")
                .build();
        Listener listener = new Listener(System.err);
        LauncherFactory.create().execute(request, listener);
        for (String failure : listener.failures) {
            System.err.println(failure);
        }
        String summary = listener.passed + " passed, " + listener.failed + " failed, " + listener.skipped + " skipped";
        System.out.println(summary);
        System.exit(listener.failed.get() > 0 || listener.passed.get() == 0 ? 1 : 0);
    }

    /** The package of a test named without one: the first class of that name under dev.launch. */
    private static String qualified(String simpleName) {
        try (var classes = java.nio.file.Files.walk(java.nio.file.Path.of(TestMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()))) {
            return classes.map(java.nio.file.Path::toString)
                    .filter(f -> f.endsWith(java.io.File.separator + simpleName + ".class"))
                    .map(f -> f.substring(f.indexOf("dev" + java.io.File.separator + "launch"), f.length() - ".class".length())
                            .replace(java.io.File.separatorChar, '.'))
                    .findFirst().orElse("dev.launch." + simpleName);
        } catch (Exception e) {
            return "dev.launch." + simpleName;
        }
    }

    private static final class Listener implements TestExecutionListener {
        final AtomicLong passed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final List<String> failures = new ArrayList<>();
        private final PrintStream log;
        private final java.util.Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

        public Listener(PrintStream log) {
            this.log = log;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            started.put(id.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                skipped.incrementAndGet();
                log.println("SKIP " + name(id) + ": " + reason);
            }
        }

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            entry.getKeyValuePairs().forEach((k, v) -> log.println("     " + name(id) + " " + k + ": " + v));
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            long ms = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
            if (!id.isTest()) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    failed.incrementAndGet();
                    record(id, result, ms);
                }
                return;
            }
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                passed.incrementAndGet();
                log.println("PASS " + name(id) + " (" + ms + " ms)");
            } else if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                skipped.incrementAndGet();
                log.println("SKIP " + name(id) + ": " + result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
            } else {
                failed.incrementAndGet();
                record(id, result, ms);
            }
        }

        private void record(TestIdentifier id, TestExecutionResult result, long ms) {
            log.println("FAIL " + name(id) + " (" + ms + " ms)");
            java.io.StringWriter sw = new java.io.StringWriter();
            result.getThrowable().ifPresent(t -> t.printStackTrace(new java.io.PrintWriter(sw)));
            synchronized (failures) {
                failures.add("---- FAILED: " + name(id) + "\n" + sw);
            }
        }

        private static String name(TestIdentifier id) {
            String legacy = id.getLegacyReportingName();
            return id.getSource().map(s -> {
                if (s instanceof org.junit.platform.engine.support.descriptor.MethodSource m) {
                    return m.getClassName().replaceFirst("^dev\\.launch\\.(\\w+\\.)?", "") + "#" + m.getMethodName();
                }
                if (s instanceof org.junit.platform.engine.support.descriptor.ClassSource c) {
                    return c.getClassName().replaceFirst("^dev\\.launch\\.(\\w+\\.)?", "");
                }
                return legacy;
            }).orElse(legacy);
        }
    }
}
