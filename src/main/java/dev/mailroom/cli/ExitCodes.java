package dev.mailroom.cli;

/** Exit statuses beyond picocli's 0 (success), 1 (failure) and 2 (usage). */
final class ExitCodes {
    private ExitCodes() {
    }

    /** EX_CONFIG from sysexits.h: systemd units can refuse to restart on it ({@code RestartPreventExitStatus=78}). */
    static final int CONFIG = 78;
}
