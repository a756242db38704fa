package dev.airlock.recorder.agent;

/**
 * Watches a recording from its own daemon thread and stops it when a cap is reached or the journal can
 * no longer be written (disk full, writer fallen behind). Stopping never blocks or ends the application.
 */
final class RecordingWatch implements Runnable {

    private final RecordingSession session;
    private final long maxBytes;
    private final long maxMillis;

    private RecordingWatch(RecordingSession session, long maxBytes, long maxMillis) {
        this.session = session;
        this.maxBytes = maxBytes;
        this.maxMillis = maxMillis;
    }

    static void start(RecordingSession session, long maxBytes, long maxMillis) {
        Thread t = new Thread(new RecordingWatch(session, maxBytes, maxMillis), "airlock-recording-watch");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        while (!session.closed()) {
            String reason = reasonToStop();
            if (reason != null) {
                session.stop(reason);
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String reasonToStop() {
        String journalProblem = session.journal().stopReason();
        if (journalProblem != null) {
            return journalProblem;
        }
        if (maxBytes > 0 && session.journal().bytesWritten() >= maxBytes) {
            return "the journal reached max-bytes (" + maxBytes + " bytes)";
        }
        if (maxMillis > 0 && System.currentTimeMillis() - session.startMillis() >= maxMillis) {
            return "the recording reached max-duration (" + maxMillis + " ms)";
        }
        return null;
    }
}
