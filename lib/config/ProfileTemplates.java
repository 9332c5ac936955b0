package dev.launch.config;

import dev.launch.yaml.YamlDoc;

import java.util.Collection;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Checks the templates of a profile's values as they are read, reporting at the "${" itself. */
final class ProfileTemplates {
    private final YamlDoc doc;
    private final Collection<String> portNames;
    private final Function<String, String> env;

    /** {@code portNames} null: ports.names could not be read, so ${ports.X} is not judged. */
    ProfileTemplates(YamlDoc doc, Collection<String> portNames, Function<String, String> env) {
        this.doc = doc;
        this.portNames = portNames;
        this.env = env;
    }

    /** ports.names, or empty when they could not be read. */
    Collection<String> portNames() {
        return portNames == null ? java.util.List.of() : portNames;
    }

    YamlDoc doc() {
        return doc;
    }

    /** The scalar's text, its templates checked; null (reported) when not a scalar. */
    String text(Node node, String keyPath) {
        String text = doc.text(node, keyPath);
        if (text != null) {
            check((ScalarNode) node, text, keyPath);
        }
        return text;
    }

    void check(ScalarNode node, String text, String keyPath) {
        for (Template.Issue issue : Template.check(text, portNames == null ? java.util.List.of() : portNames, env)) {
            if (portNames == null && issue.name().startsWith("ports.")) {
                continue;
            }
            doc.errorInside(node, issue.index(), keyPath, issue.message());
        }
    }
}
