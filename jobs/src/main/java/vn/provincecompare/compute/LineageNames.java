package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * How units are named through the lineage links: the one rule by which a unit, or a predecessor, gets its name
 * from the unit catalog ({@link #withName}, used by {@link BoundaryChanges} and {@link PredecessorHistory}), and
 * how a report names a merged unit of the current frame, so that "Lào Cai" is never read as the old province:
 * "Lào Cai (mới, gồm Lào Cai và Yên Bái cũ)" / "Lào Cai (new, formed from former Lào Cai and Yên Bái)".
 *
 * <p>Only for successors in the current frame (no {@code valid_to}): Hà Nội has been Hà Nội since it took in
 * Hà Tây in 2008, and calling it "new" in a 2024 sentence would mislead the other way.
 */
public final class LineageNames {

  /** One row per merged unit of the current frame. */
  public static final StructType SCHEMA = new StructType()
      .add("unit_frame", DataTypes.StringType)
      .add("unit_code", DataTypes.StringType)
      .add("merged_name_vi", DataTypes.StringType)
      .add("merged_name_en", DataTypes.StringType);

  private static final String RELATION_UNCHANGED = PredecessorHistory.RELATION_UNCHANGED;

  private LineageNames() {
  }

  /**
   * @param frames  the frames ({@code frame_code, valid_to}); the current one has no {@code valid_to}
   * @param units   the unit catalog ({@code unit_frame, unit_code, name_vi})
   * @param lineage one row per predecessor link ({@code from_frame, from_code, to_frame, to_code, relation})
   * @return the merged units of the current frame with their names in both languages, the predecessors listed
   *     by code ("Lào Cai và Yên Bái": 10 before 15)
   */
  public static Dataset<Row> mergedUnitNames(Dataset<Row> frames, Dataset<Row> units, Dataset<Row> lineage) {
    Dataset<Row> current = frames.where(col("valid_to").isNull()).select(col("frame_code").as("unit_frame"));
    Dataset<Row> grouped = withName(units, "predecessor_frame", "predecessor_code", "predecessor_name_vi",
            links(lineage).join(current, Rankings.seq("unit_frame"), "inner"))
        .groupBy(col("unit_frame"), col("unit_code"))
        .agg(
            array_sort(collect_list(struct(col("predecessor_code"), col("predecessor_name_vi"))))
                .as("predecessors"),
            max(when(col("relation").notEqual(lit(RELATION_UNCHANGED)), lit(1)).otherwise(lit(0))).as("merged"))
        .where(col("merged").equalTo(lit(1)))
        .withColumn("predecessor_names", transform(col("predecessors"), p -> p.getField("predecessor_name_vi")));
    return withName(units, "unit_frame", "unit_code", "unit_name_vi", grouped)
        .withColumn("merged_name_vi", concat(col("unit_name_vi"), lit(" (mới, gồm "),
            listed(col("predecessor_names"), " và "), lit(" cũ)")))
        .withColumn("merged_name_en", concat(col("unit_name_vi"), lit(" (new, formed from former "),
            listed(col("predecessor_names"), " and "), lit(")")))
        .select(Rankings.declared(SCHEMA));
  }

  /**
   * The lineage links seen from the successor, one row per link: {@code unit_frame, unit_code} (the successor),
   * {@code predecessor_frame, predecessor_code} and {@code relation}.
   *
   * @param lineage one row per predecessor link ({@code from_frame, from_code, to_frame, to_code, relation})
   */
  static Dataset<Row> links(Dataset<Row> lineage) {
    return lineage.select(col("to_frame").as("unit_frame"), col("to_code").as("unit_code"),
        col("from_frame").as("predecessor_frame"), col("from_code").as("predecessor_code"), col("relation"));
  }

  /**
   * How a unit, or a predecessor, is named: the unit catalog's {@code name_vi} of the unit at ({@code frame},
   * {@code code}) of each row, added as {@code name}; null where the catalog has no such unit (a left join, so no
   * row is lost).
   *
   * @param units the unit catalog ({@code unit_frame, unit_code, name_vi})
   */
  static Dataset<Row> withName(Dataset<Row> units, String frame, String code, String name, Dataset<Row> rows) {
    Dataset<Row> names = units.select(col("unit_frame").as(frame), col("unit_code").as(code),
        col("name_vi").as(name));
    return rows.join(broadcast(names), Rankings.seq(frame, code), "left_outer");
  }

  /**
   * {@link #withName} for both ends of a link: {@code unit_name_vi} for ({@code unit_frame, unit_code}), then
   * {@code predecessor_name_vi} for ({@code predecessor_frame, predecessor_code}).
   */
  static Dataset<Row> withUnitAndPredecessorNames(Dataset<Row> units, Dataset<Row> rows) {
    return withName(units, "predecessor_frame", "predecessor_code", "predecessor_name_vi",
        withName(units, "unit_frame", "unit_code", "unit_name_vi", rows));
  }

  /** An empty table of {@link #SCHEMA}, shaped from any dataset (no session needed). */
  public static Dataset<Row> none(Dataset<Row> any) {
    return any.select(lit(null).cast(DataTypes.StringType).as("unit_frame"),
        lit(null).cast(DataTypes.StringType).as("unit_code"),
        lit(null).cast(DataTypes.StringType).as("merged_name_vi"),
        lit(null).cast(DataTypes.StringType).as("merged_name_en")).where(lit(false));
  }

  /** "A", "A và B", "A, B và C". */
  private static Column listed(Column names, String lastSeparator) {
    Column n = size(names);
    return when(n.equalTo(lit(1)), element_at(names, 1))
        .otherwise(concat(array_join(slice(names, lit(1), n.minus(lit(1))), ", "), lit(lastSeparator),
            element_at(names, -1)));
  }
}
