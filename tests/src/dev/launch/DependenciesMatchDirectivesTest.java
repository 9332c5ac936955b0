package dev.launch;

import dev.launch.project.Locations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The tests build launch.java with Maven; this keeps that build's dependencies JBang's. */
class DependenciesMatchDirectivesTest {
    @Test
    void everyDepsLineOfLaunchJavaIsInTheTestPomWithTheSameVersion() throws Exception {
        Path home = Locations.home();
        String script = Files.readString(home.resolve("launch.java"));
        String pom = Files.readString(home.resolve("tests/pom.xml"));
        Set<String> deps = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^//DEPS (\\S+)$").matcher(script);
        while (m.find()) {
            deps.add(m.group(1));
        }
        assertFalse(deps.isEmpty());
        Set<String> inPom = new TreeSet<>();
        Matcher d = Pattern.compile("<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        while (d.find()) {
            String version = d.group(3);
            if (version.startsWith("${")) {
                Matcher p = Pattern.compile("<" + Pattern.quote(version.substring(2, version.length() - 1)) + ">([^<]+)<").matcher(pom);
                version = p.find() ? p.group(1) : version;
            }
            String gav = d.group(1) + ":" + d.group(2) + ":" + version;
            if (deps.stream().anyMatch(x -> x.startsWith(d.group(1) + ":" + d.group(2) + ":"))) {
                inPom.add(gav);
            }
        }
        assertEquals(deps, inPom);
    }
}
