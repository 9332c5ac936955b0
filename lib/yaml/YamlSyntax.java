package dev.launch.yaml;

import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/** SnakeYAML's side of {@link YamlDoc}: text to a node tree with positions, and its errors as problems. */
final class YamlSyntax {
    private YamlSyntax() {}

    /** The document's top node (null for an empty document), without building any Java objects. */
    static Node compose(String text) throws YAMLException {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(false);
        return new Composer(new ParserImpl(new StreamReader(text), options), new LeanResolver(), options).getSingleNode();
    }

    /**
     * Values are read from their text (see {@link YamlDoc#wholeNumber}, {@link YamlDoc#bool}), so only
     * the null and merge-key readings of plain scalars are needed; skipping the rest keeps start-up short.
     */
    private static final class LeanResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    /** A syntax error at its line and column, in one line of text. */
    static Problem problem(Path file, YAMLException e) {
        if (e instanceof MarkedYAMLException m) {
            Mark mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
            return Problem.error(file, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1, null,
                    syntaxMessage(m));
        }
        return Problem.error(file, 0, 0, null, "YAML error: " + oneLine(e.getMessage()));
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        StringBuilder sb = new StringBuilder("YAML syntax error: ");
        sb.append(oneLine(e.getProblem() != null ? e.getProblem() : e.getMessage()));
        if (e.getContext() != null) {
            sb.append(" (").append(oneLine(e.getContext()));
            Mark cm = e.getContextMark();
            if (cm != null) {
                sb.append(" that starts at line ").append(cm.getLine() + 1).append(", column ").append(cm.getColumn() + 1);
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
