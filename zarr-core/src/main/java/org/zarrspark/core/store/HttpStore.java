package org.zarrspark.core.store;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.StoreException;
import org.zarrspark.core.error.ZarrException;

/**
 * A read-only store over HTTP(S), and over IPFS through an HTTP gateway. One request per read:
 * a GET for a whole object, a GET with a Range header for a range, a suffix range
 * ({@code bytes=-N}) for shard indexes at the end. 404 is a missing key (never retried); 5xx, 408,
 * 429, timeouts and dropped connections are retried a bounded number of times with growing
 * waits; any other status fails at once. HTTP cannot list, so groups need consolidated metadata.
 *
 * <p>(Over 300 lines: ranged GETs, bounded retries and IPFS gateways share one request path.)
 */
public final class HttpStore implements ReadOnlyStore {
  private static final int MAX_OBJECT = Integer.MAX_VALUE - 8;
  /** One client per connect timeout for the whole JVM, so every store reuses its connections. */
  private static final Map<Long, HttpClient> CLIENTS = new ConcurrentHashMap<>();

  private final String name;
  private final String base;
  private final HttpSettings settings;
  /** Content under an IPFS CID never changes: its metadata reads are cached for the JVM. */
  private final boolean immutable;

  /** A store rooted at an http:// or https:// URL. No I/O here. */
  public HttpStore(String url, HttpSettings settings) {
    this(url, url, settings, false);
  }

  private HttpStore(String name, String base, HttpSettings settings, boolean immutable) {
    this.name = name;
    this.base = StoreUri.stripTrailingSlashes(base);
    this.settings = settings;
    this.immutable = immutable;
    URI u = URI.create(this.base + "/");
    if (!("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) || u.getHost() == null) {
      throw new InvalidMetadataException("'" + base + "' is not an http:// or https:// URL");
    }
  }

  /** A store at {@code ipfs://CID/path}, read as {@code GATEWAY/ipfs/CID/path}. No I/O here. */
  public static HttpStore ipfs(String uri, HttpSettings settings) {
    String rest = uri.substring(uri.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    String cid = slash < 0 ? rest : rest.substring(0, slash);
    if (!uri.regionMatches(true, 0, "ipfs://", 0, 7) || !cid.matches("[A-Za-z0-9]+")) {
      throw new InvalidMetadataException("'" + uri + "' is not an ipfs://CID/path URI");
    }
    String path = slash < 0 ? "" : rest.substring(slash);
    return new HttpStore(StoreUri.stripTrailingSlashes(uri), StoreUri.stripTrailingSlashes(settings.ipfsGateway()) + "/ipfs/" + cid + path, settings, true);
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }

  /** The URL of a key: each '/'-separated part percent-encoded. */
  URI uri(String key) {
    String k = StoreKeys.check(key, describe());
    if (k.isEmpty()) {
      return URI.create(base);
    }
    StringBuilder sb = new StringBuilder(base);
    for (String part : k.split("/", -1)) {
      sb.append('/');
      for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
        char c = (char) (b & 0xff);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
          sb.append(c);
        } else {
          sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
              .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
        }
      }
    }
    return URI.create(sb.toString());
  }

  @Override
  public byte[] get(String key) {
    boolean cache = immutable && MetadataCache.isMetadata(key);
    if (cache) {
      byte[] hit = MetadataCache.get(uri(key));
      if (hit != null) {
        return hit == MetadataCache.MISSING ? null : hit.clone();
      }
    }
    HttpResponse<byte[]> r = send(key, "GET", null, (status, h) -> new BodyWindow(0, MAX_OBJECT, true, contentLength(h)));
    byte[] body = isMissing(r) ? null : requireSuccess(r, key).body();
    if (cache) {
      MetadataCache.put(uri(key), body == null ? MetadataCache.MISSING : body.clone());
    }
    return body;
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    if (offset < 0 || length < 0) {
      throw new StoreException("invalid range offset=" + offset + " length=" + length).at(describe(), key);
    }
    if (length == 0) {
      return exists(key) ? new byte[0] : null;
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    // A server that ignores Range answers 200 with the whole object: keep only the range.
    HttpResponse<byte[]> r = send(key, "GET", range,
        (status, h) -> new BodyWindow(status == 206 ? 0 : offset, length, false, length));
    if (isMissing(r)) {
      return null;
    }
    if (r.statusCode() == 416) {
      return new byte[0]; // the range starts at or after the end of the object
    }
    requireSuccess(r, key);
    if (r.statusCode() == 206) {
      long start = contentRangeStart(r.headers());
      if (start >= 0 && start != offset) {
        throw new StoreException("GET " + r.uri() + " asked for bytes from " + offset + " but the server sent bytes from "
            + start).at(describe(), key);
      }
    }
    return r.body();
  }

  @Override
  public byte[] getSuffix(String key, int length) {
    if (length < 0) {
      throw new StoreException("invalid suffix length " + length).at(describe(), key);
    }
    if (length == 0) {
      return exists(key) ? new byte[0] : null;
    }
    HttpResponse<byte[]> r = send(key, "GET", "bytes=-" + length,
        (status, h) -> status == 206 ? new BodyWindow(0, length, false, length)
            : new BodyWindow(0, MAX_OBJECT, true, contentLength(h)));
    if (isMissing(r)) {
      return null;
    }
    if (r.statusCode() == 416) {
      return new byte[0]; // an empty object
    }
    byte[] body = requireSuccess(r, key).body();
    return body.length <= length ? body : Arrays.copyOfRange(body, body.length - length, body.length);
  }

  @Override
  public long size(String key) {
    boolean cache = immutable && MetadataCache.isMetadata(key);
    byte[] hit = cache ? MetadataCache.get(uri(key)) : null;
    if (hit != null) {
      return hit == MetadataCache.MISSING ? -1 : hit.length;
    }
    HttpResponse<byte[]> r = send(key, "HEAD", null, (status, h) -> new BodyWindow(0, 0, true, 0));
    if (isMissing(r)) {
      if (cache) {
        MetadataCache.put(uri(key), MetadataCache.MISSING);
      }
      return -1;
    }
    if (r.statusCode() == 405 || r.statusCode() == 501) {
      byte[] b = get(key); // a server without HEAD
      return b == null ? -1 : b.length;
    }
    long n = contentLength(requireSuccess(r, key).headers());
    if (n < 0) {
      byte[] b = get(key);
      return b == null ? -1 : b.length;
    }
    return n;
  }

  @Override
  public List<String> listChildren(String prefix) {
    throw new StoreException("an HTTP store cannot be listed: it needs consolidated metadata (v3 zarr.json with "
        + "consolidated_metadata, or v2 .zmetadata; zarr.consolidate_metadata() writes it) to find its arrays and groups")
        .at(describe(), prefix);
  }

  @Override
  public StoreException readOnly(String key) {
    return (StoreException) new StoreException("HTTP and IPFS stores are read-only").at(describe(), key);
  }

  /** The body collector for a 2xx answer, given its status and headers. */
  private interface Bodies {
    BodyWindow forSuccess(int status, HttpHeaders headers);
  }

  /**
   * One request with bounded retries. Returns the response for every status that is an answer
   * (2xx, 404, 416, other 4xx); a 2xx body is collected inside the attempt, so a connection
   * dropped mid-body is retried too.
   */
  private HttpResponse<byte[]> send(String key, String method, String range, Bodies bodies) {
    URI uri = uri(key);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .timeout(settings.timeout())
        .header("User-Agent", "zarr-spark")
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (range != null) {
      b.header("Range", range);
    }
    HttpRequest request = b.build();
    HttpResponse.BodyHandler<byte[]> handler = info -> info.statusCode() / 100 == 2
        ? bodies.forSuccess(info.statusCode(), info.headers())
        : HttpResponse.BodySubscribers.replacing(null); // read and dropped: keeps the connection
    String what = method + " " + uri + (range == null ? "" : " (" + range + ")");
    String failure;
    for (int attempt = 1; ; attempt++) {
      long retryAfterMs = 0;
      CompletableFuture<HttpResponse<byte[]>> f = client().sendAsync(request, handler);
      try {
        // The request timeout covers the headers only; this one covers the body too.
        HttpResponse<byte[]> r = f.get(settings.timeoutMs, TimeUnit.MILLISECONDS);
        if (!isRetryable(r.statusCode())) {
          return r;
        }
        failure = "HTTP " + r.statusCode();
        retryAfterMs = retryAfterMs(r.headers());
      } catch (TimeoutException e) {
        f.cancel(true);
        failure = "no complete answer within " + settings.timeoutMs + " ms";
      } catch (ExecutionException e) {
        Throwable c = e.getCause() == null ? e : e.getCause();
        while (c.getCause() != null && !(c instanceof ZarrException) && !(c instanceof IOException)) {
          c = c.getCause();
        }
        if (c instanceof ZarrException) {
          throw ((ZarrException) c).at(describe(), key);
        }
        if (!(c instanceof IOException)) {
          throw new StoreException(what + " failed: " + c, c).at(describe(), key);
        }
        failure = c.toString(); // connection refused, reset or closed early, timed out
      } catch (InterruptedException e) {
        f.cancel(true);
        Thread.currentThread().interrupt();
        throw new StoreException(what + " was interrupted").at(describe(), key);
      }
      if (attempt >= settings.attempts) {
        throw new StoreException(what + " failed after " + attempt + (attempt == 1 ? " attempt: " : " attempts: ")
            + failure).at(describe(), key);
      }
      pause(backoffMs(attempt, retryAfterMs), what, key);
    }
  }

  private HttpClient client() {
    return CLIENTS.computeIfAbsent(settings.connectTimeoutMs, ms -> HttpClient.newBuilder()
        // HTTP/1.1 with keep-alive: plain-http requests would otherwise carry an h2c upgrade
        // that some servers and gateways mishandle.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofMillis(ms))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build());
  }

  private static boolean isRetryable(int status) {
    return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
  }

  private static boolean isMissing(HttpResponse<?> r) {
    return r.statusCode() == 404 || r.statusCode() == 410;
  }

  private HttpResponse<byte[]> requireSuccess(HttpResponse<byte[]> r, String key) {
    int s = r.statusCode();
    if (s / 100 == 2) {
      return r;
    }
    String why = s == 401 || s == 403 ? " (access denied)" : "";
    throw new StoreException(r.request().method() + " " + r.uri() + ": HTTP " + s + why + ", not retried")
        .at(describe(), key);
  }

  /** Exponential backoff with jitter, at least what the server asked for, at most the cap. */
  private long backoffMs(int attempt, long retryAfterMs) {
    long d = Math.min(settings.backoffMaxMs, settings.backoffMs << Math.min(20, attempt - 1));
    long jittered = d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    return Math.min(settings.backoffMaxMs, Math.max(jittered, retryAfterMs));
  }

  private void pause(long ms, String what, String key) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(what + " was interrupted").at(describe(), key);
    }
  }

  private static long retryAfterMs(HttpHeaders h) {
    try {
      return h.firstValue("Retry-After").map(v -> Long.parseLong(v.trim()) * 1000).orElse(0L);
    } catch (NumberFormatException e) {
      return 0; // an HTTP date: the backoff applies
    }
  }

  private static long contentLength(HttpHeaders h) {
    return h.firstValueAsLong("Content-Length").orElse(-1);
  }

  /** START of "Content-Range: bytes START-END/TOTAL", or -1. */
  private static long contentRangeStart(HttpHeaders h) {
    String v = h.firstValue("Content-Range").orElse("").trim();
    int dash = v.indexOf('-');
    if (!v.startsWith("bytes ") || dash < 0) {
      return -1;
    }
    try {
      return Long.parseLong(v.substring(6, dash).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
