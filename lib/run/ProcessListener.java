package dev.launch.run;

import dev.launch.registry.Instance;

/** Told of every state change of a process: starting, running, ready, restarting, exited, completed, failed, stopping, stopped. */
public interface ProcessListener {
    void changed(Instance.ProcessInfo info);
}
