package dev.launch.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test entry point: starts the JVM, waits until the file in args[0] exists, then runs launch's main. */
public final class BarrierMain {
    public static void main(String[] args) throws Exception {
        Path go = Path.of(args[0]);
        while (!Files.exists(go)) {
            Thread.onSpinWait();
            Thread.sleep(1);
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        Class.forName("launch").getMethod("main", String[].class).invoke(null, (Object) rest);
    }
}
