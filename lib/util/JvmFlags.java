package dev.launch.util;

import java.util.List;

/**
 * The flags of the short-lived JVMs launch starts: the launcher itself (launch.java's
 * //JAVA_OPTIONS holds the same, which a test checks) and the watchdog's cleanup. Quick start
 * (C1 only, the class-data archive when there is one) and no JVM chatter on stdout. G1, not the
 * serial GC: only with G1 does the JDK's own archive give its pre-built heap objects (the module
 * graph among them), which takes ~10 ms off every start (a hello world here: 46 -> 33 ms CPU);
 * it costs the long-running launcher ~3 MB of RSS.
 * Compiling methods only after ten times the usual calls: a run of a few hundred milliseconds
 * spends more CPU compiling than the compiled code saves (measured on `ports`: ~20% less CPU).
 */
public final class JvmFlags {
    public static final List<String> LEAN = List.of(
            "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1",
            "-XX:CompileThresholdScaling=10", "-Xshare:auto");

    private JvmFlags() {}
}
