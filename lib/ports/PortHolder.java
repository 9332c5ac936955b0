package dev.launch.ports;

/** A process holding the port; {@code pid} is -1 when the OS does not say which one. */
public record PortHolder(long pid, String command, String address) {
    public boolean known() {
        return pid > 0;
    }

    /** "pid 4242 (python3 -m http.server 5002)", or the command alone when the pid is unknown. */
    public String describe() {
        return known() ? "pid " + pid + " (" + command + ")" : command;
    }
}
