package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailroom.reply.Replies;
import dev.mailroom.server.ReceivedMessage;
import dev.mailroom.testkit.MailroomExtension;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Debian's swaks, the SMTP test tool admins reach for, as a shell-level client. Skipped where absent. */
class SwaksTest {
    /** swaks' exit code when the server accepted no recipient (see "EXIT CODES" in swaks(1)). */
    private static final int NO_RECIPIENT_ACCEPTED = 24;

    @RegisterExtension
    static final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test"));

    @BeforeAll
    static void swaksIsInstalled() {
        assumeTrue(swaksExecutable().isPresent(), "swaks is not on the PATH (apt-get install swaks)");
    }

    private static Optional<Path> swaksExecutable() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "swaks"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private record Run(int exitCode, String transcript) {
    }

    /** Runs swaks against the server with these extra arguments; the transcript is what it printed. */
    private static Run runSwaks(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(swaksExecutable().orElseThrow().toString(),
                "--server", mailroom.host(), "--port", Integer.toString(mailroom.port()), "--helo", "client.test",
                "--from", "alice@sender.test", "--timeout", "20"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String transcript = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("swaks finished").isTrue();
        return new Run(process.exitValue(), transcript);
    }

    @Test
    void aPipelinedMessageFromSwaksIsStored() throws Exception {
        Run run = runSwaks("--to", "bob@example.test", "--pipeline",
                "--header", "Subject: from swaks", "--body", "Hello from the shell");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        ReceivedMessage message = mailroom.awaitMessages(1).getFirst();
        // Pipelined: MAIL, RCPT and DATA all went out before the first reply came back.
        assertThat(run.transcript()).contains(" -> MAIL FROM:<alice@sender.test>\n -> RCPT TO:<bob@example.test>\n"
                + " -> DATA\n<-  " + Replies.SENDER_OK_250 + "\n");
        assertThat(run.transcript()).contains("<-  " + Replies.QUEUED_250.with(message.id()) + "\n");
        assertThat(message.sender()).isEqualTo("alice@sender.test");
        assertThat(message.recipients()).containsExactly("bob@example.test");
        assertThat(message.text()).startsWith("Return-Path: <alice@sender.test>\r\nReceived: from client.test ([127.0.0.1])\r\n");
        assertThat(message.content()).contains("Subject: from swaks\r\n").contains("\r\n\r\nHello from the shell\r\n");
    }

    @Test
    void aRelayAttemptEndsSwaksWithItsNoRecipientExitCode() throws Exception {
        Run run = runSwaks("--to", "victim@elsewhere.test");

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(NO_RECIPIENT_ACCEPTED);
        assertThat(run.transcript()).contains("<** " + Replies.RELAY_DENIED_554.with("victim@elsewhere.test") + "\n");
        assertThat(mailroom.messages()).isEmpty();
    }
}
