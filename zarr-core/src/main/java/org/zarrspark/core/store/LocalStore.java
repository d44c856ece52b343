package org.zarrspark.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.zarrspark.core.error.StoreException;
import org.zarrspark.core.error.TooLargeException;

/**
 * A store over a local directory, with real ranged reads through {@link FileChannel}.
 *
 * <p>Symbolic links inside the store are followed only while they stay inside it: a key whose
 * file (or a directory on its way) is a link to somewhere outside the store's real root raises a
 * {@link StoreException}. A store is often third-party data; a link to {@code /etc/passwd} or
 * another user's files must not turn into query results. The root itself may be a link.
 */
public final class LocalStore implements Store {
  private final Path root;
  private volatile Path realRoot; // found on first use: no I/O in the constructor

  public LocalStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public String describe() {
    return root.toString();
  }

  private Path resolve(String key) {
    Path p = root.resolve(StoreKeys.check(key, describe())).normalize();
    if (!p.startsWith(root)) {
      throw new StoreException("key '" + key + "' resolves outside the store root").at(describe(), key);
    }
    checkLinks(p, key);
    return p;
  }

  /**
   * Refuses a key that symbolic links lead out of the store. A missing file is judged by its
   * nearest existing directory (a write would land there); a dangling link reads as missing.
   */
  private void checkLinks(Path p, String key) {
    Path real = null;
    for (Path q = p; real == null && q != null && q.startsWith(root); q = q.getParent()) {
      try {
        real = q.toRealPath();
      } catch (IOException e) {
        // absent: try the directory above
      }
    }
    if (real == null) {
      return;
    }
    Path inside = realRoot();
    if (!real.startsWith(inside)) {
      throw new StoreException("key '" + key + "' is, or lies under, a symbolic link to " + real
          + ", outside the store root " + inside + " (links are followed only inside the store)").at(describe(), key);
    }
  }

  private Path realRoot() {
    Path r = realRoot;
    if (r == null) {
      try {
        r = root.toRealPath();
      } catch (IOException e) {
        return root; // not created yet: nothing under it can be a link
      }
      realRoot = r;
    }
    return r;
  }

  @Override
  public byte[] get(String key) {
    Path p = resolve(key);
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new TooLargeException("object of " + size + " bytes is too large to read whole")
            .at(describe(), key);
      }
      return readFully(ch, 0, (int) size, key);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      if (Files.isDirectory(p) || !Files.isDirectory(p.getParent())) {
        return null; // a folder, or a key under a file ("Not a directory"): no such object
      }
      throw new StoreException("cannot read: " + e, e).at(describe(), key);
    }
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    if (offset < 0 || length < 0) {
      throw new StoreException("invalid range offset=" + offset + " length=" + length).at(describe(), key);
    }
    try (FileChannel ch = FileChannel.open(resolve(key), StandardOpenOption.READ)) {
      long size = ch.size();
      int n = (int) Math.max(0, Math.min(length, size - offset));
      return readFully(ch, offset, n, key);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new StoreException("cannot read range: " + e, e).at(describe(), key);
    }
  }

  @Override
  public byte[] getSuffix(String key, int length) {
    try (FileChannel ch = FileChannel.open(resolve(key), StandardOpenOption.READ)) {
      long size = ch.size();
      int n = (int) Math.min(length, size);
      return readFully(ch, size - n, n, key);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new StoreException("cannot read suffix: " + e, e).at(describe(), key);
    }
  }

  private byte[] readFully(FileChannel ch, long offset, int n, String key) throws IOException {
    byte[] out = new byte[n];
    ByteBuffer buf = ByteBuffer.wrap(out);
    long pos = offset;
    while (buf.hasRemaining()) {
      int r = ch.read(buf, pos);
      if (r < 0) {
        throw new StoreException("object ended early while reading").at(describe(), key);
      }
      pos += r;
    }
    return out;
  }

  @Override
  public long size(String key) {
    Path p = resolve(key);
    try {
      return Files.isRegularFile(p) ? Files.size(p) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public java.time.Instant lastModified(String key) {
    Path p = resolve(key);
    try {
      return Files.isRegularFile(p) ? Files.getLastModifiedTime(p).toInstant() : null;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public List<String> listChildren(String prefix) {
    Path dir = resolve(prefix);
    if (!Files.isDirectory(dir)) {
      return Collections.emptyList();
    }
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        out.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      throw new StoreException("cannot list: " + e, e).at(describe(), prefix);
    }
    Collections.sort(out);
    return out;
  }

  @Override
  public void put(String key, byte[] value) {
    Path p = resolve(key);
    try {
      Files.createDirectories(p.getParent());
      // Write beside and move, so a reader never sees half a chunk.
      Path tmp = p.resolveSibling("." + p.getFileName() + ".tmp-" + Thread.currentThread().getId());
      Files.write(tmp, value);
      Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StoreException("cannot write: " + e, e).at(describe(), key);
    }
  }

  @Override
  public void delete(String key) {
    try {
      Files.deleteIfExists(resolve(key));
    } catch (IOException e) {
      throw new StoreException("cannot delete: " + e, e).at(describe(), key);
    }
  }

  @Override
  public void deletePrefix(String prefix) {
    Path dir = resolve(prefix);
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new StoreException("cannot delete: " + e, e).at(describe(), prefix);
    }
  }

  @Override
  public String toString() {
    return describe();
  }
}
