package dev.mailroom.cli;

import dev.mailroom.storage.PasswordHashes;
import dev.mailroom.storage.UsersFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailroom user add|remove|list}: the users file that AUTH checks (Argon2id password hashes). */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage the users file for AUTH (serve --users FILE reads it, and re-reads it when it changes).",
        subcommands = {UserCommand.Add.class, UserCommand.Remove.class, UserCommand.List.class})
final class UserCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The users file flag every subcommand takes. */
    static final class UsersFileOption {
        @Option(names = "--users", paramLabel = "FILE", required = true, description = "The users file.")
        Path file;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user or change a password. The password is asked for twice on the terminal, "
                    + "or read as one line from standard input with --password-stdin.")
    static final class Add implements Callable<Integer> {
        @CommandLine.Mixin
        private UsersFileOption users;

        @Parameters(paramLabel = "NAME", description = "The login name, usually the mail address (case-insensitive).")
        private String name;

        @Option(names = "--password-stdin", description = "Read the password as one line from standard input (for scripts).")
        private boolean passwordStdin;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String user = UsersFile.normalize(name);
            if (!UsersFile.validName(user)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "a name has no spaces or colons: '" + name + "'");
            }
            char[] password = passwordStdin ? readLine() : readTwice(spec);
            try {
                if (password.length == 0) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "the password is empty");
                }
                Map<String, String> all = existing(users.file);
                boolean changed = all.containsKey(user);
                all.put(user, PasswordHashes.hash(password));
                UsersFile.write(users.file, all);
                spec.commandLine().getOut().println((changed ? "changed password of " : "added ") + user + " in " + users.file);
                return 0;
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user.")
    static final class Remove implements Callable<Integer> {
        @CommandLine.Mixin
        private UsersFileOption users;

        @Parameters(paramLabel = "NAME")
        private String name;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Map<String, String> all = existing(users.file);
            if (all.remove(UsersFile.normalize(name)) == null) {
                spec.commandLine().getErr().println("no user " + UsersFile.normalize(name) + " in " + users.file);
                return 1;
            }
            UsersFile.write(users.file, all);
            spec.commandLine().getOut().println("removed " + UsersFile.normalize(name) + " from " + users.file);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the user names (never the hashes).")
    static final class List implements Callable<Integer> {
        @CommandLine.Mixin
        private UsersFileOption users;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            existing(users.file).keySet().forEach(spec.commandLine().getOut()::println);
            return 0;
        }
    }

    private static Map<String, String> existing(Path file) throws IOException {
        return Files.exists(file) ? new LinkedHashMap<>(UsersFile.read(file)) : new LinkedHashMap<>();
    }

    /** Twice on the terminal, without echo. */
    private static char[] readTwice(CommandLine.Model.CommandSpec spec) {
        Console console = System.console();
        if (console == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no terminal to ask on: use --password-stdin");
        }
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the passwords differ");
        }
        Arrays.fill(second, '\0');
        return first;
    }

    /** One line of standard input. */
    private static char[] readLine() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
