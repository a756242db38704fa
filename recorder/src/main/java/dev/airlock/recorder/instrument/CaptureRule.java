package dev.airlock.recorder.instrument;

import dev.airlock.format.EventKind;

/**
 * One call to capture: the target method, the event kind it produces and how it is rewritten.
 *
 * @param owner internal name of the called method's class
 * @param name called method name
 * @param descriptor called method descriptor
 * @param kind event kind the capture records
 * @param action how the call site is rewritten
 * @param replacement bridge method name for {@link CaptureAction#REPLACE}, else null
 */
record CaptureRule(String owner, String name, String descriptor, EventKind kind, CaptureAction action,
                   String replacement) {

    static CaptureRule result(String owner, String name, String descriptor, EventKind kind) {
        return new CaptureRule(owner, name, descriptor, kind, CaptureAction.RESULT, null);
    }

    String key() {
        return key(owner, name, descriptor);
    }

    static String key(String owner, String name, String descriptor) {
        return owner + '.' + name + descriptor;
    }
}
