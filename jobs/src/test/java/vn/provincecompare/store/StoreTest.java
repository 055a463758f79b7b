package vn.provincecompare.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.errors.UsageException;

/** The file-system layer's path rules, and the local exclusive create the lock relies on. */
class StoreTest {
  @TempDir java.nio.file.Path tmp;

  @Test
  void insideComparesSchemeAuthorityAndWholeSegments() {
    // Hadoop lists a local directory as file:/x while a path built from text may read file:///x: one place.
    assertThat(Store.isInside(new Path("file:/x/runs/.staging-1"), new Path("file:///x/runs"))).isTrue();
    assertThat(Store.isInside(new Path("file:///x/runs"), new Path("file:/x/runs/"))).isTrue();
    assertThat(Store.isInside(new Path("file:/x/runsfoo"), new Path("file:/x/runs"))).isFalse();
    assertThat(Store.isInside(new Path("file:/x"), new Path("file:/x/runs"))).isFalse();
    assertThat(Store.isInside(new Path("hdfs://nn:8020/x/runs/a"), new Path("hdfs://nn:8020/x/runs"))).isTrue();
    assertThat(Store.isInside(new Path("hdfs://nn:8020/x/runs/a"), new Path("hdfs://other:8020/x/runs"))).isFalse();
    assertThat(Store.isInside(new Path("hdfs://nn:8020/x/runs/a"), new Path("file:/x/runs"))).isFalse();
  }

  @Test
  void aPlainPathAndItsFileUriAreTheSameQualifiedPath() {
    String dir = tmp.resolve("a b%20c").toString();
    assertThat(Store.qualify(dir)).isEqualTo(Store.qualify("file://" + dir));
    assertThat(Store.local(Store.qualify(dir))).isEqualTo(tmp.resolve("a b%20c"));
    assertThat(Store.schemeOf("hdfs://nn/x")).isEqualTo("hdfs");
    assertThat(Store.schemeOf("/a/b:c")).isEqualTo("file");
    assertThatThrownBy(() -> Store.requireSupported("out", "ftp://h/x")).isInstanceOf(UsageException.class)
        .hasMessage("out ftp://h/x: unknown file-system scheme 'ftp:'; give a local path, file:/path or "
            + "hdfs://namenode:port/path (see README, Running on a cluster)");
    assertThatThrownBy(() -> Store.requireSupported("out", "file://host/x")).isInstanceOf(UsageException.class)
        .hasMessageContaining("a host after file:// is not supported");
  }

  @Test
  void ofEightRacingExclusiveCreatesExactlyOneWins() throws Exception {
    Store store = Store.forPath(Store.of(tmp), new Configuration());
    Path lock = Store.of(tmp.resolve(".lock"));
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger won = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String me = "writer " + i;
      Thread t = new Thread(() -> {
        try {
          go.await();
          store.createExclusive(lock, me);
          won.incrementAndGet();
        } catch (FileAlreadyExistsException e) {
          refused.incrementAndGet();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      threads.add(t);
      t.start();
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(won.get()).isEqualTo(1);
    assertThat(refused.get()).isEqualTo(7);
    assertThat(Files.readString(tmp.resolve(".lock"))).startsWith("writer ");
  }
}
