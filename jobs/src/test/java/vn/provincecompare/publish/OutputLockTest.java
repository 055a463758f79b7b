package vn.provincecompare.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-writer lock of a local output directory, without Spark. */
class OutputLockTest {
  @TempDir Path tmp;

  @Test
  void aSecondWriterIsRefusedAStoppedRunsLockIsStaleAndAReleasedLockIsGone() throws Exception {
    OutputDirectory out = OutputDirectory.open(tmp.resolve("out"), List.of());
    OutputLock first = OutputLock.take(out, "20260101T000000.000Z", false);
    Path lock = tmp.resolve("out/.lock");
    assertThat(Files.readString(lock)).contains("\"run_id\":\"20260101T000000.000Z\"")
        .contains("\"pid\":" + ProcessHandle.current().pid()).contains("\"started_at\":\"");
    assertThatThrownBy(() -> OutputLock.take(out, "20260101T000001.000Z", false))
        .isInstanceOf(OutputLock.LockedException.class)
        .hasMessageContaining("is locked by another run: run 20260101T000000.000Z of process "
            + ProcessHandle.current().pid())
        .hasMessageContaining("s ago").hasMessageContaining("--break-lock");
    // As a kill: the file stays, its OS lock is dropped; the next run removes it and takes its own.
    first.abandon();
    assertThat(lock).exists();
    OutputLock second = OutputLock.take(out, "20260101T000002.000Z", false);
    assertThat(Files.readString(lock)).contains("20260101T000002.000Z");
    // --break-lock takes a lock that is held.
    OutputLock third = OutputLock.take(out, "20260101T000003.000Z", true);
    assertThat(Files.readString(lock)).contains("20260101T000003.000Z");
    second.close();
    // Releasing someone else's lock leaves it.
    assertThat(lock).exists();
    third.close();
    assertThat(lock).doesNotExist();
    try (var names = Files.list(tmp.resolve("out"))) {
      assertThat(names.map(p -> p.getFileName().toString()).sorted()).containsExactly(".province-compare-output",
          "runs");
    }
  }
}
