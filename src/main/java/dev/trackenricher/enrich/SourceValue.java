package dev.trackenricher.enrich;

/** One source's value of a field, with how sure that source's match was (null: looked up by an identifier, or not said). */
record SourceValue(String source, Object value, Double matchConfidence) {
}
