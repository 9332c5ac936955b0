package dev.launch.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test entry point: starts the JVM and loads launch's main, creates the file args[0] + ".ready-" + pid
 * to say so, waits until the file in args[0] exists, then runs launch's main.
 */
public final class BarrierMain {
    public static void main(String[] args) throws Exception {
        Path go = Path.of(args[0]);
        java.lang.reflect.Method main = Class.forName("launch").getMethod("main", String[].class);
        Files.createFile(Path.of(args[0] + ".ready-" + ProcessHandle.current().pid()));
        while (!Files.exists(go)) {
            Thread.onSpinWait();
            Thread.sleep(1);
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        main.invoke(null, (Object) rest);
    }
}
