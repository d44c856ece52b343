package org.zarrspark.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's) serving directories read-only, as a static web
 * server or an IPFS gateway does: GET and HEAD, single byte ranges (including suffix ranges),
 * 404 for what is not a file. It records every request, and a fault policy can make chosen
 * requests fail (503, 403), answer slowly, stall, or drop the connection mid-body.
 */
public final class StaticHttpServer implements AutoCloseable {
  /** What to do with a request. */
  public enum Fault { NONE, FAIL_503, FORBIDDEN, SLOW, STALL, DROP }

  /** One request as the server saw it. */
  public static final class Request {
    public final String method;
    public final String path;
    /** The Range header, or null. */
    public final String range;
    public final String client;
    /** When it arrived (System.nanoTime). */
    public final long arrivedNanos = System.nanoTime();
    /** The status answered (0 for a dropped connection). */
    public volatile int status;

    Request(String method, String path, String range, String client) {
      this.method = method;
      this.path = path;
      this.range = range;
      this.client = client;
    }

    @Override
    public String toString() {
      return method + " " + path + (range == null ? "" : " [" + range + "]") + " -> " + status;
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final List<Request> log = new ArrayList<>();
  private volatile Function<Request, Fault> faults = r -> Fault.NONE;
  private volatile boolean ignoreRange;
  private volatile long slowMs = 100;
  private volatile long stallMs = 3_000;

  private StaticHttpServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Starts a server with nothing mounted yet. */
  public static StaticHttpServer start() throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    // Handlers may sleep (slow and stalled answers): never on the dispatcher thread.
    ExecutorService threads = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "static-http");
      t.setDaemon(true);
      return t;
    });
    s.setExecutor(threads);
    StaticHttpServer server = new StaticHttpServer(s, threads);
    s.start();
    return server;
  }

  /** Serves {@code dir} under the URL path {@code prefix} (e.g. "/data" or "/ipfs/CID"). */
  public StaticHttpServer mount(String prefix, Path dir) {
    server.createContext(prefix.endsWith("/") ? prefix : prefix + "/", ex -> serve(ex, prefix, dir));
    return this;
  }

  /** The server's base URL, e.g. http://127.0.0.1:PORT (no trailing slash). */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void faults(Function<Request, Fault> f) {
    faults = f;
  }

  /** Answer every request with the whole object, as servers without range support do. */
  public void ignoreRange(boolean ignore) {
    ignoreRange = ignore;
  }

  public void delays(long slowMs, long stallMs) {
    this.slowMs = slowMs;
    this.stallMs = stallMs;
  }

  public synchronized List<Request> requests() {
    return new ArrayList<>(log);
  }

  public synchronized void reset() {
    log.clear();
  }

  /** Distinct client connections seen since the last reset. */
  public synchronized int connections() {
    Set<String> c = new HashSet<>();
    log.forEach(r -> c.add(r.client));
    return c.size();
  }

  private synchronized void record(Request r) {
    log.add(r);
  }

  private void serve(HttpExchange ex, String prefix, Path dir) throws IOException {
    try (HttpExchange e = ex) {
      String method = e.getRequestMethod();
      String path = e.getRequestURI().getPath();
      Request r = new Request(method, path, e.getRequestHeaders().getFirst("Range"), e.getRemoteAddress().toString());
      record(r);
      Fault fault = faults.apply(r);
      switch (fault) {
        case FAIL_503:
          answer(e, r, 503, new byte[0]);
          return;
        case FORBIDDEN:
          answer(e, r, 403, new byte[0]);
          return;
        case SLOW:
          sleep(slowMs);
          break;
        case STALL:
          sleep(stallMs);
          break;
        default:
          break;
      }
      Path file = dir.resolve(path.substring(Math.min(path.length(), prefix.length() + 1))).normalize();
      if (!file.startsWith(dir) || !Files.isRegularFile(file) || !(method.equals("GET") || method.equals("HEAD"))) {
        answer(e, r, Files.isRegularFile(file) ? 405 : 404, new byte[0]);
        return;
      }
      byte[] all = Files.readAllBytes(file);
      long[] range = ignoreRange ? null : parseRange(r.range, all.length);
      if (range != null && range[0] < 0) {
        e.getResponseHeaders().set("Content-Range", "bytes */" + all.length);
        answer(e, r, 416, new byte[0]);
        return;
      }
      byte[] body = all;
      int status = 200;
      if (range != null) {
        body = java.util.Arrays.copyOfRange(all, (int) range[0], (int) range[1] + 1);
        status = 206;
        e.getResponseHeaders().set("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + all.length);
      }
      if (fault == Fault.DROP && body.length > 1 && method.equals("GET")) {
        // Headers promise the whole body; half of it comes, then the connection closes.
        r.status = 0;
        e.sendResponseHeaders(status, body.length);
        OutputStream out = e.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        // A handler that throws makes the JDK server close the connection.
        throw new IOException("connection dropped on purpose");
      }
      answer(e, r, status, body);
    }
  }

  private static void answer(HttpExchange e, Request r, int status, byte[] body) throws IOException {
    r.status = status;
    boolean head = e.getRequestMethod().equals("HEAD");
    if (head) {
      e.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
    }
    e.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = e.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** [first, last] of a single "bytes=" range, {-1, -1} when unsatisfiable, null when absent. */
  static long[] parseRange(String header, long size) {
    if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
      return null;
    }
    String spec = header.substring(6).trim();
    int dash = spec.indexOf('-');
    long first;
    long last;
    if (dash == 0) {
      long n = Long.parseLong(spec.substring(1));
      if (n == 0 || size == 0) {
        return new long[] {-1, -1};
      }
      first = Math.max(0, size - n);
      last = size - 1;
    } else {
      first = Long.parseLong(spec.substring(0, dash));
      last = dash == spec.length() - 1 ? size - 1 : Math.min(size - 1, Long.parseLong(spec.substring(dash + 1)));
      if (first >= size) {
        return new long[] {-1, -1};
      }
    }
    return new long[] {first, last};
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
