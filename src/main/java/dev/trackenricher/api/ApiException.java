package dev.trackenricher.api;

import java.util.List;

/** A request the service refuses, with the status to answer and what was wrong (naming the field). */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<String> details;

    public ApiException(int status, String message, List<String> details) {
        super(message);
        this.status = status;
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message, List.of());
    }

    public static ApiException badRequest(String message, List<String> details) {
        return new ApiException(400, message, details);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message, List.of());
    }

    public int status() {
        return status;
    }

    public List<String> details() {
        return details;
    }
}
