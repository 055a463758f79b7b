package vn.provincecompare.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import vn.provincecompare.config.ConfigLoader;
import vn.provincecompare.config.JobConfig;
import vn.provincecompare.publish.RunWriter;
import vn.provincecompare.validate.Accounting;

/** What a run's manifest says about it: which run, with which settings, from which inputs, where the rows went. */
final class RunManifest {
  private RunManifest() {}

  /** A new manifest with the run's identity, the versions that made it and its whole configuration. */
  static ObjectNode start(String runId, Pipeline.Stages stages, SparkSession spark, JobConfig config) {
    ObjectNode manifest = RunWriter.newManifest();
    manifest.put("run_id", runId);
    manifest.put("created_at", Instant.now().toString());
    manifest.put("stages", stages.name().toLowerCase(java.util.Locale.ROOT));
    manifest.put("tool_version", "province-compare 0.1.0");
    manifest.put("spark_version", spark.version());
    manifest.set("config", ConfigLoader.toTree(config));
    return manifest;
  }

  /** Where every input row went, as the manifest records it. */
  static void putAccounting(ObjectNode manifest, Accounting accounting) {
    ObjectNode acc = manifest.putObject("accounting");
    acc.put("rows_read", accounting.input());
    acc.put("accepted", accounting.accepted());
    acc.put("quarantined", accounting.quarantined());
    acc.put("derived", accounting.derived());
    ObjectNode byCheck = acc.putObject("quarantined_by_check");
    accounting.byCheck().forEach(byCheck::put);
  }

  /**
   * SHA-256 of every file of the data folder, and of the sources manifest when it lies outside, so a manifest says
   * exactly which inputs a run read.
   */
  static ArrayNode fingerprints(Path repoRoot, Path dataDir, Path indicatorValues, Path sourcesOutside) {
    ArrayNode files = RunWriter.newManifest().arrayNode();
    try (Stream<Path> walk = Files.walk(dataDir)) {
      // A prepared indicator_values kept in the data folder is listed under input_indicator_values, unhashed:
      // hashing gigabytes of Parquet on every compare would cost more than the compare.
      List<Path> inputs = new java.util.ArrayList<>(walk.filter(Files::isRegularFile)
          .filter(p -> indicatorValues == null || !p.startsWith(indicatorValues)).sorted().toList());
      if (sourcesOutside != null) {
        inputs.add(sourcesOutside);
      }
      for (Path p : inputs) {
        ObjectNode f = files.addObject();
        f.put("path", PreparedRun.display(repoRoot, p));
        f.put("bytes", Files.size(p));
        f.put("sha256", sha256(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static String sha256(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
