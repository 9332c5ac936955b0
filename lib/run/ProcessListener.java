package dev.launch.run;

import dev.launch.registry.Instance;

/** Told of every state change of a process: starting, running, ready, restarting, exited, completed, failed, stopping, stopped. */
public interface ProcessListener {
    void changed(Instance.ProcessInfo info);

    /** Returns once every change told so far is recorded where other shells read it (the registry). */
    default void settle() {
    }
}
