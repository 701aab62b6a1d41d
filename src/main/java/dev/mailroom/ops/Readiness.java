package dev.mailroom.ops;

/** Whether the server should be sent traffic, and if not, why (the body of a 503 from {@code /health/ready}). */
public record Readiness(boolean ready, String reason) {
    public static final Readiness READY = new Readiness(true, "ready");

    public static Readiness notReady(String reason) {
        return new Readiness(false, reason);
    }
}
