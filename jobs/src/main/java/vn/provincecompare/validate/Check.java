package vn.provincecompare.validate;

import org.apache.spark.sql.Column;

/**
 * A data-quality check on one observation: a name (also the quarantine reason code unless {@code reasonFrom} is
 * set), a level, what it checks, a predicate that is true when the row FAILS, and the message for a failing row.
 *
 * <p>Checks run in list order and the first failing one decides a row's reason, so one pass over the rows
 * evaluates them all.
 *
 * @param name        check name and reason code
 * @param level       {@code error} (bad data), {@code warning} (data missing at the source), {@code info}
 * @param description what the check asserts, for {@code dq_results}
 * @param fails       true for a failing row
 * @param message     the message for a failing row; names the field and the offending value
 * @param reasonFrom  when not null, the reason code is this column's value (a reader's or resolver's own code)
 */
public record Check(String name, String level, String description, Column fails, Column message, Column reasonFrom) {

  public static Check of(String name, String level, String description, Column fails, Column message) {
    return new Check(name, level, description, fails, message, null);
  }
}
