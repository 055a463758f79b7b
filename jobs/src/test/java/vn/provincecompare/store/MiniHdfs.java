package vn.provincecompare.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * One real HDFS per test JVM (a {@code MiniDFSCluster}: a namenode and one datanode in this JVM, from
 * {@code hadoop-client-minicluster}, the Hadoop version of Spark's client), started on first use and shared by
 * every class that needs it, stopped when the JVM exits. Every address is bound to 127.0.0.1 (ports chosen by the
 * system). Starting it costs about 10 s, paid once.
 */
public final class MiniHdfs {
  private static MiniDFSCluster cluster;

  private MiniHdfs() {}

  /** The cluster's URI, {@code hdfs://127.0.0.1:<port>}. */
  public static synchronized String uri() {
    if (cluster == null) {
      cluster = start();
      // Loopback only: the namenode's RPC and HTTP addresses and the datanode's data-transfer address.
      for (java.net.InetSocketAddress a : new java.net.InetSocketAddress[] {
          cluster.getNameNode().getNameNodeAddress(), cluster.getNameNode().getHttpAddress(),
          cluster.getDataNodes().get(0).getXferAddress()}) {
        if (!a.getAddress().isLoopbackAddress()) {
          throw new IllegalStateException("MiniDFSCluster bound to " + a + ", not loopback");
        }
      }
      MiniDFSCluster started = cluster;
      Runtime.getRuntime().addShutdownHook(new Thread(started::shutdown));
    }
    return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  /** The client file system (for the test's own checks, not the job's code). */
  public static FileSystem fs() throws IOException {
    uri();
    return cluster.getFileSystem();
  }


  private static MiniDFSCluster start() {
    try {
      Path base = Files.createTempDirectory("province-compare-minidfs-");
      Configuration conf = new Configuration();
      conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
      for (String key : new String[] {"dfs.namenode.http-address", "dfs.namenode.https-address",
          "dfs.datanode.address", "dfs.datanode.http.address", "dfs.datanode.https.address",
          "dfs.datanode.ipc.address", "dfs.namenode.backup.address", "dfs.namenode.backup.http-address",
          "dfs.namenode.secondary.http-address", "dfs.journalnode.rpc-address", "dfs.journalnode.http-address"}) {
        conf.set(key, "127.0.0.1:0");
      }
      conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
      conf.set("dfs.namenode.servicerpc-bind-host", "127.0.0.1");
      conf.set("dfs.namenode.http-bind-host", "127.0.0.1");
      conf.set("dfs.datanode.hostname", "127.0.0.1");
      // Small blocks and one replica: one datanode.
      conf.setInt("dfs.replication", 1);
      conf.setLong("dfs.blocksize", 1L << 20);
      conf.setBoolean("dfs.permissions.enabled", true);
      return new MiniDFSCluster.Builder(conf, base.toFile()).numDataNodes(1).format(true).build();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("starting the MiniDFSCluster", e);
    }
  }
}
