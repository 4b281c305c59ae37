package io.inventorysync.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every CloudFormation dynamic reference ({@code {{resolve:service:name...}}}) in a template,
 * including those assembled with {@code Fn::Join}, each with what it names: a resource of the
 * template ({@code Ref}/{@code Fn::GetAtt} inside the reference) or a literal name that must exist
 * before the deploy.
 */
final class DynamicReferences {
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{resolve:([a-z-]+):([^:}]*)[^}]*}}");

    /**
     * @param service    {@code secretsmanager}, {@code ssm}, {@code ssm-secure}
     * @param name       the literal name, or {@code ${LogicalId}} when it is a resource of the template
     * @param resourceId the logical id when the name is a {@code Ref} or {@code Fn::GetAtt}, else null
     */
    record Reference(String service, String name, String resourceId) {
    }

    private DynamicReferences() {
    }

    static List<Reference> in(Map<String, Object> template) {
        List<Reference> found = new ArrayList<>();
        walk(template, found);
        return found;
    }

    private static void walk(Object node, List<Reference> found) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Fn::Join") instanceof List<?> join && join.size() == 2
                    && join.get(1) instanceof List<?> parts) {
                StringBuilder text = new StringBuilder();
                for (Object part : parts) {
                    text.append(part instanceof String s ? s : "${" + logicalId(part) + "}");
                }
                collect(text.toString(), found);
            }
            map.values().forEach(v -> walk(v, found));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> walk(v, found));
        } else if (node instanceof String s) {
            collect(s, found);
        }
    }

    private static void collect(String text, List<Reference> found) {
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            String name = m.group(2);
            String id = name.startsWith("${") && name.endsWith("}") ? name.substring(2, name.length() - 1) : null;
            Reference reference = new Reference(m.group(1), name, id);
            if (!found.contains(reference)) {
                found.add(reference);
            }
        }
    }

    private static String logicalId(Object intrinsic) {
        if (intrinsic instanceof Map<?, ?> map) {
            if (map.get("Ref") instanceof String ref) {
                return ref;
            }
            if (map.get("Fn::GetAtt") instanceof List<?> getAtt) {
                return getAtt.get(0).toString();
            }
        }
        return "?";
    }
}
