package io.timelapse.platform.shell;

import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/** A package requirement in words: {@code io.timelapse.api.data [1.0,2.0)}. */
record RequirementText(String packageName, String range, boolean optional) {

    private static final Pattern NAME = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)");
    private static final Pattern LOWER = Pattern.compile("\\(version>=([^)]+)\\)");
    private static final Pattern UPPER_EXCLUSIVE = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");

    static RequirementText of(BundleRequirement requirement) {
        return parse(requirement.getDirectives().getOrDefault("filter", ""), requirement.getDirectives().get("resolution"));
    }

    static RequirementText parse(String filter, String resolution) {
        String name = find(NAME, filter, "?");
        String lower = find(LOWER, filter, null);
        String upper = find(UPPER_EXCLUSIVE, filter, null);
        String range = lower == null ? "" : upper == null ? lower + "+" : "[" + trim(lower) + "," + trim(upper) + ")";
        boolean optional = "optional".equals(resolution);
        return new RequirementText(name, range, optional);
    }

    String describe() {
        return range.isEmpty() ? packageName : packageName + " " + range;
    }

    /** What the installed bundles export under this package name, to say why nothing matched. */
    String availability(BundleContext context) {
        TreeSet<String> versions = new TreeSet<>();
        for (Bundle bundle : context.getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision == null) {
                continue;
            }
            for (BundleCapability capability : revision.getDeclaredCapabilities(BundleRevision.PACKAGE_NAMESPACE)) {
                Map<String, Object> attributes = capability.getAttributes();
                if (packageName.equals(attributes.get(BundleRevision.PACKAGE_NAMESPACE))) {
                    versions.add(String.valueOf(attributes.get("version")));
                }
            }
        }
        return versions.isEmpty() ? ", which no installed bundle provides"
                : ", the platform provides " + String.join(", ", versions);
    }

    private static String find(Pattern pattern, String text, String otherwise) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : otherwise;
    }

    /** {@code 2.0.0} reads as {@code 2.0}, the way bnd writes ranges. */
    private static String trim(String version) {
        return version.endsWith(".0") && version.chars().filter(c -> c == '.').count() == 2
                ? version.substring(0, version.length() - 2) : version;
    }
}
