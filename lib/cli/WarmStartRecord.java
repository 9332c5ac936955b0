package dev.launch.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The app's half of ./jbang's reuse step (bin/jbang-reuse). When the wrapper missed, it names a
 * pending record in LAUNCH_FAST_RECORD (what JBang compiles, and their checksums) and lets
 * whichever JBang is installed build and start the app; the app then knows the one thing the
 * wrapper cannot learn from an installed JBang: the command line JBang started it with. It puts
 * that line on top, keeps the pending file's time (taken before the checksums) and renames the
 * record into place. Any failure only means the next run asks JBang again.
 */
final class WarmStartRecord {
    static final String VAR = "LAUNCH_FAST_RECORD";
    private static final String PENDING = ".cmd.tmp.";

    private WarmStartRecord() {}

    static void writeIfAsked() {
        String pending = System.getenv(VAR);
        if (pending == null || !pending.contains(PENDING)) {
            return;
        }
        try {
            Path tmp = Path.of(pending);
            String name = tmp.getFileName().toString();
            Path record = tmp.resolveSibling(name.substring(0, name.indexOf(PENDING) + 4));
            String line = commandLine();
            if (line == null || !Files.isRegularFile(tmp)) {
                return;
            }
            FileTime taken = Files.getLastModifiedTime(tmp);
            Path filled = tmp.resolveSibling(name + ".app");
            Files.writeString(filled, line + "\n" + Files.readString(tmp));
            Files.setLastModifiedTime(filled, taken);
            Files.move(filled, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(tmp);
        } catch (IOException | RuntimeException e) {
            // no record: the next run asks JBang again
        }
    }

    /** This JVM's command line without the app's arguments, shell-quoted; null when it is not a plain classpath start. */
    static String commandLine() {
        String java = ProcessHandle.current().info().command().orElse(null);
        String command = System.getProperty("sun.java.command", "");
        String main = command.split(" ", 2)[0];
        String classpath = System.getProperty("java.class.path");
        if (java == null || main.isEmpty() || main.endsWith(".jar") || classpath == null || classpath.isEmpty()) {
            return null;
        }
        List<String> words = new ArrayList<>();
        words.add(java);
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A class-data sharing archive is the reuse step's to choose (JBang's //CDS picks its own).
            if (!option.startsWith("-XX:SharedArchiveFile=") && !option.startsWith("-XX:ArchiveClassesAtExit=")
                    && !option.startsWith("-Xlog:cds")) {
                words.add(option);
            }
        }
        words.addAll(List.of("-classpath", classpath, main));
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(sb.length() == 0 ? "" : " ")
                    .append(w.matches("[A-Za-z0-9_./:=+,@%-]+") ? w : "'" + w.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
