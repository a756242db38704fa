package dev.airlock.recorder.instrument;

/** What the rewritten call site does with a captured call. See {@link CallSiteRewriter}. */
enum CaptureAction {
    /** Make the call, then pass its result through the bridge ({@code onLong/onInt/onDouble/onObject}). */
    RESULT,
    /** Pass the call's last argument (a long) through {@code onLong} just before the call. */
    LAST_ARGUMENT,
    /** Make the call, then hand the byte array in local 1 to {@code onFilled}. */
    FILLED_FIRST_ARGUMENT,
    /** Call a bridge method with the same arguments plus the site instead of the original. */
    REPLACE
}
