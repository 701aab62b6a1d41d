package dev.mailroom.cli;

import dev.mailroom.config.ConfigKey;
import dev.mailroom.config.ConfigKeys;
import dev.mailroom.config.ConfigValues;
import dev.mailroom.config.EffectiveConfig;
import dev.mailroom.config.Settings;
import dev.mailroom.config.ValueType;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Makes one flag of every {@link ConfigKeys configuration key}, so the flags and the file cannot drift apart:
 * same names, same value types, same checks, and the defaults shown in {@code --help} are the server's own.
 */
final class SettingOptions implements CommandLine.IModelTransformer {

    @Override
    public CommandSpec transform(CommandSpec spec) {
        EffectiveConfig defaults = new Settings().effective();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            spec.addOption(option(key, defaults));
        }
        return spec;
    }

    private static OptionSpec option(ConfigKey<?> key, EffectiveConfig defaults) {
        OptionSpec.Builder option = OptionSpec.builder(key.flags().toArray(String[]::new))
                .description(key.description() + defaultText(key, defaults) + " File: " + key.path() + ".");
        ValueType<?> type = key.type();
        if (type instanceof ValueType.Flag) {
            return option.type(boolean.class).arity("0").build();
        }
        ValueType<?> element = type instanceof ValueType.ListOf<?> list ? list.element() : type;
        CommandLine.ITypeConverter<?> converter = text -> {
            try {
                return element.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        };
        option.paramLabel(type.label()).converters(converter);
        if (type instanceof ValueType.ListOf<?>) {
            return option.type(List.class).auxiliaryTypes(Object.class).arity("1").build();
        }
        return option.type(Object.class).arity("1").build();
    }

    private static String defaultText(ConfigKey<?> key, EffectiveConfig defaults) {
        return key.currentToml(defaults).map(value -> " Default: " + value.replace("\"", "") + ".").orElse("");
    }

    /** The settings given as flags on this command line, to override those of the file. */
    static ConfigValues given(CommandSpec spec) {
        ConfigValues values = new ConfigValues();
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            OptionSpec option = spec.findOption(key.flags().getFirst());
            if (parsed.hasMatchedOption(option)) {
                values.put(key, option.getValue(), key.flags().getFirst());
            }
        }
        return values;
    }
}
