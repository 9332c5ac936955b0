package dev.launch.run;

/** What another shell (or the web page) can ask a running stack to do with one of its processes. */
public enum ProcessAction {
    START("start", "starting"), STOP("stop", "stopping"), RESTART("restart", "restarting");

    private final String word;
    private final String doing;

    ProcessAction(String word, String doing) {
        this.word = word;
        this.doing = doing;
    }

    public String word() {
        return word;
    }

    /** "restarting", for "restarting alice". */
    public String doing() {
        return doing;
    }

    public static ProcessAction of(String word) {
        for (ProcessAction a : values()) {
            if (a.word.equals(word)) {
                return a;
            }
        }
        throw new IllegalArgumentException("no action \"" + word + "\" (start, stop, restart)");
    }

    /** How it went: a sentence either way (with the process's last lines when it failed). */
    public record Result(boolean ok, String message) {
        public static Result ok(String message) {
            return new Result(true, message);
        }

        public static Result failed(String message) {
            return new Result(false, message);
        }
    }
}
