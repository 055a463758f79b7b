package vn.provincecompare.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import vn.provincecompare.catalog.Catalog;
import vn.provincecompare.config.JobConfig;
import vn.provincecompare.errors.UsageException;
import vn.provincecompare.ingest.ExternalIndicatorValues;
import vn.provincecompare.publish.OutputDirectory;
import vn.provincecompare.store.Store;

/**
 * What a run needs before Spark starts: checked paths, the owned output directory, the catalog.
 */
record PreparedRun(JobConfig config, Pipeline.Stages stages, Path dataDir, Path repoRoot, Path sourcesFile,
    OutputDirectory out, Catalog catalog, Path indicatorValuesPath, boolean breakLock) {

  /**
   * Every check that needs no Spark session, so that a usage or catalog error costs milliseconds: the data folder,
   * the output directory's safety, the catalog, the focal and peer provinces.
   */
  static PreparedRun of(JobConfig config, Pipeline.Stages stages) {
    return of(config, stages, false);
  }

  /**
   * As {@link #of(JobConfig, Pipeline.Stages)}; {@code breakLock}: remove another run's lock of {@code --out}
   * first. A data folder or sources manifest on another store (HDFS) is read through the file-system layer into a
   * private folder of the driver (the readers parse files on the driver in any case), named as the original, so
   * the manifest's inputs read as those of the same folder on a local disk.
   */
  static PreparedRun of(JobConfig config, Pipeline.Stages stages, boolean breakLock) {
    org.apache.hadoop.fs.Path dataUri = Store.qualify(config.dataDir());
    org.apache.hadoop.fs.Path sourcesUri = Store.qualify(config.sourcesPath());
    Path dataDir;
    Path sourcesFile;
    if (Store.isLocal(config.dataDir())) {
      dataDir = Store.local(dataUri);
      if (!Files.isDirectory(dataDir)) {
        throw new UsageException("--data-dir " + config.dataDir() + " is not a directory (expected the folder "
            + "with reference/, targets/ and raw/sources.json)");
      }
    } else {
      dataDir = fetchInputs(config.dataDir(), dataUri, true);
    }
    if (Store.isLocal(config.sourcesPath())) {
      sourcesFile = Store.local(sourcesUri);
    } else if (Store.isInside(sourcesUri, dataUri)) {
      String relative = dataUri.toUri().normalize().relativize(sourcesUri.toUri().normalize()).getPath();
      sourcesFile = dataDir.resolve(relative);
    } else {
      sourcesFile = fetchInputs(config.sourcesPath(), sourcesUri, false);
    }
    Path indicatorValuesPath = null;
    if (config.indicatorValues() != null) {
      if (stages != Pipeline.Stages.COMPARE) {
        throw new UsageException("--indicator-values is read by 'compare' only ('run' and 'ingest' build "
            + "indicator_values from the sources)");
      }
      indicatorValuesPath = ExternalIndicatorValues.checkedPath(config.indicatorValues());
    }
    if (!config.tables().isEmpty() && stages == Pipeline.Stages.INGEST) {
      throw new UsageException("--tables chooses compare tables: use it with 'compare' or 'run'");
    }
    CompareStage.tablesToPublish(config.tables());
    List<org.apache.hadoop.fs.Path> inputs = new java.util.ArrayList<>(List.of(dataUri, sourcesUri.getParent()));
    if (indicatorValuesPath != null) {
      inputs.add(Store.of(indicatorValuesPath));
    }
    OutputDirectory out = OutputDirectory.open(config.out(), inputs);
    Catalog catalog = Catalog.load(dataDir);
    if (catalog.units().frames().stream().noneMatch(f -> f.code().equals(config.focalFrame()))) {
      throw new UsageException("focal_frame: '" + config.focalFrame() + "' is not a frame of "
          + display(dataDir.getParent(), dataDir.resolve("reference/frames.csv")) + " (frames: "
          + catalog.units().frames().stream().map(f -> f.code()).toList() + ")");
    }
    if (config.report() && (stages == Pipeline.Stages.INGEST || config.focal().isEmpty())) {
      throw new UsageException("--report writes one page per focal province from the compare stage's tables: use "
          + "it with 'compare' or 'run' and at least one --focal province (e.g. --focal \"Lào Cai\")");
    }
    if (stages != Pipeline.Stages.INGEST) {
      CompareStage.units(catalog, config.focal(), config.focalFrame(), "focal");
      CompareStage.units(catalog, config.peers(), config.focalFrame(), "peers");
    }
    return new PreparedRun(config, stages, dataDir, dataDir.getParent(), sourcesFile, out, catalog,
        indicatorValuesPath, breakLock);
  }

  /**
   * Copies an input folder (or file) of another store into a new private folder of the driver, through the
   * file-system layer, and returns the copy: {@code <tmp>/<name>}, removed when the JVM exits.
   */
  private static Path fetchInputs(String given, org.apache.hadoop.fs.Path uri, boolean folder) {
    Store store = Store.forPath(uri);
    var st = store.status(uri);
    if (st.isEmpty() || st.get().isDirectory() != folder) {
      throw new UsageException((folder ? "--data-dir " : "--sources ") + given + (st.isEmpty() ? " does not exist"
          : folder ? " is not a directory" : " is not a file") + (folder ? " (expected the folder with reference/, "
          + "targets/ and raw/sources.json)" : ""));
    }
    try {
      Path tmp = Files.createTempDirectory("province-compare-inputs-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(tmp)));
      Path copy = tmp.resolve(uri.getName());
      store.copyTreeToLocal(uri, copy);
      return copy;
    } catch (IOException | UncheckedIOException e) {
      throw new UsageException((folder ? "--data-dir " : "--sources ") + given + " cannot be read: "
          + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // A temporary copy of inputs; the system's temporary folder is cleaned anyway.
    }
  }

  /** An input as messages and the manifest name it: relative to the repository root when it lies inside. */
  static String display(Path repoRoot, Path file) {
    return file.startsWith(repoRoot) ? repoRoot.relativize(file).toString() : file.toString();
  }
}
