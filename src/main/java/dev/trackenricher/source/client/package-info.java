/** The template base of HTTP sources (HttpSourceClient) and what each is built from (HttpSources). */
package dev.trackenricher.source.client;
