package dev.taskrt.inspect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks a file's JFR chunk headers before the events are parsed, so a missing file, a file that is
 * not a recording and a truncated recording each get their own clear message, and so the
 * recording's time span is known for the progress line.
 *
 * <p>A JFR file is a sequence of chunks; each starts with the magic {@code FLR\0}, a version, its
 * own size in bytes and its start time and duration (big-endian). A chunk still being written (or
 * cut off) claims a size past the end of the file, or zero.
 */
final class ChunkHeaders {
  private static final int HEADER_BYTES = 68;
  private static final int MAGIC = 0x464c5200; // "FLR\0"

  /** Chunks in the file. */
  final int chunks;

  /** The file's size in bytes. */
  final long fileBytes;

  /** Wall-clock start of the first chunk, in nanoseconds since the epoch. */
  final long startNanos;

  /** Wall-clock end of the last chunk, in nanoseconds since the epoch. */
  final long endNanos;

  private ChunkHeaders(int chunks, long fileBytes, long startNanos, long endNanos) {
    this.chunks = chunks;
    this.fileBytes = fileBytes;
    this.startNanos = startNanos;
    this.endNanos = endNanos;
  }

  /** Reads every chunk header of {@code file}. */
  static ChunkHeaders read(Path file) throws InspectException {
    if (!Files.exists(file)) {
      throw new InspectException(ExitStatus.NO_FILE, file + ": no such file");
    }
    if (Files.isDirectory(file)) {
      throw new InspectException(ExitStatus.NO_FILE, file + ": is a directory, not a recording");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      long position = 0;
      int chunks = 0;
      long start = Long.MAX_VALUE;
      long end = Long.MIN_VALUE;
      while (position < size) {
        header.clear();
        int read = readFully(channel, header, position);
        if (read < 4 || header.getInt(0) != MAGIC) {
          if (chunks == 0) {
            throw new InspectException(
                ExitStatus.NOT_A_RECORDING,
                file
                    + ": not a JFR recording (it does not start with the JFR magic 'FLR');"
                    + " record one with -XX:StartFlightRecording or the agent's jfr=FILE option");
          }
          throw damaged(file, chunks, position, "chunk " + (chunks + 1) + " has no JFR header");
        }
        if (read < HEADER_BYTES) {
          throw damaged(file, chunks, position, "the file ends inside a chunk header");
        }
        long chunkSize = header.getLong(8);
        if (chunkSize <= 0 || position + chunkSize > size) {
          throw damaged(
              file,
              chunks,
              position,
              chunkSize <= 0
                  ? "chunk " + (chunks + 1) + " was never finished"
                  : "chunk "
                      + (chunks + 1)
                      + " needs "
                      + chunkSize
                      + " bytes but the file ends after "
                      + (size - position));
        }
        long chunkStart = header.getLong(32);
        long chunkDuration = header.getLong(40);
        start = Math.min(start, chunkStart);
        end = Math.max(end, chunkStart + chunkDuration);
        chunks++;
        position += chunkSize;
      }
      if (chunks == 0) {
        throw new InspectException(
            ExitStatus.NOT_A_RECORDING, file + ": not a JFR recording (the file is empty)");
      }
      return new ChunkHeaders(chunks, size, start, end);
    } catch (NoSuchFileException e) {
      throw new InspectException(ExitStatus.NO_FILE, file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new InspectException(ExitStatus.NO_FILE, file + ": cannot be read (permission denied)");
    } catch (IOException e) {
      throw new InspectException(ExitStatus.NO_FILE, file + ": cannot be read: " + e.getMessage());
    }
  }

  private static InspectException damaged(Path file, int complete, long position, String what) {
    return new InspectException(
        ExitStatus.TRUNCATED,
        file
            + ": truncated recording: "
            + what
            + " (at byte "
            + position
            + "; "
            + complete
            + " complete chunk(s) before it). The JVM was probably stopped before it finished"
            + " writing; record again and let it exit normally, or dump with 'jcmd PID JFR.dump'.");
  }

  private static int readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }
}
