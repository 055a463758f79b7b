-- changes: one row per rankings row, the same rules as the job's Changes.withYearOverYear
-- (docs/tables/changes.md). A series is one (unit_frame, unit_code, indicator_code): changes never cross frames.
-- A year is observed when its row has a value or a rank.
-- Settings: getvariable('trend_years'), getvariable('top_n'), getvariable('baseline_year').
WITH
direction_signs(direction, better_sign) AS (
    VALUES ('higher_is_better', 1), ('lower_is_better', -1)
),
-- The catalog's method breaks of each indicator, sorted.
indicator_info AS (
    SELECT i.indicator_code, i.value_type, br.break_years
    FROM indicators i
    LEFT JOIN (SELECT indicator_code, list_sort(list(break_year)) AS break_years
               FROM method_breaks GROUP BY indicator_code) br
        ON br.indicator_code = i.indicator_code
),
series_rows AS (
    SELECT r.unit_frame, r.unit_code, r.indicator_code, r.year, r.value, r.rank, r.n_ranked, r.band_code,
           r.band_rank, s.better_sign, ii.value_type, ii.break_years,
           r.value IS NOT NULL OR r.rank IS NOT NULL AS is_observed,
           -- The current method of this year starts at the latest break_year <= year (NULL: no break yet).
           list_max(list_filter(ii.break_years, lambda b: b <= r.year)) AS method_start
    FROM rankings r
    LEFT JOIN indicator_info ii ON ii.indicator_code = r.indicator_code
    LEFT JOIN direction_signs s ON s.direction = r.direction
),

-- History along each series, ordered by year:
--   last_obs: the latest earlier observed year (over gaps);
--   prev_valued: the latest earlier year with a value (the streak compares each valued year with it);
--   valued_seq: how many valued years up to and including this one (numbers the trend's points);
--   first_year_in_top_n: the earliest year up to this one with rank <= top_n;
--   baseline: the baseline year's value and rank, if that year is observed.
history AS (
    SELECT *,
           last_value(CASE WHEN is_observed
                           THEN {'year': year, 'value': value, 'rank': rank, 'n_ranked': n_ranked,
                                 'band_code': band_code} END IGNORE NULLS)
               OVER (PARTITION BY unit_frame, unit_code, indicator_code ORDER BY year ASC NULLS LAST
                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS last_obs,
           last_value(CASE WHEN value IS NOT NULL THEN {'year': year, 'value': value} END IGNORE NULLS)
               OVER (PARTITION BY unit_frame, unit_code, indicator_code ORDER BY year ASC NULLS LAST
                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_valued,
           count(value)
               OVER (PARTITION BY unit_frame, unit_code, indicator_code ORDER BY year ASC NULLS LAST
                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS valued_seq,
           min(CASE WHEN rank <= getvariable('top_n') THEN year END)
               OVER (PARTITION BY unit_frame, unit_code, indicator_code ORDER BY year ASC NULLS LAST
                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS first_year_in_top_n,
           max(CASE WHEN year = getvariable('baseline_year') AND is_observed THEN value END)
               OVER (PARTITION BY unit_frame, unit_code, indicator_code) AS baseline_value,
           max(CASE WHEN year = getvariable('baseline_year') AND is_observed THEN rank END)
               OVER (PARTITION BY unit_frame, unit_code, indicator_code) AS baseline_rank
    FROM series_rows
),

-- Improvement streak: a valued year improves when the valued year before it is of the same method and its value
-- is better by the direction. The streak is how many successive improving years end at this one, i.e. its
-- position minus the position of the latest valued year that did not improve (the first valued year never does).
-- Trend points: the last trend_years valued years up to this one (a RANGE over valued_seq keeps exactly those),
-- later cut to this year's method.
with_points AS (
    SELECT *,
           CASE WHEN value IS NOT NULL THEN
               valued_seq - max(CASE WHEN value IS NOT NULL AND NOT (
                                         prev_valued IS NOT NULL
                                         AND (method_start IS NULL OR prev_valued.year >= method_start)
                                         AND coalesce((value - prev_valued.value) * better_sign > 0, false))
                                     THEN valued_seq END)
                   OVER (PARTITION BY unit_frame, unit_code, indicator_code ORDER BY year ASC NULLS LAST
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
           END AS improvement_streak,
           list({'year': year, 'value': value}) FILTER (WHERE value IS NOT NULL)
               OVER (PARTITION BY unit_frame, unit_code, indicator_code ORDER BY valued_seq ASC
                     RANGE BETWEEN getvariable('trend_years') - 1 PRECEDING AND CURRENT ROW) AS recent_points
    FROM history
),

-- Trend: the OLS slope of value on year over those points, centred on the means (as the job does, summing in
-- year order from 0.0, so the digits match); NULL with fewer than 2 points.
trend_points AS (
    SELECT *,
           list_sort(list_filter(coalesce(recent_points, []),
                                 lambda p: method_start IS NULL OR p.year >= method_start)) AS points
    FROM with_points
),
trend_means AS (
    SELECT *,
           len(points) AS n_points,
           list_reduce(list_transform(points, lambda p: CAST(p.year AS DOUBLE)), lambda a, x: a + x,
                       CAST(0 AS DOUBLE)) / len(points) AS mean_year,
           list_reduce(list_transform(points, lambda p: p.value), lambda a, x: a + x,
                       CAST(0 AS DOUBLE)) / len(points) AS mean_value
    FROM trend_points
),
with_trend AS (
    SELECT *,
           CASE WHEN n_points >= 2 THEN
               list_reduce(list_transform(points, lambda p: (CAST(p.year AS DOUBLE) - mean_year) * (p.value - mean_value)),
                           lambda a, x: a + x, CAST(0 AS DOUBLE))
               / list_reduce(list_transform(points, lambda p: (CAST(p.year AS DOUBLE) - mean_year) * (CAST(p.year AS DOUBLE) - mean_year)),
                             lambda a, x: a + x, CAST(0 AS DOUBLE))
           END AS trend_slope
    FROM trend_means
),

-- prev_*: the row of exactly year - 1, and only if observed. The latest earlier observed year IS that row when
-- its year is year - 1; otherwise year - 1 is missing, and prev_* stay NULL rather than reaching further back.
with_previous AS (
    SELECT *,
           CASE WHEN last_obs.year = year - 1 THEN last_obs END AS prev
    FROM with_trend
)

SELECT c.unit_frame, c.unit_code, c.indicator_code, c.year, c.value, c.rank, c.n_ranked, c.band_code,
       c.prev.year AS prev_year,
       c.prev IS NULL AS is_prev_year_missing,
       c.prev.value AS prev_value,
       c.prev.rank AS prev_rank,
       c.prev.n_ranked AS prev_n_ranked,
       -- delta_*: raw points, later minus earlier, whatever the direction.
       c.value - c.prev.value AS delta_value,
       -- Percent change only for level indicators (counts, amounts), never across a zero.
       CASE WHEN c.value_type = 'level' AND c.prev.value <> 0
            THEN CAST(100 AS DOUBLE) * (c.value - c.prev.value) / abs(c.prev.value) END AS delta_pct,
       -- rank_change*: positive = moved up.
       c.prev.rank - c.rank AS rank_change,
       c.last_obs.year AS last_obs_year,
       c.last_obs.value AS last_obs_value,
       c.last_obs.rank AS last_obs_rank,
       c.value - c.last_obs.value AS delta_value_since_last_obs,
       c.last_obs.rank - c.rank AS rank_change_since_last_obs,
       c.prev.band_code AS prev_band_code,
       -- The rank of last year's band code in this year's banding, minus this year's band rank: positive = a
       -- better band; NULL when either is unknown.
       CAST((SELECT min(b.band_rank) FROM bands b
             WHERE b.indicator_code = c.indicator_code AND b.band_code = c.prev.band_code
               AND (b.first_year IS NULL OR c.year >= b.first_year)
               AND (b.last_year IS NULL OR c.year <= b.last_year)) - c.band_rank AS INTEGER) AS band_change,
       -- A break year b with last_obs_year < b <= year: the change since the last observation crosses a method
       -- change (false for the first observation).
       coalesce(len(list_filter(c.break_years, lambda b: b > c.last_obs.year AND b <= c.year)) > 0, false)
           AS is_method_break,
       coalesce(c.last_obs.n_ranked <> c.n_ranked, false) AS is_n_ranked_changed,
       getvariable('baseline_year') AS baseline_year,
       CASE WHEN c.year >= getvariable('baseline_year') THEN c.value - c.baseline_value END
           AS delta_value_since_baseline,
       CAST(CASE WHEN c.year >= getvariable('baseline_year') THEN c.baseline_rank - c.rank END AS INTEGER)
           AS rank_change_since_baseline,
       -- A break year b with baseline_year < b <= year: the since-baseline change crosses a method change.
       CASE WHEN c.year >= getvariable('baseline_year')
            THEN coalesce(len(list_filter(c.break_years,
                                          lambda b: b > getvariable('baseline_year') AND b <= c.year)) > 0, false)
       END AS is_method_break_since_baseline,
       c.trend_slope,
       CAST(c.n_points AS INTEGER) AS trend_years_used,
       CAST(c.improvement_streak AS INTEGER) AS improvement_streak,
       c.first_year_in_top_n
FROM with_previous c
