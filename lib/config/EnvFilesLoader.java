package dev.launch.config;

import dev.launch.config.Profile.EnvFileSpec;
import dev.launch.yaml.YamlDoc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** A profile's {@code envFiles:}: each file to manage (named once) and the NAME: value lines it gets. */
final class EnvFilesLoader {
    static final List<String> ENV_FILE_KEYS = List.of("path", "values");

    private EnvFilesLoader() {}

    static List<EnvFileSpec> read(ProfileTemplates templates, Node node) {
        YamlDoc doc = templates.doc();
        List<Node> items = doc.sequence(node, "envFiles", "a list of { path: FILE, values: { NAME: value } }");
        List<EnvFileSpec> files = new ArrayList<>();
        if (items == null) {
            return files;
        }
        Set<String> paths = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "envFiles[" + i + "]";
            Map<String, YamlDoc.Entry> fields = doc.mapping(items.get(i), path, "a mapping { path: FILE, values: { NAME: value } }");
            if (fields == null) {
                continue;
            }
            doc.unknownKeys(fields, path, ENV_FILE_KEYS);
            String file = null;
            if (fields.containsKey("path")) {
                file = templates.text(fields.get("path").value(), path + ".path");
                if (file != null && !paths.add(file)) {
                    doc.error(fields.get("path").value(), path + ".path", "\"" + file + "\" is listed twice");
                }
            } else {
                doc.error(items.get(i), path, "missing key \"path\" (the env file to write, e.g. app/.env.development)");
            }
            Map<String, String> values = new LinkedHashMap<>();
            if (fields.containsKey("values")) {
                Map<String, YamlDoc.Entry> entries = doc.mapping(fields.get("values").value(), path + ".values", "a mapping NAME: value");
                for (YamlDoc.Entry e : entries == null ? List.<YamlDoc.Entry>of() : entries.values()) {
                    if (!ProcessLoader.ENV_NAME.matcher(e.name()).matches()) {
                        doc.error(e.key(), path + ".values", "\"" + e.name() + "\" is not a variable name (letters, digits and _, not starting with a digit)");
                    } else {
                        String value = templates.text(e.value(), path + ".values." + e.name());
                        if (value != null) {
                            values.put(e.name(), value);
                        }
                    }
                }
            } else {
                doc.error(items.get(i), path, "missing key \"values\" (the NAME: value lines to manage)");
            }
            if (file != null) {
                files.add(new EnvFileSpec(file, values));
            }
        }
        return files;
    }
}
