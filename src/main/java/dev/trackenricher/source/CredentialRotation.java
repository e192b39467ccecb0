package dev.trackenricher.source;

import org.springframework.stereotype.Component;

/**
 * When a source's credentials change, a stop that its old credentials caused (an invalid key, a
 * refused token) no longer applies: it is lifted, on every instance, as soon as that instance sees
 * the change.
 */
@Component
public class CredentialRotation {

    public CredentialRotation(SourceCredentials credentials, SourceGuards guards) {
        credentials.onChange(guards::liftStop);
    }
}
