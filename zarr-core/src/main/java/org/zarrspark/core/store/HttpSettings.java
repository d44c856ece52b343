package org.zarrspark.core.store;

import java.io.Serializable;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.zarrspark.core.error.InvalidMetadataException;

/**
 * Retries, timeouts and the IPFS gateway of {@link HttpStore}. Each setting is read from a lookup
 * (a Hadoop configuration in Spark), then from the JVM system property of the same name, then
 * the default. Keys are lower case so that they survive Spark's lower-casing of reader options.
 */
public final class HttpSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Attempts per request, the first included (retries on 5xx, 408, 429 and dropped connections). */
  public static final String ATTEMPTS = "zarr.http.attempts";
  /** Wait before the first retry; it doubles (with jitter) up to {@link #BACKOFF_MAX_MS}. */
  public static final String BACKOFF_MS = "zarr.http.backoff.ms";
  public static final String BACKOFF_MAX_MS = "zarr.http.backoff.max.ms";
  /** Time for one attempt, headers and body: a stalled server is abandoned and retried. */
  public static final String TIMEOUT_MS = "zarr.http.timeout.ms";
  public static final String CONNECT_TIMEOUT_MS = "zarr.http.connect.timeout.ms";
  /** Gateway that serves ipfs://CID/path as GATEWAY/ipfs/CID/path. */
  public static final String IPFS_GATEWAY = "zarr.ipfs.gateway";

  public static final String DEFAULT_IPFS_GATEWAY = "http://127.0.0.1:8080";

  final int attempts;
  final long backoffMs;
  final long backoffMaxMs;
  final long timeoutMs;
  final long connectTimeoutMs;
  final String ipfsGateway;

  private HttpSettings(UnaryOperator<String> lookup) {
    attempts = (int) number(lookup, ATTEMPTS, 5, 1, 100);
    backoffMs = number(lookup, BACKOFF_MS, 200, 0, 600_000);
    backoffMaxMs = number(lookup, BACKOFF_MAX_MS, 10_000, 0, 3_600_000);
    timeoutMs = number(lookup, TIMEOUT_MS, 60_000, 1, 86_400_000);
    connectTimeoutMs = number(lookup, CONNECT_TIMEOUT_MS, 10_000, 1, 600_000);
    String g = value(lookup, IPFS_GATEWAY);
    ipfsGateway = g == null || g.isBlank() ? DEFAULT_IPFS_GATEWAY : g.trim();
  }

  /** Settings from a lookup that returns null for unset keys, then system properties. */
  public static HttpSettings from(UnaryOperator<String> lookup) {
    return new HttpSettings(lookup);
  }

  /** Settings from system properties only. */
  public static HttpSettings fromSystemProperties() {
    return new HttpSettings(k -> null);
  }

  public int attempts() {
    return attempts;
  }

  public String ipfsGateway() {
    return ipfsGateway;
  }

  Duration timeout() {
    return Duration.ofMillis(timeoutMs);
  }

  private static String value(UnaryOperator<String> lookup, String key) {
    String v = lookup.apply(key);
    return v != null ? v : System.getProperty(key);
  }

  private static long number(UnaryOperator<String> lookup, String key, long def, long min, long max) {
    String v = value(lookup, key);
    if (v == null || v.isBlank()) {
      return def;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidMetadataException("setting " + key + " must be a whole number from " + min + " to " + max
          + ", got '" + v + "'");
    }
  }
}
