package dev.launch.config;

import dev.launch.testing.ConfigFiles;
import dev.launch.yaml.YamlReadAhead;

import static dev.launch.testing.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ports` reads its profile ahead on another thread while it reads ports.yaml: the load takes that
 * read, once, and only while it is open; a read-ahead no thread ran is done by the load itself.
 * Each test edits the file after the read-ahead, so which text the load saw tells who read it.
 */
class ProfileReadAheadTest {
    @TempDir
    Path dir;

    private PortsConfig config;

    private void profile(String description) {
        write(dir, "profiles/p.yaml", "description: " + description + "\nports: { names: [api], ranges: [DEVELOPMENT] }\n");
    }

    private String loaded() {
        return ProfileLoader.load(dir.resolve("profiles"), "p", config, var -> null).description();
    }

    private YamlReadAhead readAheadOnAnotherThread() throws InterruptedException {
        YamlReadAhead ahead = ProfileLoader.readAhead(dir.resolve("profiles"), "p");
        Thread t = new Thread(ahead);
        t.start();
        t.join();
        return ahead;
    }

    @Test
    void theLoadTakesTheReadMadeAheadOnce() throws Exception {
        config = ConfigFiles.ports(dir);
        profile("before");
        try (YamlReadAhead ahead = readAheadOnAnotherThread()) {
            profile("after");
            assertEquals("before", loaded());
            assertEquals("after", loaded(), "a second load reads the file again");
        }
    }

    @Test
    void aClosedReadAheadIsNotTaken() throws Exception {
        config = ConfigFiles.ports(dir);
        profile("before");
        readAheadOnAnotherThread().close();
        profile("after");
        assertEquals("after", loaded());
    }

    @Test
    void aReadAheadNoThreadRanIsReadByTheLoad() {
        config = ConfigFiles.ports(dir);
        profile("before");
        try (YamlReadAhead ahead = ProfileLoader.readAhead(dir.resolve("profiles"), "p")) {
            profile("after");
            assertEquals("after", loaded());
        }
    }
}
