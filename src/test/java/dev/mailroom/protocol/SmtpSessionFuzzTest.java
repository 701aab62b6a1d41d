package dev.mailroom.protocol;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A whole session fed arbitrary client octets (commands, DATA, BDAT chunks, timeouts and shutdowns, see
 * {@link ClientStreamPlayer}) never throws, and every step keeps the session's contract: a reply for every
 * command (BDAT's after its chunk), codes 2xx to 5xx with a matching enhanced class, reply lines within
 * 512 octets and free of CR/LF, 421/221 and only they close, 354 and only it starts DATA, and after
 * max-errors 5xx replies the next command gets 421. Played with mail accepted and in accept-no-mail mode.
 *
 * <p>Plain {@code mvn test} runs this in regression mode (an empty input and each file under
 * {@code src/test/resources/dev/mailroom/protocol/SmtpSessionFuzzTestInputs/}: readable sessions, one per
 * file, that seed the fuzzer). To fuzz for real:
 * {@code JAZZER_FUZZ=1 mvn -B test -Dtest=SmtpSessionFuzzTest -Dsurefire.argLine="-XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED"}
 * (the argLine drops the pom's {@code -Djazzer.hooks=false}: without hooks there is no coverage feedback).
 */
class SmtpSessionFuzzTest {
    private static final SessionSettings NO_INBOUND = new SessionSettings(
            ClientStreamPlayer.SETTINGS.hostname(), ClientStreamPlayer.SETTINGS.maxMessageSize(),
            ClientStreamPlayer.SETTINGS.maxRecipients(), ClientStreamPlayer.SETTINGS.maxErrors(), false,
            ClientStreamPlayer.SETTINGS.maxLineLength());

    @FuzzTest(maxDuration = "2m")
    // libFuzzer dictionary syntax: backslash, x, two hex digits is one octet ("\\x0d\\x0a" here is CR LF).
    @DictionaryEntries({"EHLO a\\x0d\\x0a", "HELO a\\x0d\\x0a", "MAIL FROM:<a@b.c>\\x0d\\x0a", "MAIL FROM:<>", " SMTPUTF8",
            " BODY=BINARYMIME", " SIZE=", "RCPT TO:<x@example.com>\\x0d\\x0a", "RCPT TO:<x@example.net>\\x0d\\x0a",
            "DATA\\x0d\\x0a", "\\x0d\\x0a.\\x0d\\x0a", "BDAT 3\\x0d\\x0a", "BDAT 0 LAST\\x0d\\x0a", "RSET\\x0d\\x0a",
            "QUIT\\x0d\\x0a", "NOOP\\x0d\\x0a", "STARTTLS\\x0d\\x0a", "AUTH PLAIN ", "AUTH LOGIN\\x0d\\x0a", "AGFsaWNlAHNlY3JldA==", "YWxpY2U=", "c2VjcmV0", "*\\x0d\\x0a", "\\x01\\x0d\\x0a", "\\x02\\x0d\\x0a", "\\x0a.\\x0a", "\\x0d.\\x0d"})
    void anyClientStreamKeepsTheContract(byte[] input) {
        new ClientStreamPlayer(input, ClientStreamPlayer.SETTINGS).play(Admission.ACCEPTED);
        new ClientStreamPlayer(input, NO_INBOUND).play(Admission.ACCEPTED);
    }
}
