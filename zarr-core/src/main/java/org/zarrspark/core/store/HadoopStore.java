package org.zarrspark.core.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.zarrspark.core.error.StoreException;
import org.zarrspark.core.error.TooLargeException;

/**
 * A store over any Hadoop {@link FileSystem} (file, hdfs, s3a, abfs, gs, ...). The FileSystem
 * instance comes from Hadoop's cache and is never closed here: other users share it.
 */
public final class HadoopStore implements Store {
  private final String uri;
  private final Path root;
  private final Configuration conf;
  private transient volatile FileSystem fs;

  /** No I/O here: the FileSystem is obtained on first use. */
  public HadoopStore(String uri, Configuration conf) {
    this.uri = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    this.root = new Path(this.uri);
    this.conf = conf;
  }

  private FileSystem fs() {
    FileSystem f = fs;
    if (f == null) {
      try {
        f = FileSystem.get(URI.create(uri), conf);
      } catch (IOException e) {
        throw new StoreException("cannot open filesystem: " + e.getMessage(), e).at(uri, "");
      }
      fs = f;
    }
    return f;
  }

  private Path path(String key) {
    String k = StoreKeys.check(key);
    return k.isEmpty() ? root : new Path(root, k);
  }

  @Override
  public String describe() {
    return uri;
  }

  @Override
  public byte[] get(String key) {
    try (FSDataInputStream in = fs().open(path(key))) {
      long len = fs().getFileStatus(path(key)).getLen();
      if (len > Integer.MAX_VALUE - 8) {
        throw new TooLargeException("object of " + len + " bytes is too large to read whole").at(uri, key);
      }
      byte[] out = new byte[(int) len];
      in.readFully(0, out);
      return out;
    } catch (FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw new StoreException("cannot read: " + e.getMessage(), e).at(uri, key);
    }
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    try (FSDataInputStream in = fs().open(path(key))) {
      long len = fs().getFileStatus(path(key)).getLen();
      int n = (int) Math.max(0, Math.min(length, len - offset));
      byte[] out = new byte[n];
      in.readFully(offset, out);
      return out;
    } catch (FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw new StoreException("cannot read range: " + e.getMessage(), e).at(uri, key);
    }
  }

  @Override
  public byte[] getSuffix(String key, int length) {
    long len = size(key);
    if (len < 0) {
      return null;
    }
    long from = Math.max(0, len - length);
    return getRange(key, from, (int) (len - from));
  }

  @Override
  public long size(String key) {
    try {
      FileStatus st = fs().getFileStatus(path(key));
      return st.isFile() ? st.getLen() : -1;
    } catch (FileNotFoundException e) {
      return -1;
    } catch (IOException e) {
      throw new StoreException("cannot stat: " + e.getMessage(), e).at(uri, key);
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
    try (OutputStream out = fs().create(path(key), true)) {
      out.write(value);
    } catch (IOException e) {
      throw new StoreException("cannot write: " + e.getMessage(), e).at(uri, key);
    }
  }

  @Override
  public void delete(String key) {
    try {
      fs().delete(path(key), false);
    } catch (IOException e) {
      throw new StoreException("cannot delete: " + e.getMessage(), e).at(uri, key);
    }
  }

  @Override
  public void deletePrefix(String prefix) {
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
