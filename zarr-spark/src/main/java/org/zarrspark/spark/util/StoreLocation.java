package org.zarrspark.spark.util;

import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.zarrspark.core.icechunk.IcechunkRepository;
import org.zarrspark.core.icechunk.ObjectId;
import org.zarrspark.core.icechunk.SnapshotStore;
import org.zarrspark.core.icechunk.VirtualChunks;
import org.zarrspark.core.refs.JsonReferences;
import org.zarrspark.core.refs.ReferenceSet;
import org.zarrspark.core.refs.ReferenceSets;
import org.zarrspark.core.refs.ReferenceStore;
import org.zarrspark.core.refs.Remap;
import org.zarrspark.core.store.CountingStore;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.store.RangeTargets;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreProvider;
import org.zarrspark.core.store.StoreProviders;
import org.zarrspark.core.store.StoreSettings;
import org.zarrspark.core.store.StoreUri;
import org.zarrspark.spark.store.ParquetRecordSource;
import org.zarrspark.spark.store.HadoopSettings;

/**
 * Where a store lives, as a URI plus the Hadoop settings to reach it; the store itself comes
 * from the {@link StoreProviders#standard() provider table} (local paths, HTTP(S)/IPFS with
 * their zarr.http.* and zarr.ipfs.gateway settings read from the Hadoop configuration, and
 * every other scheme through Hadoop's FileSystem).
 */
public final class StoreLocation implements Serializable {
  private static final long serialVersionUID = 1L;

  private final StoreUri uri;
  /** Travels with the location only where opening the store needs it: not for local paths. */
  private final SerializableConf conf;
  /** The configuration this was made with, for local paths (kept on the side that made it). */
  private final transient Configuration localConf;
  /** For an Icechunk repository: the snapshot read and where virtual chunks may be read; else null. */
  private final Snapshot snapshot;

  /** For a kerchunk reference set (the location is the set: a JSON file, a Parquet directory, or a NetCDF-4 / HDF5 file whose references are computed); else null. */
  private final References references;

  /**
   * A kerchunk reference set: JSON, Parquet or NetCDF-4 / HDF5 files, and the target remapping
   * ({@code referenceRemap}). For NetCDF-4 / HDF5 files, {@code computed} holds the references the
   * driver computed, as kerchunk JSON, so that tasks do not read every file's headers again.
   */
  public record References(ReferenceSets.Kind kind, String remap, byte[] computed) implements Serializable {
    public References(ReferenceSets.Kind kind, String remap) {
      this(kind, remap, null);
    }
  }

  /** An Icechunk snapshot, and the URL prefixes its virtual chunks may be read from. */
  public record Snapshot(String id, List<String> authorizedVirtual) implements Serializable {}

  public StoreLocation(String uri, Configuration conf) {
    this(uri, conf, null);
  }

  public StoreLocation(String uri, Configuration conf, Snapshot snapshot) {
    this(uri, conf, snapshot, null);
  }

  public StoreLocation(String uri, Configuration conf, Snapshot snapshot, References references) {
    this.uri = new StoreUri(uri);
    this.snapshot = snapshot;
    this.references = references;
    // A Hadoop configuration is hundreds of entries: every scan broadcasts its location, and a
    // local store never reads them (unless virtual chunks may be read elsewhere).
    boolean travels = provider().needsSettings() || references != null
        || (snapshot != null && !snapshot.authorizedVirtual().isEmpty());
    this.conf = travels ? new SerializableConf(conf) : null;
    this.localConf = travels ? null : conf;
  }

  /** The same location at an Icechunk snapshot. */
  public StoreLocation at(Snapshot s) {
    return new StoreLocation(uri.text(), conf(), s);
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  public References references() {
    return references;
  }

  private StoreProvider provider() {
    return StoreProviders.standard().providerFor(uri);
  }

  public String uri() {
    return uri.text();
  }

  public Configuration conf() {
    if (conf != null) {
      return conf.get();
    }
    return localConf != null ? localConf : new Configuration();
  }

  /**
   * Opens the store; no I/O happens until a key is read. At an Icechunk snapshot, the store is
   * that snapshot seen as a Zarr v3 store (its chunks looked up in the repository's manifests).
   */
  public Store open() {
    if (references != null) {
      return openReferences(s -> s);
    }
    Store base = openBase();
    return snapshot == null ? base : openSnapshot(IcechunkRepository.open(base));
  }

  /** A store for a task, and the counter of the requests it makes to the store underneath. */
  public record Counted(Store store, CountingStore counter) {}

  /**
   * Opens the store with its requests counted where they reach the real store: for an Icechunk
   * snapshot, the repository's objects (snapshot, manifests, chunks), not the keys a reader asks;
   * for a reference set, the reads of the set file and of the target files (adjacent chunks of a
   * file are one ranged read; inline chunks none).
   */
  public Counted openCounted() {
    if (references != null) {
      // Every store the set opens (the set file's directory, each target directory) counts here.
      CountingStore tally = new CountingStore(new MemoryStore());
      Store refs = openReferences(s -> new CountingStore(s, tally));
      return new Counted(refs, tally);
    }
    CountingStore counter = new CountingStore(openBase());
    return new Counted(snapshot == null ? counter : openSnapshot(IcechunkRepository.open(counter)), counter);
  }

  private Store openBase() {
    StoreProvider p = provider();
    return p.open(uri, p.needsSettings() ? new HadoopSettings(conf()) : StoreSettings.NONE);
  }

  /**
   * A kerchunk reference set as a store: the JSON file parsed (or the Parquet set's .zmetadata
   * read) once per store, i.e. once per task; targets opened through this location's settings.
   */
  private Store openReferences(java.util.function.UnaryOperator<Store> wrap) {
    Configuration c = conf();
    RangeTargets.Opener opener = dir -> wrap.apply(new StoreLocation(dir, c).open());
    String at = uri.text();
    ReferenceSet set = references.computed() != null ? JsonReferences.parse(references.computed())
        : switch (references.kind()) {
      case JSON -> ReferenceSets.readJson(at, opener);
      case HDF5 -> ReferenceSets.readHdf5(at, opener);
      case PARQUET -> ReferenceSets.readParquet(at, opener.apply(at), new ParquetRecordSource(at, c));
    };
    return new ReferenceStore(set, at, ReferenceSets.parent(at), Remap.parse(references.remap()),
        new RangeTargets(opener));
  }

  /** The snapshot store over a repository already open (the driver's, which has read its refs). */
  public Store openSnapshot(IcechunkRepository repo) {
    Configuration c = conf();
    RangeTargets.Opener targets = dir -> new StoreLocation(dir, c).open();
    return new SnapshotStore(repo, ObjectId.parse12(snapshot.id()),
        new VirtualChunks(snapshot.authorizedVirtual(), targets, repo::config));
  }
}
