package org.zarrspark.core.store;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.zarrspark.core.error.MissingTargetException;
import org.zarrspark.core.error.StoreException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.UnsupportedSchemeException;
import org.zarrspark.core.error.ZarrException;

/**
 * Byte ranges of files named by URL: what kerchunk references and Icechunk virtual chunks point
 * at. A URL is split into its directory, opened once as a store through an {@link Opener} (one
 * per directory, kept for the life of this object, i.e. a task), and the file's name in it. Reads
 * are checked: a missing file and a range past the file's end are errors naming the URL, never
 * short data. Who may be read is the caller's business (Icechunk authorises prefixes).
 */
public final class RangeTargets {
  /** Opens a store at a directory URL (file:, s3a:, gs:, abfs:, http(s):, a plain path, ...). */
  public interface Opener extends Function<String, Store>, Serializable {}

  private final Opener opener;
  private final Map<String, Store> stores = new ConcurrentHashMap<>();

  public RangeTargets(Opener opener) {
    this.opener = opener;
  }

  /** A target's directory and name. */
  public record Target(String url, String dir, String name) {}

  /** The URL a store can open: {@code s3://} is Hadoop's {@code s3a://}. */
  public static String storeUrl(String location) {
    return location.startsWith("s3://") ? "s3a://" + location.substring("s3://".length()) : location;
  }

  /** Splits a target URL (after {@link #storeUrl}) into directory and file name. */
  public static Target split(String location) {
    String url = storeUrl(location);
    int slash = url.lastIndexOf('/');
    if (slash < 0) {
      return new Target(url, ".", url);
    }
    String dir = url.substring(0, slash);
    if (dir.isEmpty() || dir.endsWith(":") || dir.endsWith(":/")) {
      dir = url.substring(0, slash + 1);
    }
    return new Target(url, dir, url.substring(slash + 1));
  }

  /** The store of a target's directory (opened once); opening failures name the URL. */
  public Store store(Target t) {
    try {
      return stores.computeIfAbsent(t.dir(), opener);
    } catch (UnsupportedSchemeException e) {
      throw new UnsupportedSchemeException(t.url(), e.scheme(), e.knownSchemes());
    } catch (ZarrException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the target " + t.url() + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code length} bytes at {@code offset} of the file at {@code location}; {@code what} names the
   * reader of the bytes in errors (e.g. "chunk tas/1.0.0"). Errors carry no location: the caller
   * attaches its own (the reference set and key).
   */
  public byte[] read(String location, long offset, int length, String what) {
    Target t = split(location);
    Store store = store(t);
    byte[] bytes;
    try {
      bytes = store.getRange(t.name(), offset, length);
    } catch (ZarrException e) {
      throw new StoreException(what + ": cannot read its target " + location + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new StoreException(what + ": cannot read its target " + location + ": " + e.getMessage(), e);
    }
    if (bytes == null) {
      throw new MissingTargetException(what + ": its target " + location + " does not exist");
    }
    if (bytes.length != length) {
      throw new TruncatedChunkException(what + ": the range of " + length + " bytes at offset " + offset + " of "
          + location + " runs past the end of the file (" + bytes.length + " bytes there)");
    }
    return bytes;
  }

  /** The size of the file at {@code location}; a missing file is an error naming it. */
  public long size(String location, String what) {
    Target t = split(location);
    long n;
    try {
      n = store(t).size(t.name());
    } catch (UnsupportedSchemeException e) {
      throw e;
    } catch (ZarrException e) {
      throw new StoreException(what + ": cannot read its target " + location + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new StoreException(what + ": cannot read its target " + location + ": " + e.getMessage(), e);
    }
    if (n < 0) {
      throw new MissingTargetException(what + ": its target " + location + " does not exist");
    }
    return n;
  }

  /** When the target was last written, where its store knows it. */
  public Instant lastModified(String location) {
    Target t = split(location);
    return store(t).lastModified(t.name());
  }

  /** A target's entity tag, where its store knows one (null otherwise). */
  public String etag(String location) {
    Target t = split(location);
    return store(t).etag(t.name());
  }
}
