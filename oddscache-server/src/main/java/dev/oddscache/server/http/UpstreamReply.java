package dev.oddscache.server.http;

/**
 * One upstream answer, whole: status, every header line as received, body, and when the request
 * left and the answer arrived (epoch millis on the cache's clock, for the answer's age).
 */
public record UpstreamReply(int status, Headers headers, byte[] body, long requestMillis,
    long responseMillis) {}
