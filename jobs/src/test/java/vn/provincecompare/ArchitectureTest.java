package vn.provincecompare;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/**
 * The dependency rule of docs/ARCHITECTURE.md, read from the compiled classes. Data flows {@code catalog -> ingest
 * -> validate -> compute -> publish}; dependencies point down this stack: {@code cli} (drives the stages) on
 * {@code publish} on {@code compute} on {@code ingest} (reads the sources and passes every row through the checks)
 * on {@code validate} (the checks as data, consolidation, the accounting: applied to rows, never reading a file) on
 * {@code catalog}, and under everything the base: {@code config} (the settings) on {@code store} (the one
 * file-system layer) on {@code cells} (how a cell's text is read) and {@code errors} ({@code UsageException},
 * {@code DataException}: what a user is told), each only on those after it. The transforms of
 * {@code compute} are pure: no files, no session, no action that pulls rows to the driver or writes them.
 */
@AnalyzeClasses(packages = "vn.provincecompare", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String ROOT = "vn.provincecompare.";

  @ArchTest
  static final ArchRule eachStageDependsOnlyOnTheStagesBeforeIt = layeredArchitecture()
      .consideringOnlyDependenciesInLayers()
      .layer("errors").definedBy(ROOT + "errors..")
      .layer("cells").definedBy(ROOT + "cells..")
      .layer("store").definedBy(ROOT + "store..")
      .layer("config").definedBy(ROOT + "config..")
      .layer("catalog").definedBy(ROOT + "catalog..")
      .layer("validate").definedBy(ROOT + "validate..")
      .layer("ingest").definedBy(ROOT + "ingest..")
      .layer("compute").definedBy(ROOT + "compute..")
      .layer("publish").definedBy(ROOT + "publish..")
      .layer("cli").definedBy(ROOT + "cli..")
      .whereLayer("cli").mayNotBeAccessedByAnyLayer()
      .whereLayer("publish").mayOnlyBeAccessedByLayers("cli")
      .whereLayer("compute").mayOnlyBeAccessedByLayers("publish", "cli")
      .whereLayer("ingest").mayOnlyBeAccessedByLayers("compute", "publish", "cli")
      .whereLayer("validate").mayOnlyBeAccessedByLayers("ingest", "compute", "publish", "cli")
      .whereLayer("catalog").mayOnlyBeAccessedByLayers("validate", "ingest", "compute", "publish", "cli")
      .whereLayer("config").mayOnlyBeAccessedByLayers("catalog", "validate", "ingest", "compute", "publish", "cli")
      .whereLayer("store").mayOnlyBeAccessedByLayers("config", "catalog", "validate", "ingest", "compute",
          "publish", "cli")
      .whereLayer("cells").mayOnlyBeAccessedByLayers("store", "config", "catalog", "validate", "ingest",
          "compute", "publish", "cli")
      .because("docs/ARCHITECTURE.md: a stage uses the stages below it, never the reverse");

  @ArchTest
  static final ArchRule packagesHaveNoCycles = slices().matching(ROOT + "(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule computeTransformsTouchNoFiles = noClasses().that().resideInAPackage(ROOT + "compute..")
      .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "org.apache.hadoop.fs..")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
      .because("a transform is a function of its input Datasets; reading and writing are ingest's and publish's");

  /** Dataset methods that run a job: rows to the driver, or written somewhere. */
  private static final Set<String> ACTIONS = Set.of("collect", "collectAsList", "first", "head", "take",
      "takeAsList", "tail", "count", "isEmpty", "reduce", "toLocalIterator", "show", "foreach", "foreachPartition",
      "write", "writeTo", "checkpoint", "localCheckpoint");

  @ArchTest
  static final ArchRule computeTransformsBuildNoSessionAndRunNoAction = noClasses().that()
      .resideInAPackage(ROOT + "compute..")
      .should().callMethodWhere(describe("a Dataset action or SparkSession.builder", (JavaCall<?> call) ->
          (call.getTargetOwner().isEquivalentTo(org.apache.spark.sql.Dataset.class)
              && ACTIONS.contains(call.getName()))
              || (call.getTargetOwner().isEquivalentTo(org.apache.spark.sql.SparkSession.class)
              && call.getName().equals("builder"))))
      .because("a transform only plans: the caller decides when a Dataset is computed and where it goes");

  /** A class name as the document writes it in backticks: {@code RunWriter}, {@code Rankings.rankWithinYear}. */
  private static final Pattern CLASS_IN_BACKTICKS = Pattern.compile("`([A-Z][a-z][A-Za-z0-9]*)(?:[.#(<][^`]*)?`");

  /** Packages a document may name a class of without its package: ours are found by file, these by loading. */
  private static final List<String> LIBRARY_PACKAGES = List.of("java.lang.", "java.util.", "java.nio.file.",
      "java.nio.channels.", "org.apache.spark.sql.", "org.apache.spark.sql.types.", "org.apache.hadoop.fs.");

  /** docs/ARCHITECTURE.md names only classes that exist: a renamed or deleted class fails here, not in a reader. */
  @Test
  void everyClassTheArchitectureDocumentNamesExists() throws IOException {
    Path repo = SparkTestBase.repoRoot();
    String doc = Files.readString(repo.resolve("docs/ARCHITECTURE.md"), StandardCharsets.UTF_8);
    Set<String> ours = new TreeSet<>();
    for (String tree : List.of("jobs/src/main/java", "jobs/src/test/java")) {
      try (Stream<Path> files = Files.walk(repo.resolve(tree))) {
        files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".java"))
            .forEach(n -> ours.add(n.substring(0, n.length() - ".java".length())));
      }
    }
    Set<String> named = new TreeSet<>();
    Set<String> missing = new TreeSet<>();
    Matcher m = CLASS_IN_BACKTICKS.matcher(doc);
    while (m.find()) {
      String name = m.group(1);
      named.add(name);
      if (!ours.contains(name) && LIBRARY_PACKAGES.stream().noneMatch(p -> loads(p + name))) {
        missing.add(name);
      }
    }
    assertThat(named).as("class names in docs/ARCHITECTURE.md").hasSizeGreaterThan(20);
    assertThat(missing).as("classes docs/ARCHITECTURE.md names that do not exist").isEmpty();
  }

  private static boolean loads(String className) {
    try {
      Class.forName(className, false, ArchitectureTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
