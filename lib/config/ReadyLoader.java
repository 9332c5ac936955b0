package dev.launch.config;

import dev.launch.config.Profile.ReadySpec;
import dev.launch.ports.PortRange;
import dev.launch.yaml.YamlDoc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;

/** A process's {@code ready:} check: one of tcp, http or log, and its timeout. */
final class ReadyLoader {
    static final List<String> READY_KINDS = List.of("tcp", "http", "log");
    static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    private final ProfileTemplates templates;
    private final YamlDoc doc;

    ReadyLoader(ProfileTemplates templates) {
        this.templates = templates;
        this.doc = templates.doc();
    }

    ReadySpec read(Node node, String path) {
        Map<String, YamlDoc.Entry> fields = doc.mapping(node, path, "a mapping like { tcp: PORT }, { http: URL } or { log: REGEX }");
        if (fields == null) {
            return null;
        }
        List<String> known = new ArrayList<>(READY_KINDS);
        known.add("timeout");
        doc.unknownKeys(fields, path, known);
        List<YamlDoc.Entry> kinds = fields.values().stream().filter(e -> READY_KINDS.contains(e.name())).toList();
        if (kinds.isEmpty()) {
            doc.error(node, path, "needs one of tcp: PORT, http: URL or log: REGEX");
            return null;
        }
        if (kinds.size() > 1) {
            doc.error(kinds.get(1).key(), path, "has both " + kinds.get(0).name() + " and " + kinds.get(1).name() + "; keep one");
            return null;
        }
        Duration timeout = DEFAULT_READY_TIMEOUT;
        if (fields.containsKey("timeout")) {
            timeout = doc.duration(fields.get("timeout").value(), path + ".timeout");
            if (timeout != null && timeout.isZero()) {
                doc.error(fields.get("timeout").value(), path + ".timeout", "must be more than zero");
                timeout = null;
            }
        }
        YamlDoc.Entry kind = kinds.get(0);
        String kindPath = path + "." + kind.name();
        String text = templates.text(kind.value(), kindPath);
        if (text == null) {
            return null;
        }
        boolean templated = text.contains("${");
        switch (kind.name()) {
            case "tcp":
                if (!templated) {
                    Integer port = doc.wholeNumber(kind.value(), kindPath);
                    if (port != null && !PortRange.isPort(port)) {
                        doc.error(kind.value(), kindPath, "must be a port between 1 and 65535 (got " + port + ")");
                    }
                }
                return timeout == null ? null : new ReadySpec.Tcp(text, timeout);
            case "http":
                if (!text.startsWith("http://") && !text.startsWith("https://")) {
                    doc.error(kind.value(), kindPath, "expected a URL starting with http:// or https:// (got \"" + text + "\")");
                }
                return timeout == null ? null : new ReadySpec.Http(text, timeout);
            default:
                String regex = templated ? renderForCheck(text) : text;
                try {
                    if (regex != null) {
                        Pattern.compile(regex);
                    }
                } catch (PatternSyntaxException e) {
                    doc.error(kind.value(), kindPath, "not a valid regular expression: " + e.getDescription()
                            + " near index " + e.getIndex());
                }
                return timeout == null ? null : new ReadySpec.Log(text, timeout);
        }
    }

    /** Templates stand for plain words or numbers; "0" keeps the regex shape for checking. */
    private static String renderForCheck(String text) {
        try {
            return Template.render(text, key -> "0");
        } catch (IllegalArgumentException e) {
            return null; // already reported as a template error
        }
    }
}
