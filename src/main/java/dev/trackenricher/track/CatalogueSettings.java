package dev.trackenricher.track;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Listing and exporting the catalogue ({@code enricher.catalogue.*} in batch-config/enricher.yml). */
@ConfigurationProperties("enricher.catalogue")
public record CatalogueSettings(
        /* tracks per page of GET /tracks when the request names no limit */
        @DefaultValue("50") int pageSize,
        /* the most tracks one page holds */
        @DefaultValue("500") int maxPageSize,
        /* rows an export reads from its database cursor at a time */
        @DefaultValue("1000") int exportFetchSize,
        /* exports streaming at once; each holds a database connection until it ends */
        @DefaultValue("2") int maxConcurrentExports) {

    public CatalogueSettings {
        if (pageSize < 1 || maxPageSize < pageSize) {
            throw new IllegalArgumentException("enricher.catalogue: page-size must be at least 1 and at most max-page-size");
        }
        if (exportFetchSize < 1 || maxConcurrentExports < 1) {
            throw new IllegalArgumentException("enricher.catalogue: export-fetch-size and max-concurrent-exports must be at least 1");
        }
    }
}
