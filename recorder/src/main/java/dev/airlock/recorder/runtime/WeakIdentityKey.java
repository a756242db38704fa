package dev.airlock.recorder.runtime;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A map key that holds its object weakly and compares by identity, with the object's identity hash
 * kept: the agent's maps of application objects never call their {@code equals} or {@code hashCode}.
 */
final class WeakIdentityKey extends WeakReference<Object> {

    private final int hash;

    WeakIdentityKey(Object o, int hash, ReferenceQueue<Object> queue) {
        super(o, queue);
        this.hash = hash;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        Object o = get();
        return o != null && other instanceof WeakIdentityKey && ((WeakIdentityKey) other).get() == o;
    }
}
