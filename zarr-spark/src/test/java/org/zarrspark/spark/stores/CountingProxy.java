package org.zarrspark.spark.stores;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A TCP proxy on 127.0.0.1 in front of an HTTP server that records every request it forwards
 * (method, path, Range header, whether a listing) and can fail chosen requests. It forwards bytes
 * untouched, so signed S3 requests stay valid. Requests are read one at a time per connection
 * (HTTP/1.1 without pipelining): a client sends the next request only after the whole answer.
 */
public final class CountingProxy implements AutoCloseable {
  /** What to do with a request. */
  public enum Fault { NONE, FAIL_503, DROP }

  /** One forwarded (or failed) request. */
  public static final class Request {
    public final String method;
    public final String target;
    public final boolean ranged;
    /** The Range header's value ("bytes=a-b"), or null. */
    public final String range;

    Request(String method, String target, String range) {
      this.method = method;
      this.target = target;
      this.range = range;
      this.ranged = range != null;
    }

    /** An S3 LIST: a GET on a bucket with a list query. */
    public boolean isList() {
      return method.equals("GET") && (target.contains("list-type=") || target.contains("delimiter=")
          || target.contains("prefix="));
    }

    public boolean isGet() {
      return method.equals("GET") && !isList();
    }

    @Override
    public String toString() {
      return method + " " + target + (ranged ? " (ranged)" : "");
    }
  }

  private final int upstreamPort;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "counting-proxy");
    t.setDaemon(true);
    return t;
  });
  private final List<Request> log = new ArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile Function<Request, Fault> faults = r -> Fault.NONE;

  public CountingProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  public int port() {
    return server.getLocalPort();
  }

  public void faults(Function<Request, Fault> f) {
    faults = f;
  }

  public synchronized List<Request> requests() {
    return new ArrayList<>(log);
  }

  public synchronized void reset() {
    log.clear();
  }

  public int connections() {
    return connections.get();
  }

  private synchronized void record(Request r) {
    log.add(r);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (Socket c = client; Socket up = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      InputStream fromClient = c.getInputStream();
      OutputStream toUp = up.getOutputStream();
      threads.execute(() -> pump(up, c));
      while (true) {
        byte[] head = readHead(fromClient);
        if (head == null) {
          return;
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String[] line = text.substring(0, text.indexOf("\r\n")).split(" ");
        String lower = text.toLowerCase(Locale.ROOT);
        Request r = new Request(line[0], line.length > 1 ? line[1] : "", header(text, lower, "range"));
        record(r);
        Fault f = faults.apply(r);
        if (f == Fault.DROP) {
          return;
        }
        if (f == Fault.FAIL_503) {
          byte[] body = "<Error><Code>SlowDown</Code><Message>injected</Message></Error>".getBytes(StandardCharsets.UTF_8);
          OutputStream out = c.getOutputStream();
          out.write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/xml\r\nContent-Length: "
              + (r.method.equals("HEAD") ? 0 : body.length) + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
          if (!r.method.equals("HEAD")) {
            out.write(body);
          }
          out.flush();
          return;
        }
        toUp.write(head);
        long length = contentLength(lower);
        copy(fromClient, toUp, length);
        toUp.flush();
      }
    } catch (IOException e) {
      // a side closed: the connection ends
    }
  }

  /** Upstream answers go back untouched. */
  private static void pump(Socket up, Socket client) {
    try {
      up.getInputStream().transferTo(client.getOutputStream());
    } catch (IOException e) {
      // closed
    } finally {
      try {
        client.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      b.write(c);
      state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1
          : c == '\r' ? 1 : 0;
    }
    return b.toByteArray();
  }

  /** A header's value in a request head (its name in lower case), or null. */
  private static String header(String head, String lowerHead, String name) {
    int i = lowerHead.indexOf("\r\n" + name + ":");
    if (i < 0) {
      return null;
    }
    int end = lowerHead.indexOf("\r\n", i + 2);
    return head.substring(i + name.length() + 3, end).trim();
  }

  private static long contentLength(String lowerHead) {
    int i = lowerHead.indexOf("\r\ncontent-length:");
    if (i < 0) {
      return 0;
    }
    int end = lowerHead.indexOf("\r\n", i + 2);
    return Long.parseLong(lowerHead.substring(i + 17, end).trim());
  }

  private static void copy(InputStream in, OutputStream out, long n) throws IOException {
    byte[] buf = new byte[8192];
    long left = n;
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        throw new IOException("client closed mid-body");
      }
      out.write(buf, 0, r);
      left -= r;
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }

  /** For messages: the address clients use. */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
  }
}
