package vn.provincecompare.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vn.provincecompare.testing.SparkTestBase;

/**
 * A small data folder for runs that must be cheap (crash trials, reruns): the bundled catalog and targets, and
 * one long CSV source of PAR INDEX and SIPAS scores for the 63 VN63 provinces. The scores are synthetic (the
 * crash and rerun tests check where rows went, not what they say); every other file is the bundled one.
 */
final class SmallData {
  private SmallData() {}

  static final String[] INDICATORS = {"PAR_INDEX", "SIPAS"};

  /** Creates {@code root/data} with {@code years} of scores; returns the data folder. */
  static Path create(Path root, int firstYear, int lastYear) throws IOException {
    Path data = root.resolve("data");
    copyTree(SparkTestBase.repoRoot().resolve("data/reference"), data.resolve("reference"));
    copyTree(SparkTestBase.repoRoot().resolve("data/targets"), data.resolve("targets"));
    Files.createDirectories(data.resolve("raw"));
    writeScores(data, firstYear, lastYear);
    Files.writeString(data.resolve("raw/sources.json"), """
        {"sources": [{"source_id": "scores", "format": "long_csv", "path": "data/raw/scores.csv",
                      "priority": 10, "frame": "VN63"}]}
        """, StandardCharsets.UTF_8);
    return data;
  }

  /** Rewrites the scores file; the row count is 63 units x 2 indicators x years. */
  static int writeScores(Path data, int firstYear, int lastYear) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("unit,year,indicator,value");
    List<String> codes = vn63Codes();
    for (int year = firstYear; year <= lastYear; year++) {
      for (String indicator : INDICATORS) {
        for (int i = 0; i < codes.size(); i++) {
          // Spread over 60.0-89.9 with ties now and then, deterministic per (unit, year, indicator).
          double value = 60 + ((i * 37 + year * 11 + indicator.length() * 5) % 300) / 10.0;
          lines.add(codes.get(i) + "," + year + "," + indicator + "," + value);
        }
      }
    }
    Files.write(data.resolve("raw/scores.csv"), lines, StandardCharsets.UTF_8);
    return lines.size() - 1;
  }

  static List<String> vn63Codes() throws IOException {
    List<String> codes = new ArrayList<>();
    for (String line : Files.readAllLines(SparkTestBase.repoRoot().resolve("data/reference/units.csv"))) {
      if (line.startsWith("VN63,")) {
        codes.add(line.split(",")[1]);
      }
    }
    return codes;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
