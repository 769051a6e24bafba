package org.statestore.lock;

import java.time.ZonedDateTime;

/** A lease as another process sees it while waiting: who holds it and until when. */
public record LeaseState(Holder holder, ZonedDateTime acquiredOn, ZonedDateTime heartbeatOn, ZonedDateTime expiresOn) {

    public String describe() {
        return "held by " + holder + " since " + acquiredOn.toInstant() + ", expires " + expiresOn.toInstant()
                + " unless renewed";
    }
}
