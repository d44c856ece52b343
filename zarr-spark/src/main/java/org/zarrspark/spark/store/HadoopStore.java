package org.zarrspark.spark.store;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FutureDataInputStreamBuilder;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.functional.FutureIO;
import org.zarrspark.core.error.StoreException;
import org.zarrspark.core.error.TooLargeException;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;
import org.zarrspark.core.store.StoreUri;

/**
 * A store over any Hadoop {@link FileSystem} (hdfs, s3a, abfs, gs, ...). The FileSystem
 * instance comes from Hadoop's cache and is never closed here: other users share it.
 *
 * <p>Reads go through {@code openFile()} so that object stores make as few requests as they can:
 * a whole read is one GET (on S3A by declaring an upper bound as the length, see {@link #get});
 * ranges use the "random" read policy and pass the object's length when it is known, which
 * lets S3A skip its HEAD. Lengths learnt from a status call (a shard's,
 * before reading its index) are remembered, so the inner-chunk reads that follow cost one ranged
 * GET each.
 *
 * <p>(Over 300 lines: each read's request economy on object stores is explained beside it.)
 */
public final class HadoopStore implements Store {
  private static final int MAX_OBJECT = Integer.MAX_VALUE - 8;
  /** Object lengths kept per store (a store lives for one task or one scan plan). */
  private static final int MAX_KNOWN_LENGTHS = 4096;
  /** S3A's read-ahead for random reads; 0 makes a ranged GET fetch exactly the range. */
  private static final String S3A_READAHEAD = "fs.s3a.readahead.range";
  private static final String S3A_STREAM_TYPE = "fs.s3a.input.stream.type";
  /** Hadoop's openFile() option names (Options.OpenFileOptions since Hadoop 3.3.5). */
  private static final String READ_POLICY = "fs.option.openfile.read.policy";
  private static final String OPENFILE_LENGTH = "fs.option.openfile.length";
  private static final String POLICY_WHOLE_FILE = "whole-file";
  private static final String POLICY_RANDOM = "random";

  private final String uri;
  private final Path root;
  private final Configuration conf;
  private transient volatile FileSystem fs;
  private final Map<String, Long> lengths = new ConcurrentHashMap<>();

  /** No I/O here: the FileSystem is obtained on first use. */
  public HadoopStore(String uri, Configuration conf) {
    this.uri = StoreUri.stripTrailingSlashes(uri);
    this.root = new Path(this.uri);
    this.conf = conf;
  }

  private FileSystem fs() {
    FileSystem f = fs;
    if (f == null) {
      try {
        f = FileSystem.get(URI.create(uri), withClassicS3aStream(conf));
      } catch (IOException e) {
        throw new StoreException("cannot open filesystem: " + e.getMessage(), e).at(uri, "");
      }
      fs = f;
    }
    return f;
  }

  /**
   * Hadoop 3.5's S3A reads through the "analytics" stream by default, which looks every object up
   * first (a HEAD even when the length is given) and does not retry 503s the way S3A does; the
   * classic stream keeps to the requests this store plans. A setting of the user's wins.
   */
  private Configuration withClassicS3aStream(Configuration c) {
    if (!s3a() || c.get(S3A_STREAM_TYPE) != null) {
      return c;
    }
    Configuration copy = new Configuration(c);
    copy.set(S3A_STREAM_TYPE, "classic");
    return copy;
  }

  private Path path(String key) {
    String k = StoreKeys.check(key, describe());
    return k.isEmpty() ? root : new Path(root, k);
  }

  @Override
  public String describe() {
    return uri;
  }

  /**
   * Opens a key for reading. {@code length} (or -1) is passed on so that the filesystem need not
   * look the object up; a missing key throws FileNotFoundException here or at the first read.
   */
  private FSDataInputStream open(String key, String policy, long length, int readahead) throws IOException {
    Path p = path(key);
    FutureDataInputStreamBuilder b = fs().openFile(p)
        .opt(READ_POLICY, policy);
    // Options as strings: Hadoop 3.3.4 (Spark 3.5) has neither the constants nor optLong, and
    // ignores optional keys it does not know; its S3A takes the length from a status instead.
    if (length >= 0) {
      b.opt(OPENFILE_LENGTH, Long.toString(length));
      FileStatus status = S3aStatus.of(fs(), fs().makeQualified(p), length);
      if (status != null) {
        b.withFileStatus(status);
      }
    }
    if (readahead >= 0) {
      b.opt(S3A_READAHEAD, Long.toString(readahead));
    }
    return FutureIO.awaitFuture(b.build());
  }

  @Override
  public byte[] get(String key) {
    Long known = lengths.get(key);
    boolean bounded = known == null && s3a();
    // On S3A an open of unknown length costs a HEAD before the GET. Declaring an upper bound
    // instead makes it one GET of "bytes=0-bound", which S3 answers with the whole object; the
    // equal read-ahead lets S3A drain (not abort) the connection at the object's real end.
    long length = bounded ? MAX_OBJECT : known == null ? -1 : known;
    try (FSDataInputStream in = open(key, POLICY_WHOLE_FILE,
        length, bounded ? MAX_OBJECT : -1)) {
      return readToEnd(in, key);
    } catch (FileNotFoundException e) {
      return null;
    } catch (EOFException e) {
      if (bounded) {
        // 416: the range starts past the end, so the object exists and is empty.
        return new byte[0];
      }
      throw new StoreException("cannot read: " + e.getMessage(), e).at(uri, key);
    } catch (IOException e) {
      throw new StoreException("cannot read: " + e.getMessage(), e).at(uri, key);
    }
  }

  private boolean s3a() {
    return root.toUri().getScheme() != null && root.toUri().getScheme().equals("s3a");
  }

  /** Reads a stream to its end without knowing its length first (that would cost a request). */
  private byte[] readToEnd(FSDataInputStream in, String key) throws IOException {
    byte[] buf = new byte[64 * 1024];
    int n = 0;
    while (true) {
      if (n == buf.length) {
        if (n == MAX_OBJECT) {
          if (in.read() < 0) {
            return buf;
          }
          throw new TooLargeException("object of more than " + MAX_OBJECT + " bytes is too large to read whole")
              .at(uri, key);
        }
        buf = Arrays.copyOf(buf, (int) Math.min(MAX_OBJECT, 2L * buf.length));
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
      }
      n += r;
    }
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    if (offset < 0 || length < 0) {
      throw new StoreException("invalid range offset=" + offset + " length=" + length).at(uri, key);
    }
    if (length > 0 && s3a() && !lengths.containsKey(key)) {
      // S3A looks an object of unknown length up (a HEAD) before a read. Declaring the range's
      // end as its length makes the read one ranged GET (an Icechunk chunk, whose manifest gives
      // offset and length); only an object that ends before the range is then looked up.
      byte[] out = new byte[length];
      try (FSDataInputStream in = open(key, POLICY_RANDOM,
          offset + length, 0)) {
        in.readFully(offset, out);
        return out;
      } catch (FileNotFoundException e) {
        return null;
      } catch (EOFException e) {
        // shorter than the range: its length clips the range below
      } catch (IOException e) {
        throw new StoreException("cannot read range: " + e.getMessage(), e).at(uri, key);
      }
    }
    long size = size(key);
    if (size < 0) {
      return null;
    }
    return readRange(key, size, offset, (int) Math.max(0, Math.min(length, size - offset)));
  }

  @Override
  public byte[] getSuffix(String key, int length) {
    long size = size(key);
    if (size < 0) {
      return null;
    }
    int n = (int) Math.min(length, size);
    return readRange(key, size, size - n, n);
  }

  /** {@code n} bytes from {@code offset} of an object of known size: one ranged read. */
  private byte[] readRange(String key, long size, long offset, int n) {
    byte[] out = new byte[n];
    if (n == 0) {
      return out;
    }
    try (FSDataInputStream in = open(key, POLICY_RANDOM, size, 0)) {
      in.readFully(offset, out);
      return out;
    } catch (FileNotFoundException e) {
      lengths.remove(key);
      return null;
    } catch (IOException e) {
      throw new StoreException("cannot read range: " + e.getMessage(), e).at(uri, key);
    }
  }

  /** The object's length: remembered, else one status call (S3A: a HEAD; a LIST too if missing). */
  @Override
  public java.time.Instant lastModified(String key) {
    try {
      FileStatus st = fs().getFileStatus(path(key));
      return st.isFile() && st.getModificationTime() > 0 ? java.time.Instant.ofEpochMilli(st.getModificationTime()) : null;
    } catch (IOException e) {
      return null; // unknown: the read itself reports a missing or unreadable target
    }
  }

  /** The object's etag where the file system reports one (S3A, ABFS: Hadoop's EtagSource). */
  @Override
  public String etag(String key) {
    try {
      FileStatus st = fs().getFileStatus(path(key));
      return st instanceof org.apache.hadoop.fs.EtagSource e ? e.getEtag() : null;
    } catch (IOException e) {
      return null; // unknown: the read itself reports a missing or unreadable target
    }
  }

  @Override
  public long size(String key) {
    Long known = lengths.get(key);
    if (known != null) {
      return known;
    }
    try {
      FileStatus st = fs().getFileStatus(path(key));
      if (!st.isFile()) {
        return -1;
      }
      if (lengths.size() >= MAX_KNOWN_LENGTHS) {
        lengths.clear();
      }
      lengths.put(key, st.getLen());
      return st.getLen();
    } catch (FileNotFoundException e) {
      return -1;
    } catch (IOException e) {
      throw new StoreException("cannot stat: " + e.getMessage(), e).at(uri, key);
    }
  }

  /** Opening without reading: on S3A one HEAD whether or not the key exists, and no LIST. */
  @Override
  public boolean exists(String key) {
    if (lengths.containsKey(key)) {
      return true;
    }
    try (FSDataInputStream in = open(key, POLICY_RANDOM, -1, -1)) {
      return true;
    } catch (FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw new StoreException("cannot check: " + e.getMessage(), e).at(uri, key);
    }
  }

  @Override
  public List<String> listChildren(String prefix) {
    try {
      List<String> out = new ArrayList<>();
      for (FileStatus st : fs().listStatus(path(prefix))) {
        out.add(st.getPath().getName());
      }
      Collections.sort(out);
      return out;
    } catch (FileNotFoundException e) {
      return Collections.emptyList();
    } catch (IOException e) {
      throw new StoreException("cannot list: " + e.getMessage(), e).at(uri, prefix);
    }
  }

  @Override
  public void put(String key, byte[] value) {
    lengths.remove(key);
    try (OutputStream out = fs().create(path(key), true)) {
      out.write(value);
    } catch (IOException e) {
      throw new StoreException("cannot write: " + e.getMessage(), e).at(uri, key);
    }
  }

  @Override
  public void delete(String key) {
    lengths.remove(key);
    try {
      fs().delete(path(key), false);
    } catch (IOException e) {
      throw new StoreException("cannot delete: " + e.getMessage(), e).at(uri, key);
    }
  }

  @Override
  public void deletePrefix(String prefix) {
    lengths.clear();
    try {
      fs().delete(path(prefix), true);
    } catch (IOException e) {
      throw new StoreException("cannot delete: " + e.getMessage(), e).at(uri, prefix);
    }
  }

  @Override
  public String toString() {
    return uri;
  }
}
