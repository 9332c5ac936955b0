package dev.launch.util;

import java.util.concurrent.ThreadFactory;

/** Daemon threads: helpers that must never keep the JVM alive once the launcher is done. */
public final class Threads {
    private Threads() {}

    /** Makes daemon threads named {@code name}. */
    public static ThreadFactory daemons(String name) {
        return body -> daemon(name, body);
    }

    /** Starts {@code body} on a daemon thread named {@code name}. */
    public static Thread startDaemon(String name, Runnable body) {
        Thread t = daemon(name, body);
        t.start();
        return t;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
