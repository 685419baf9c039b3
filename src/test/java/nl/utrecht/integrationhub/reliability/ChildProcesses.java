package nl.utrecht.integrationhub.reliability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping the child processes of the fault-injection suite (the hub, the broker). */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /** SIGKILL to the process and its descendants (a launcher script's JVM); waits until it is gone. */
    static void kill(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, the process's own orderly shutdown; SIGKILL when it has not exited within the grace. */
    static void terminate(Process process, Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
        }
    }
}
