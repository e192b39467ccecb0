/** The HTTP side of a source's requests: the bounded exchange and its metrics (HttpTransport), answers (HttpAnswer), URI encoding (Uris), what statuses mean (StatusMapping). */
package dev.trackenricher.source.http;
