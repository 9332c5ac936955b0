package dev.launch.cli;

/**
 * The option names that both the picocli annotations and {@link FastPath} use, so that the two
 * read the same command line; FastPathModelTest fails when they drift apart.
 */
final class OptionNames {
    static final String CONFIG = "--config";
    static final String PROFILES = "--profiles";
    static final String STATE_DIR = "--state-dir";
    static final String QUIET = "--quiet";
    static final String QUIET_SHORT = "-q";
    static final String NO_COLOR = "--no-color";
    static final String VERBOSE = "--verbose";

    static final String FORMAT = "--format";
    static final String LEASE = "--lease";
    static final String RANGE = "--range";
    static final String JSON = "--json";
    static final String ENV_FILES = "--env-files";
    static final String STRICT = "--strict";
    static final String PROFILE = "--profile";
    static final String GRACE = "--grace";

    private OptionNames() {}
}
