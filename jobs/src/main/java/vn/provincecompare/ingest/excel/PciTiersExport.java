package vn.provincecompare.ingest.excel;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.provincecompare.errors.DataException;

/**
 * Regenerates {@code data/reference/bands_pci.csv} from the tiers VCCI published in the PCI workbooks, so the
 * band thresholds are derived from the files and never typed in by hand.
 *
 * <pre>
 * mvn -q -B -o -pl jobs package -DskipTests
 * java -cp "jobs/target/province-compare.jar:jobs/target/lib/*" \
 *     vn.provincecompare.ingest.excel.PciTiersExport --repo .
 * </pre>
 *
 * <p>Exit codes: 0 written, 2 bad command line, 3 bad data (a {@link DataException}).
 */
@Command(name = "pci-tiers-export", mixinStandardHelpOptions = true,
    description = "Writes the PCI tier bands (bands.csv layout) derived from the published tiers.")
public final class PciTiersExport implements Callable<Integer> {

  @Option(names = "--repo", description = "Repository root (default: ${DEFAULT-VALUE}).", defaultValue = ".")
  private Path repo;

  @Option(names = "--layout", description = "Layout file, relative to the repository (default: ${DEFAULT-VALUE}).",
      defaultValue = "data/raw/pci/pci_layout.csv")
  private String layout;

  @Option(names = "--tiers", description = "Tier definitions (default: ${DEFAULT-VALUE}).",
      defaultValue = "data/raw/pci/pci_tiers.csv")
  private String tiers;

  @Option(names = "--out", description = "Output file, relative to the repository (default: ${DEFAULT-VALUE}).",
      defaultValue = "data/reference/bands_pci.csv")
  private String out;

  @Option(names = "--indicator", description = "Indicator code of the bands (default: ${DEFAULT-VALUE}).",
      defaultValue = "PCI")
  private String indicator;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the export; returns the exit code instead of exiting, for tests. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new PciTiersExport());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof DataException) {
        commandLine.getErr().println("pci-tiers-export: " + e.getMessage());
        return 3;
      }
      throw e;
    });
    return cli.execute(args);
  }

  /** The bands CSV text for a repository: what {@code call} writes, without writing. */
  public static String bandsCsv(Path repoRoot, String layoutPath, String tiersPath, String indicatorCode) {
    List<PublishedTiers.PublishedTier> published = PublishedTiers.read(repoRoot, layoutPath);
    List<TierBands.TierDefinition> definitions = TierBands.loadDefinitions(repoRoot, tiersPath);
    return TierBands.toCsv(TierBands.fromTiers(indicatorCode, definitions, published));
  }

  @Override
  public Integer call() throws IOException {
    String csv = bandsCsv(repo, layout, tiers, indicator);
    Path target = repo.resolve(out);
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.writeString(target, csv, StandardCharsets.UTF_8);
    PrintWriter stdout = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    stdout.println("pci-tiers-export: wrote " + (csv.lines().count() - 1) + " bands to " + target);
    return 0;
  }
}
