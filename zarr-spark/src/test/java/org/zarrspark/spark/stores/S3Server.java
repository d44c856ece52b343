package org.zarrspark.spark.stores;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A real S3 server in the test JVM: s3proxy 4.1.0 over its in-memory blob store on 127.0.0.1,
 * behind a {@link CountingProxy} that records every request S3A sends. s3proxy runs in a class
 * loader of its own (its classpath is written by the test-s3proxy module), since it needs
 * Jackson 3 and a newer AWS SDK than Spark 4.0 and hadoop-aws 3.4.1 bring. Fixtures are uploaded
 * with the SDK straight to s3proxy, so uploads are not counted.
 */
public final class S3Server implements AutoCloseable {
  public static final String ACCESS_KEY = "zarr-access";
  public static final String SECRET_KEY = "zarr-secret";
  private static final String CLASSPATH_FILE = "../test-s3proxy/target/s3proxy.classpath";

  private final URLClassLoader loader;
  private final Object s3proxy;
  private final int port;
  private final Object blobStore;
  private final CountingProxy proxy;

  private S3Server(URLClassLoader loader, Object s3proxy, int port, Object blobStore, CountingProxy proxy) {
    this.loader = loader;
    this.s3proxy = s3proxy;
    this.port = port;
    this.blobStore = blobStore;
    this.proxy = proxy;
  }

  /** Starts the server, or skips the calling test when s3proxy's classpath was not built. */
  public static S3Server start() throws Exception {
    Path cpFile = Paths.get(System.getProperty("zarr.s3proxy.classpath", CLASSPATH_FILE));
    assumeTrue(Files.isRegularFile(cpFile), "no " + cpFile.toAbsolutePath()
        + " (built by the test-s3proxy module: run Maven from the project root): skipping S3 tests");
    List<URL> urls = new ArrayList<>();
    for (String p : Files.readString(cpFile, StandardCharsets.UTF_8).trim().split(java.io.File.pathSeparator)) {
      urls.add(Paths.get(p).toUri().toURL());
    }
    URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(loader); // s3proxy's threads inherit it
    try {
      Object blobs = loader.loadClass("org.gaul.s3proxy.BlobStores")
          .getMethod("create", String.class, Properties.class).invoke(null, "transient", new Properties());
      Class<?> s3proxyClass = loader.loadClass("org.gaul.s3proxy.S3Proxy");
      Object builder = s3proxyClass.getMethod("builder").invoke(null);
      Class<?> b = builder.getClass();
      b.getMethod("blobStore", loader.loadClass("org.gaul.s3proxy.blobstore.BlobStore")).invoke(builder, blobs);
      b.getMethod("endpoint", URI.class).invoke(builder, URI.create("http://127.0.0.1:0"));
      Class<?> authType = loader.loadClass("org.gaul.s3proxy.auth.AuthenticationType");
      Object v2v4 = authType.getField("AWS_V2_OR_V4").get(null);
      b.getMethod("awsAuthentication", authType, String.class, String.class).invoke(builder, v2v4, ACCESS_KEY, SECRET_KEY);
      Object s3 = b.getMethod("build").invoke(builder);
      s3proxyClass.getMethod("start").invoke(s3);
      Method state = s3proxyClass.getMethod("getState");
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!"STARTED".equals(state.invoke(s3))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("s3proxy did not start: " + state.invoke(s3));
        }
        Thread.sleep(10);
      }
      int port = (int) s3proxyClass.getMethod("getPort").invoke(s3);
      return new S3Server(loader, s3, port, blobs, new CountingProxy(port));
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  public CountingProxy proxy() {
    return proxy;
  }

  /**
   * Creates a bucket named {@code base} plus a suffix unique to this server, so that Hadoop's
   * FileSystem cache (keyed by bucket) never hands out a filesystem bound to another server.
   */
  public String createBucket(String base) throws Exception {
    String bucket = base + "-" + Integer.toHexString(System.identityHashCode(this));
    blobStore.getClass().getMethod("createContainer", String.class).invoke(blobStore, bucket);
    return bucket;
  }

  /** Uploads every file under {@code dir} to {@code bucket/prefix/<relative path>}, straight to s3proxy. */
  public void upload(Path dir, String bucket, String prefix) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
    }
    try (S3Client client = S3Client.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build()) {
      for (Path f : files) {
        String key = prefix + "/" + dir.relativize(f).toString().replace('\\', '/');
        client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromFile(f));
      }
    }
  }

  /**
   * S3A settings for this server (without Spark's "spark.hadoop." prefix): path-style plain HTTP
   * to the counting proxy, static keys, and S3A's retries made few and quick (the SDK's own are
   * off, so every retry is S3A's), so that failures surface within seconds.
   */
  public Map<String, String> s3aSettings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("fs.s3a.endpoint", "http://127.0.0.1:" + proxy.port());
    m.put("fs.s3a.endpoint.region", "us-east-1");
    m.put("fs.s3a.path.style.access", "true");
    m.put("fs.s3a.connection.ssl.enabled", "false");
    m.put("fs.s3a.access.key", ACCESS_KEY);
    m.put("fs.s3a.secret.key", SECRET_KEY);
    m.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    m.put("fs.s3a.attempts.maximum", "1");
    m.put("fs.s3a.retry.limit", "3");
    m.put("fs.s3a.retry.interval", "20ms");
    m.put("fs.s3a.retry.throttle.limit", "8");
    m.put("fs.s3a.retry.throttle.interval", "20ms");
    m.put("fs.s3a.connection.establish.timeout", "2000"); // plain milliseconds: Hadoop 3.3.4 reads an int
    m.put("fs.s3a.connection.timeout", "10000");
    // Hadoop 3.4's default; 3.3 (Spark 3.5) deletes parent directory markers after every PUT
    // (one bulk delete per object written), which docs/OBJECT_STORES.md advises turning off.
    m.put("fs.s3a.directory.marker.retention", "keep");
    return m;
  }

  public Configuration hadoopConf() {
    Configuration c = new Configuration();
    s3aSettings().forEach(c::set);
    return c;
  }

  @Override
  public void close() throws Exception {
    proxy.close();
    s3proxy.getClass().getMethod("stop").invoke(s3proxy);
    loader.close();
  }
}
