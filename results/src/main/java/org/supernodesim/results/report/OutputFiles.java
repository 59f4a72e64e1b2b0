package org.supernodesim.results.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Every file a run writes goes through here: to a temporary file beside it, forced to disk, then
 * renamed over the target in one step. A full disk, a read-only folder or a kill leaves the old
 * file or none, never a truncated one; a failure is an {@link OutputException} naming the path.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /** What writes a file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer out) throws IOException;
  }

  /** Writes {@code text} to {@code file} as UTF-8, creating its folder. */
  public static void write(Path file, String text) {
    write(file, out -> out.write(text));
  }

  /** Writes what {@code content} writes to {@code file} as UTF-8, creating its folder. */
  public static void write(Path file, Content content) {
    Path target = file.toAbsolutePath();
    Path folder = target.getParent();
    Path tmp = null;
    try {
      createFolder(folder);
      if (Files.isDirectory(target)) {
        throw new OutputException(file, "a folder of that name is in the way");
      }
      // Named for this process and thread, so parallel writers never share one; created with the
      // folder's usual permissions (a temp-file API would make it private to the user).
      tmp =
          folder.resolve(
              "."
                  + target.getFileName()
                  + "."
                  + ProcessHandle.current().pid()
                  + "-"
                  + Thread.currentThread().getId()
                  + ".tmp");
      try (FileChannel channel =
              FileChannel.open(
                  tmp,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.TRUNCATE_EXISTING,
                  StandardOpenOption.WRITE);
          OutputStream stream = Channels.newOutputStream(channel);
          Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8))) {
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      move(tmp, target);
      tmp = null;
    } catch (IOException e) {
      throw new OutputException(file, reason(e));
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the write already failed and says so; a stray .tmp is the lesser problem
        }
      }
    }
  }

  /** Creates {@code folder} and its parents; a file in the way is named. */
  public static void createFolder(Path folder) {
    if (folder == null) {
      return;
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new OutputException(folder, reason(e));
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The failure in words: the system's reason where it gives one. */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
      return "a file is in the way where a folder is needed";
    }
    if (e instanceof NoSuchFileException) {
      return "the folder does not exist";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? "an input/output error" : e.getMessage();
  }
}
