/** The response cache (api_cache) and its Bloom filter of stored keys, put in front of a source's transport per fetch (ResponseCache). */
package dev.trackenricher.source.cache;
