package dev.mailroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.protocol.Notify;
import dev.mailroom.protocol.RecipientDsn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-recipient state machine, driven by a hand-moved clock. */
class RecipientStateTest {
    private static final Instant QUEUED = Instant.parse("2026-01-01T00:00:00Z");
    private final RetrySchedule schedule = new RetrySchedule(RetrySchedule.parseIntervals("2s,3s,5s"), Duration.ofSeconds(12));

    private static RecipientResult result(RecipientStatus outcome, String reply) {
        return new RecipientResult(outcome, reply, Optional.of("mx1.example"));
    }

    @Test
    void deferredThenDelivered() {
        RecipientState state = RecipientState.pending("a@example.org", RecipientDsn.NONE, QUEUED);
        assertThat(state.isDue(QUEUED)).isTrue();

        state = state.after(result(RecipientStatus.DEFERRED, "451 4.7.1 greylisted"), QUEUED, QUEUED, schedule);
        assertThat(state.status()).isEqualTo(RecipientStatus.DEFERRED);
        assertThat(state.nextAttempt()).contains(QUEUED.plusSeconds(2));
        assertThat(state.lastReply()).contains("451 4.7.1 greylisted");
        assertThat(state.isDue(QUEUED.plusSeconds(1))).isFalse();
        assertThat(state.isDue(QUEUED.plusSeconds(2))).isTrue();

        state = state.after(result(RecipientStatus.DELIVERED, "250 2.0.0 ok"), QUEUED, QUEUED.plusSeconds(2), schedule);
        assertThat(state.status()).isEqualTo(RecipientStatus.DELIVERED);
        assertThat(state.isDue(QUEUED.plusSeconds(100))).isFalse();
    }

    @Test
    void aSuccessReportIsOwedOnlyForNotifySuccessDeliveredToAHostThatWasNotGivenIt() {
        RecipientDsn success = new RecipientDsn(Optional.of(Notify.of(Notify.Condition.SUCCESS)), Optional.empty());
        RecipientResult relayed = new RecipientResult(RecipientStatus.DELIVERED, "250 ok", Optional.of("mx1.example"), false);
        RecipientResult passedOn = new RecipientResult(RecipientStatus.DELIVERED, "250 ok", Optional.of("mx1.example"), true);

        assertThat(RecipientState.pending("a@example.org", success, QUEUED).after(relayed, QUEUED, QUEUED, schedule)
                .owesSuccessReport()).isTrue();
        RecipientState handedOver = RecipientState.pending("a@example.org", success, QUEUED).after(passedOn, QUEUED, QUEUED, schedule);
        assertThat(handedOver.dsnPassedOn()).isTrue();
        assertThat(handedOver.owesSuccessReport()).isFalse();
        assertThat(RecipientState.pending("a@example.org", RecipientDsn.NONE, QUEUED).after(relayed, QUEUED, QUEUED, schedule)
                .owesSuccessReport()).as("no NOTIFY: no success report").isFalse();
        assertThat(RecipientState.pending("a@example.org", success, QUEUED)
                .after(result(RecipientStatus.BOUNCED, "550 5.1.1 gone"), QUEUED, QUEUED, schedule).owesSuccessReport()).isFalse();
        assertThatThrownBy(() -> new RecipientResult(RecipientStatus.DEFERRED, "451 later", Optional.empty(), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFinalRecipientIsNeverTriedAgain() {
        RecipientState delivered = RecipientState.pending("a@example.org", RecipientDsn.NONE, QUEUED)
                .after(result(RecipientStatus.DELIVERED, "250 ok"), QUEUED, QUEUED, schedule);
        assertThatThrownBy(() -> delivered.after(result(RecipientStatus.DELIVERED, "250 ok"), QUEUED, QUEUED, schedule))
                .isInstanceOf(IllegalStateException.class);
        assertThat(delivered.dueAt(QUEUED)).isEqualTo(delivered);
    }

    @Test
    void aRecipientStillDeferredAtTheEndOfTheLifetimeBounces() {
        RecipientState state = RecipientState.pending("a@example.org", RecipientDsn.NONE, QUEUED);
        Instant now = QUEUED;
        List<Instant> attempts = new java.util.ArrayList<>();
        while (!state.status().isFinal()) {
            attempts.add(now);
            state = state.after(result(RecipientStatus.DEFERRED, "451 4.3.0 try later"), QUEUED, now, schedule);
            now = state.nextAttempt().orElse(now);
        }
        // 0, +2, +5, +10, then the last try at the lifetime's end (12 s), then bounce.
        assertThat(attempts).containsExactly(QUEUED, QUEUED.plusSeconds(2), QUEUED.plusSeconds(5),
                QUEUED.plusSeconds(10), QUEUED.plusSeconds(12));
        assertThat(state.status()).isEqualTo(RecipientStatus.BOUNCED);
        assertThat(state.expired()).isTrue();
        assertThat(state.lastReply()).contains("451 4.3.0 try later");
    }

    @Test
    void anAttemptSettlesRecipientsOneByOne() {
        Attempt attempt = new Attempt(List.of("a@x", "b@x", "c@x"));
        attempt.settle("b@x", Verdict.BOUNCE, "550 5.1.1 no such user", "mx1");
        attempt.settle("c@x", Verdict.DEFER, "451 4.7.1 later", "mx1");
        assertThat(attempt.open()).containsExactly("a@x");
        attempt.settle("a@x", Verdict.CONTINUE, "250 2.0.0 ok", "mx1");

        Map<String, RecipientResult> results = attempt.finish();
        assertThat(results.keySet()).containsExactly("a@x", "b@x", "c@x");
        assertThat(results.get("a@x").outcome()).isEqualTo(RecipientStatus.DELIVERED);
        assertThat(results.get("b@x").outcome()).isEqualTo(RecipientStatus.BOUNCED);
        assertThat(results.get("c@x").outcome()).isEqualTo(RecipientStatus.DEFERRED);
    }

    @Test
    void unsettledRecipientsAreDeferredIfAnyHostFailedTransiently() {
        Attempt attempt = new Attempt(List.of("a@x"));
        attempt.hostRefused("mx1", "521 5.3.2 no mail");
        attempt.hostFailedTransiently("mx2", "421 4.3.2 busy");
        assertThat(attempt.finish().get("a@x").outcome()).isEqualTo(RecipientStatus.DEFERRED);
    }

    @Test
    void unsettledRecipientsBounceWhenEveryHostRefusesMail() {
        Attempt attempt = new Attempt(List.of("a@x"));
        attempt.hostRefused("mx1", "521 5.3.2 no mail");
        RecipientResult result = attempt.finish().get("a@x");
        assertThat(result.outcome()).isEqualTo(RecipientStatus.BOUNCED);
        assertThat(result.diagnostic()).isEqualTo("521 5.3.2 no mail");
        assertThat(result.host()).contains("mx1");
    }

    @Test
    void aNullMxBouncesWithoutAHost() {
        RecipientResult result = new Attempt(List.of("a@x"))
                .finishWithoutHosts(RecipientStatus.BOUNCED, Diagnostics.NULL_MX).get("a@x");
        assertThat(result.outcome()).isEqualTo(RecipientStatus.BOUNCED);
        assertThat(result.diagnostic()).startsWith("556 5.1.10");
        assertThat(result.host()).isEmpty();
    }

    @Test
    void receivedRepliesAreParsed() {
        var reply = ReceivedReply.parse(List.of("250-mx.example hello", "250-PIPELINING", "250 SIZE 1000"));
        assertThat(reply.code()).isEqualTo(250);
        assertThat(reply.lines()).containsExactly("mx.example hello", "PIPELINING", "SIZE 1000");
        assertThat(ReceivedReply.oneLine(ReceivedReply.parse("550 5.1.1 no such user"))).isEqualTo("550 5.1.1 no such user");
        assertThat(ReceivedReply.parse("421").lines()).containsExactly("");
        assertThat(ReceivedReply.parse("451 5.1.1 mixed").enhanced()).isEmpty();
    }
}
