package dev.mailroom.reply.catalog;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labels with named placeholders such as {@code {code}}: translators may move them, never rename them. Public for
 * the command line's own labels, which follow the same rules.
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private Template() {
    }

    public static String fill(String template, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("placeholder names and values come in pairs");
        }
        String result = template;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            result = result.replace("{" + namesAndValues[i] + "}", namesAndValues[i + 1]);
        }
        return result;
    }

    public static Set<String> placeholders(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
