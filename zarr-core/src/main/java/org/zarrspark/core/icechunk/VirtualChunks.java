package org.zarrspark.core.icechunk;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.UnauthorizedVirtualChunkException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.store.RangeTargets;

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


  private final List<String> authorized;
  private final RangeTargets targets;
  /** The repository's configuration, read only to name a container in an error. */
  private final Supplier<RepoConfig> config;
  /** Targets whose checksum has been checked (once per target and checksum, not per chunk). */
  private final java.util.Set<String> verified = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public VirtualChunks(List<String> authorized, RangeTargets.Opener opener, Supplier<RepoConfig> config) {
    this.authorized = List.copyOf(authorized);
    this.targets = new RangeTargets(opener);
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
    String checksum = ref.location() + "|" + ref.etag() + "|" + ref.lastModified();
    if ((ref.lastModified() != null || ref.etag() != null) && !verified.contains(checksum)) {
      check(ref, key);
      verified.add(checksum); // only once it held: a failed check fails every later read too
    }
    byte[] bytes;
    try {
      bytes = targets.read(ref.location(), ref.offset() + offset, length, "virtual chunk " + key);
    } catch (ZarrException e) {
      RangeTargets.Target t = RangeTargets.split(ref.location());
      throw e.at(t.dir(), t.name());
    }
    return bytes;
  }

  /** The target must be the file the reference was written for: same etag, not modified since. */
  private void check(ChunkRef.Virtual ref, String key) {
    if (ref.lastModified() != null) {
      Instant now = targets.lastModified(ref.location());
      if (now != null && now.getEpochSecond() > ref.lastModified().getEpochSecond()) {
        RangeTargets.Target t = RangeTargets.split(ref.location());
        throw new ChecksumMismatchException("virtual chunk " + key + ": its target " + ref.location()
            + " was modified at " + now + ", after the reference was written (" + ref.lastModified() + ")")
            .at(t.dir(), t.name());
      }
    }
    if (ref.etag() != null) {
      String now = targets.etag(ref.location());
      if (now != null && !unquoted(now).equals(unquoted(ref.etag()))) {
        RangeTargets.Target t = RangeTargets.split(ref.location());
        throw new ChecksumMismatchException("virtual chunk " + key + ": its target " + ref.location()
            + " has the etag " + now + ", not the " + ref.etag() + " the reference was written with (it changed)")
            .at(t.dir(), t.name());
      }
    }
  }

  private static String unquoted(String etag) {
    String e = etag.startsWith("W/") ? etag.substring(2) : etag;
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
  }

  /** The URL a store can open: Icechunk's s3:// is Hadoop's s3a://. */
  static String targetUrl(String location) {
    return RangeTargets.storeUrl(location);
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
