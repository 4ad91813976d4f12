package dev.taskrt.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** The lines of a process's output, as they arrive. */
final class LineReader implements Iterable<String> {
  private final BufferedReader reader;

  LineReader(InputStream in) {
    this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  @Override
  public Iterator<String> iterator() {
    return new Iterator<>() {
      // Read on demand: a line is handed out before the next one is waited for, so a caller can
      // act on a line (send SIGTERM on "ready") while the program is still waiting for it.
      private String next;
      private boolean fetched;

      @Override
      public boolean hasNext() {
        if (!fetched) {
          next = read();
          fetched = true;
        }
        return next != null;
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        fetched = false;
        return next;
      }
    };
  }

  private String read() {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
