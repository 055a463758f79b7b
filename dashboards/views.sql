-- province-compare: one DuckDB view per published table, over the CURRENT run.
--
-- Paths are relative to the directory DuckDB is started in, which must hold the output directory `out/`
-- (the default --out, i.e. the repository root):
--     bin/province-compare run
--     duckdb dashboards/province_compare.duckdb < dashboards/views.sql
-- For another --out, or for a server (Superset, Metabase) whose working directory is elsewhere, make a copy with
-- absolute paths (docs/dashboards.md):
--     sed "s#'out/current/#'/data/pc-out/current/#" dashboards/views.sql > /data/pc-views.sql
--
-- Why the views always show the newest complete run: `out/current` is a symbolic link that the job replaces
-- atomically after a run is complete, and a view re-reads its path on every query. A query never sees half a run.
-- `**/*.parquet` with hive_partitioning also reads a table written in key=value folders (a partition column then
-- appears as a column; DuckDB types it from the folder names).
--
-- Column types are the dashboard contract (docs/dashboards.md): VARCHAR, INTEGER, BIGINT, DOUBLE, BOOLEAN, DATE.

CREATE OR REPLACE VIEW indicator_values AS
  SELECT * FROM read_parquet('out/current/indicator_values/**/*.parquet', hive_partitioning = true);
CREATE OR REPLACE VIEW quarantine AS
  SELECT * FROM read_parquet('out/current/quarantine/**/*.parquet', hive_partitioning = true);
CREATE OR REPLACE VIEW dq_results AS
  SELECT * FROM read_parquet('out/current/dq_results/**/*.parquet', hive_partitioning = true);
CREATE OR REPLACE VIEW rankings AS
  SELECT * FROM read_parquet('out/current/rankings/**/*.parquet', hive_partitioning = true);
CREATE OR REPLACE VIEW changes AS
  SELECT * FROM read_parquet('out/current/changes/**/*.parquet', hive_partitioning = true);
CREATE OR REPLACE VIEW target_gaps AS
  SELECT * FROM read_parquet('out/current/target_gaps/**/*.parquet', hive_partitioning = true);
CREATE OR REPLACE VIEW scorecard AS
  SELECT * FROM read_parquet('out/current/scorecard/**/*.parquet', hive_partitioning = true);
CREATE OR REPLACE VIEW peers AS
  SELECT * FROM read_parquet('out/current/peers/**/*.parquet', hive_partitioning = true);
CREATE OR REPLACE VIEW predecessor_history AS
  SELECT * FROM read_parquet('out/current/predecessor_history/**/*.parquet', hive_partitioning = true);
CREATE OR REPLACE VIEW boundary_changes AS
  SELECT * FROM read_parquet('out/current/boundary_changes/**/*.parquet', hive_partitioning = true);

-- The run the views show, from its manifest (run id, creation time, row counts, schema versions as JSON).
CREATE OR REPLACE VIEW run_manifest AS
  SELECT * FROM read_json_auto('out/current/manifest.json');
