/** What takes a source out of service and puts it back: its circuit breaker, its recent transitions, a stop after a refused configuration, switched-off features. */
package dev.trackenricher.source.breaker;
