package dev.trackenricher.credentials;

import java.util.List;
import java.util.Set;

/**
 * The sources whose credentials can be set over the API, as this package needs to know them: an
 * interface here, implemented by the registry of sources, so that credentials depends on no source
 * code (the sources' infrastructure depends on credentials, never the other way).
 */
public interface CredentialedSources {

    /** Every configured source. */
    Set<String> names();

    /** The credentials a source takes ({@link Credentials#NAMES}); none for a source without a key. */
    List<String> credentialNames(String source);
}
