/**
 * Source credentials as their own feature: where each comes from (the environment, or set over the
 * API into source_credentials), the REST handler to rotate them, and the one Redactor that keeps every
 * credential out of error texts and logs. Depends on no source code: the sources depend on it.
 */
package dev.trackenricher.credentials;
