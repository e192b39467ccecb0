/** Each source's shared rate-limit permits (Bucket4j on PostgreSQL), this instance's pacing of its sends, and pauses after a Retry-After or a used-up budget. */
package dev.trackenricher.source.limits;
