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
 * {@code JAZZER_FUZZ=1 mvn -B test -Dtest=SmtpSessionFuzzTest -Dsurefire.argLine="-XX:+EnableDynamicAgentLoading"}
 */
class SmtpSessionFuzzTest {
    private static final SessionSettings NO_INBOUND = new SessionSettings(
            ClientStreamPlayer.SETTINGS.hostname(), ClientStreamPlayer.SETTINGS.maxMessageSize(),
            ClientStreamPlayer.SETTINGS.maxRecipients(), ClientStreamPlayer.SETTINGS.maxErrors(), false);

    @FuzzTest(maxDuration = "2m")
    @DictionaryEntries({"EHLO a\r\n", "HELO a\r\n", "MAIL FROM:<a@b.c>\r\n", "MAIL FROM:<>", " SMTPUTF8", " BODY=BINARYMIME",
            " SIZE=", "RCPT TO:<x@example.com>\r\n", "RCPT TO:<x@example.net>\r\n", "DATA\r\n", "\r\n.\r\n", "BDAT 3\r\n",
            "BDAT 0 LAST\r\n", "RSET\r\n", "QUIT\r\n", "NOOP\r\n", "\u0001\r\n", "\u0002\r\n", "\n.\n", "\r.\r"})
    void anyClientStreamKeepsTheContract(byte[] input) {
        new ClientStreamPlayer(input, ClientStreamPlayer.SETTINGS).play(Admission.ACCEPTED);
        new ClientStreamPlayer(input, NO_INBOUND).play(Admission.ACCEPTED);
    }
}
