package dev.launch.run;

import dev.launch.config.Profile;
import dev.launch.config.Template;
import dev.launch.registry.Instance;
import dev.launch.util.LaunchException;
import dev.launch.util.Names;
import dev.launch.util.PortUrls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What an instance writes (or would write) into its env files, and how it shows its ports: rendered once it has its block. */
public final class EnvTargets {
    private EnvTargets() {}

    /** Each env file of the profile with its path (under {@code root}) and values rendered for {@code instance}. */
    public static List<Instance.EnvTarget> render(Profile profile, Instance instance, Path root) {
        Function<String, String> lookup = TemplateValues.of(instance);
        List<Instance.EnvTarget> targets = new ArrayList<>();
        for (Profile.EnvFileSpec f : profile.envFiles()) {
            Map<String, String> values = new LinkedHashMap<>();
            f.values().forEach((k, v) -> values.put(k, Template.render(v, lookup)));
            targets.add(new Instance.EnvTarget(root.resolve(Template.render(f.path(), lookup)), values));
        }
        return targets;
    }

    /** The profile's {@code ports.urls}, rendered for {@code instance}. */
    public static Map<String, String> urls(Profile profile, Instance instance) {
        Function<String, String> lookup = TemplateValues.of(instance);
        Map<String, String> urls = new LinkedHashMap<>();
        profile.ports().urls().forEach((name, url) -> {
            String rendered = Template.render(url, lookup);
            String problem = PortUrls.problem(rendered);
            if (problem != null) {
                throw LaunchException.usage("ports.urls." + name + " of profile " + profile.name() + " renders to \""
                        + Names.printable(rendered.length() > 80 ? rendered.substring(0, 80) + "..." : rendered) + "\", which " + problem);
            }
            urls.put(name, rendered);
        });
        return urls;
    }
}
