-- Typed views of the inputs, as the job's catalog builds its Spark tables (IndicatorTables, UnitTables,
-- TargetTables): years and ranks INTEGER, bounds and thresholds DOUBLE, dates DATE, a blank cell NULL.
-- DuckDbCompare has already created raw_<file> (every column as text, checked for the types below) and
-- indicator_values (the Parquet, checked column by column).

CREATE OR REPLACE VIEW frames AS
SELECT frame_code,
       CAST(nullif(trim(valid_from), '') AS DATE) AS valid_from,
       CAST(nullif(trim(valid_to), '') AS DATE) AS valid_to,
       CAST(nullif(trim(n_units), '') AS INTEGER) AS n_units
FROM raw_frames;

CREATE OR REPLACE VIEW units AS
SELECT unit_frame, unit_code, name_vi, nullif(region_code, '') AS region_code
FROM raw_units;

CREATE OR REPLACE VIEW indicators AS
SELECT indicator_code, value_type, direction
FROM raw_indicators;

CREATE OR REPLACE VIEW bands AS
SELECT indicator_code, band_code,
       CAST(nullif(trim(band_rank), '') AS INTEGER) AS band_rank,
       basis,
       CAST(nullif(trim(lower), '') AS DOUBLE) AS lower,
       CAST(nullif(trim(upper), '') AS DOUBLE) AS upper,
       CAST(nullif(trim(first_year), '') AS INTEGER) AS first_year,
       CAST(nullif(trim(last_year), '') AS INTEGER) AS last_year
FROM raw_bands;

CREATE OR REPLACE VIEW method_breaks AS
SELECT indicator_code, CAST(nullif(trim(break_year), '') AS INTEGER) AS break_year
FROM raw_method_breaks;

CREATE OR REPLACE VIEW lineage AS
SELECT from_frame, from_code, to_frame, to_code
FROM raw_lineage;

CREATE OR REPLACE VIEW targets AS
SELECT target_id, unit_frame, unit_code, indicator_code,
       CAST(nullif(trim(target_year), '') AS INTEGER) AS target_year,
       kind,
       CAST(nullif(trim(threshold), '') AS DOUBLE) AS threshold,
       nullif(band_code, '') AS band_code,
       CAST(nullif(trim(base_year), '') AS INTEGER) AS base_year
FROM raw_targets;
