package org.zarrspark.core.icechunk;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.UnauthorizedVirtualChunkException;
import org.zarrspark.core.store.Store;

/**
 * Reads virtual chunks: byte ranges of files outside the repository, named by absolute URLs. As
 * Icechunk itself requires, a target is read only under a URL prefix the user authorised: a
 * repository is third-party data and must not make a cluster read local files or buckets nobody
 * allowed. A target that changed since the reference was written (last-modified later than
 * recorded) is an error, not other data.
 */
public final class VirtualChunks {
  /** The option that authorises virtual chunk targets, named in errors. */
  public static final String OPTION = "authorizeVirtualChunks";

  /** Opens a store at a directory URL (file:, s3a:, gs:, abfs:, http(s):, ...). */
  public interface Opener extends Function<String, Store>, Serializable {}

  private final List<String> authorized;
  private final Opener opener;
  /** The repository's configuration, read only to name a container in an error. */
  private final Supplier<RepoConfig> config;
  private final Map<String, Store> stores = new ConcurrentHashMap<>();

  public VirtualChunks(List<String> authorized, Opener opener, Supplier<RepoConfig> config) {
    this.authorized = List.copyOf(authorized);
    this.opener = opener;
    this.config = config;
  }

  /** {@code length} bytes at {@code offset} of the chunk {@code ref}, read for {@code key}. */
  public byte[] read(ChunkRef.Virtual ref, long offset, int length, String key) {
    String url = targetUrl(ref.location());
    String container = containerPrefix(ref.location());
    if (authorized.stream().noneMatch(p -> url.startsWith(p) || ref.location().startsWith(p))) {
      throw new UnauthorizedVirtualChunkException("virtual chunk " + key + " refers to " + ref.location()
          + " in the container " + container + ", which is not authorised: add its prefix to the reader option '"
          + OPTION + "' (comma-separated URL prefixes)").at(container, key);
    }
    int slash = url.lastIndexOf('/');
    String dir = url.substring(0, slash);
    String name = url.substring(slash + 1);
    Store store = stores.computeIfAbsent(dir, opener);
    if (ref.lastModified() != null) {
      Instant now = store.lastModified(name);
      if (now != null && now.getEpochSecond() > ref.lastModified().getEpochSecond()) {
        throw new ChecksumMismatchException("virtual chunk " + key + ": its target " + ref.location()
            + " was modified at " + now + ", after the reference was written (" + ref.lastModified() + ")")
            .at(dir, name);
      }
    }
    byte[] bytes = store.getRange(name, ref.offset() + offset, length);
    if (bytes == null) {
      throw new CorruptChunkException("virtual chunk " + key + ": its target " + ref.location() + " does not exist")
          .at(dir, name);
    }
    if (bytes.length != length) {
      throw new TruncatedChunkException("virtual chunk " + key + ": " + ref.location() + " holds " + bytes.length
          + " bytes at offset " + (ref.offset() + offset) + " where the reference needs " + length).at(dir, name);
    }
    return bytes;
  }

  /** The URL a store can open: Icechunk's s3:// is Hadoop's s3a://. */
  static String targetUrl(String location) {
    return location.startsWith("s3://") ? "s3a://" + location.substring("s3://".length()) : location;
  }

  /** The repository's container for a URL, else the URL's scheme and bucket (or its directory). */
  private String containerPrefix(String location) {
    RepoConfig.VirtualChunkContainer c = config.get().containerFor(location);
    if (c != null) {
      return c.urlPrefix();
    }
    int scheme = location.indexOf("://");
    int end = scheme < 0 ? -1 : location.indexOf('/', scheme + 3);
    return end < 0 ? location.substring(0, location.lastIndexOf('/') + 1) : location.substring(0, end + 1);
  }
}
