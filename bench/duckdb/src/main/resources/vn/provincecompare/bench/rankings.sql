-- rankings: one row per (unit_frame, indicator_code, year, unit_code) that has an observation.
-- The same rules as the job's Observations.preferred + Rankings.rankWithinYear (docs/tables/rankings.md).
-- Settings: getvariable('coverage_threshold'). DuckDbCompare sorts the result by the table's keys.
WITH
-- What the catalog's direction codes mean for ordering (the job's RankDirection): +1 where a larger value is
-- better, -1 where a smaller one is. An unknown direction matches nothing, so its sign is NULL and such values
-- take no computed rank rather than a guessed order.
direction_signs(direction, better_sign) AS (
    VALUES ('higher_is_better', 1), ('lower_is_better', -1)
),

-- Observations.preferred: one observation per key.
--   value: the preferred row's (should two be preferred, the lowest (source_id, source_line)).
--   published rank and n: the best row that carries a rank and is not a rank_conflict (validate marks every rank
--   that differs from the best-priority source's), then the preferred row first, then source_id, then
--   source_line. Nulls order first inside those keys, as Spark orders struct fields.
observation_sources AS (
    SELECT unit_frame, unit_code, indicator_code, year,
           arg_min({'value': value, 'source_id': source_id}, (source_id, source_line IS NOT NULL, source_line))
                FILTER (WHERE is_preferred) AS preferred_value,
           arg_min({'published_rank': published_rank, 'published_n': published_n, 'source_id': source_id},
                   (coalesce(value_status = 'rank_conflict', false), NOT coalesce(is_preferred, false),
                    source_id, source_line IS NOT NULL, source_line))
                FILTER (WHERE published_rank IS NOT NULL) AS best_rank
    FROM indicator_values
    GROUP BY unit_frame, unit_code, indicator_code, year
),
observations AS (
    SELECT unit_frame, unit_code, indicator_code, year, preferred_value.value AS value, best_rank,
           -- The rank the source of the value printed beside it: the publisher's own order of its own scores.
           CASE WHEN preferred_value.value IS NOT NULL AND preferred_value.source_id = best_rank.source_id
                THEN best_rank.published_rank END AS own_published_rank
    FROM observation_sources
),

-- Each observation with its indicator's direction and its unit's name and region (left joins: an unknown
-- indicator or unit keeps its row, with NULLs). rank_key ascending puts the best first in either direction.
observed AS (
    SELECT o.unit_frame, o.unit_code, u.name_vi AS unit_name_vi, u.region_code,
           o.indicator_code, o.year, o.value, i.direction, s.better_sign,
           o.value * s.better_sign * -1 AS rank_key,
           o.best_rank.published_rank AS published_rank,
           o.best_rank.published_n AS published_n,
           o.own_published_rank
    FROM observations o
    LEFT JOIN indicators i ON i.indicator_code = o.indicator_code
    LEFT JOIN direction_signs s ON s.direction = i.direction
    LEFT JOIN units u ON u.unit_frame = o.unit_frame AND u.unit_code = o.unit_code
),

-- A ranking is one (unit_frame, indicator_code, year). Its statistics, and the coverage rule: a rank computed
-- from values is trusted only when the units with a value reach coverage_threshold of the expected number, the
-- largest published_n of the ranking, else the frame's n_units.
ranking_stats AS (
    SELECT r.unit_frame, r.indicator_code, r.year,
           count(r.rank_key) AS n_with_value,
           avg(r.value) AS mean_value,
           median(r.value) AS median_value,       -- exact: the middle value or the mean of the two middles
           max(r.value) AS max_value,
           min(r.value) AS min_value,
           coalesce(count(r.rank_key) > 0
                    AND count(r.rank_key) >= coalesce(max(r.published_n), any_value(f.n_units))
                                             * getvariable('coverage_threshold'),
                    false) AS is_covered
    FROM observed r
    LEFT JOIN frames f ON f.frame_code = r.unit_frame
    GROUP BY r.unit_frame, r.indicator_code, r.year
),

-- Competition ranks (1, 2, 2, 4), best first, NULL keys last: nationally and within the unit's region. Only a
-- covered ranking gets computed ranks, and only rows with a value (a unit without one takes no rank there; below
-- coverage every unit keeps its published rank).
ranked AS (
    SELECT r.*, st.n_with_value, st.mean_value, st.median_value, st.max_value, st.min_value, st.is_covered,
           st.is_covered AND r.rank_key IS NOT NULL AS has_computed_rank,
           rank() OVER (PARTITION BY r.unit_frame, r.indicator_code, r.year
                        ORDER BY r.rank_key ASC NULLS LAST) AS national_position,
           rank() OVER (PARTITION BY r.unit_frame, r.indicator_code, r.year, r.region_code
                        ORDER BY r.rank_key ASC NULLS LAST) AS region_position,
           -- Same partition and order as region_position, whole partition: one sort serves both.
           count(r.rank_key) OVER (PARTITION BY r.unit_frame, r.indicator_code, r.year, r.region_code
                                   ORDER BY r.rank_key ASC NULLS LAST
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS region_with_value
    FROM observed r
    LEFT JOIN ranking_stats st
        ON st.unit_frame = r.unit_frame AND st.indicator_code = r.indicator_code AND st.year = r.year
),

-- A tie of our values (one national_position) spans the places position .. position + size - 1. When every unit
-- of it has its value's publisher's own rank and those ranks fall inside the span but are not all equal, the
-- publisher ordered what our rounded copy of its scores cannot: its order is taken (computed_publisher_tiebreak).
-- Ranks outside the span are a real disagreement: the tie stays, flagged is_rank_mismatch.
with_tiebreak AS (
    SELECT *,
           coalesce(has_computed_rank AND tie_size > 1 AND tie_own = tie_size
                    AND tie_min_own >= national_position AND tie_max_own <= national_position + tie_size - 1
                    AND tie_min_own < tie_max_own, false) AS is_publisher_tiebreak
    FROM (SELECT *,
                 count(*) OVER tie AS tie_size,
                 count(own_published_rank) OVER tie AS tie_own,
                 min(own_published_rank) OVER tie AS tie_min_own,
                 max(own_published_rank) OVER tie AS tie_max_own
          FROM ranked
          WINDOW tie AS (PARTITION BY unit_frame, indicator_code, year, national_position))
),

-- rank: computed when covered, else the published one; rank_source says which; n_ranked is the units with a
-- value (computed), published_n (published), or for a row with neither the size of the computed ranking it is
-- absent from. percentile = 100 x (n - rank) / (n - 1), 100 = best, 100 when n = 1.
with_rank AS (
    SELECT *,
           CASE WHEN is_publisher_tiebreak THEN own_published_rank
                WHEN has_computed_rank THEN national_position END AS computed_rank,
           -- A covered ranking is ours: a unit without a value takes no rank in it (its published rank could
           -- repeat a computed one); it stays visible in published_rank.
           coalesce(CASE WHEN is_publisher_tiebreak THEN own_published_rank
                         WHEN has_computed_rank THEN national_position END,
                    CASE WHEN NOT is_covered THEN published_rank END) AS rank,
           CASE WHEN is_publisher_tiebreak THEN 'computed_publisher_tiebreak'
                WHEN has_computed_rank THEN 'computed'
                WHEN published_rank IS NOT NULL AND NOT is_covered THEN 'published'
                ELSE 'none' END AS rank_source,
           CASE WHEN has_computed_rank THEN n_with_value
                WHEN published_rank IS NOT NULL AND NOT is_covered THEN published_n
                WHEN is_covered THEN n_with_value END AS n_ranked
    FROM with_tiebreak
),
with_percentile AS (
    SELECT *,
           CASE WHEN rank IS NULL OR n_ranked IS NULL THEN NULL
                WHEN n_ranked = 1 THEN CAST(100 AS DOUBLE)
                ELSE CAST(100 AS DOUBLE) * (n_ranked - rank) / (n_ranked - 1) END AS percentile
    FROM with_rank
)

-- The band: valid for the year, lower <= x < upper (a blank bound unbounded) where x is the value or the
-- percentile as the band's basis says; should bands overlap, the best band_rank wins (then band_code).
SELECT p.unit_frame, p.unit_code, p.unit_name_vi, p.region_code, p.indicator_code, p.year, p.value, p.direction,
       CAST(p.rank AS INTEGER) AS rank,
       p.rank_source,
       CAST(p.n_ranked AS INTEGER) AS n_ranked,
       p.percentile,
       CAST(CASE WHEN p.has_computed_rank AND p.region_code IS NOT NULL THEN p.region_position END AS INTEGER)
           AS region_rank,
       CAST(CASE WHEN p.has_computed_rank AND p.region_code IS NOT NULL THEN p.region_with_value END AS INTEGER)
           AS region_n,
       p.band.band_code AS band_code,
       CAST(p.band.band_rank AS INTEGER) AS band_rank,
       -- National statistics describe a computed ranking only: the mean of three scores we happen to hold
       -- is not a national mean.
       CASE WHEN p.is_covered THEN p.mean_value END AS national_mean,
       CASE WHEN p.is_covered THEN p.median_value END AS national_median,
       p.leader_value,
       -- Direction-aware gaps: >= 0 behind the leader; positive = better than the median.
       (p.leader_value - p.value) * p.better_sign AS gap_to_leader,
       CASE WHEN p.is_covered THEN (p.value - p.median_value) * p.better_sign END AS gap_to_median,
       p.published_rank, p.published_n,
       coalesce(p.computed_rank IS NOT NULL AND p.published_rank IS NOT NULL
                AND p.computed_rank <> p.published_rank, false) AS is_rank_mismatch
FROM (
    SELECT w.*,
           CASE WHEN w.is_covered THEN CASE WHEN w.better_sign > 0 THEN w.max_value ELSE w.min_value END END
               AS leader_value,
           (SELECT min({'band_rank': b.band_rank, 'band_code': b.band_code})
            FROM bands b
            WHERE b.indicator_code = w.indicator_code
              AND (b.first_year IS NULL OR w.year >= b.first_year)
              AND (b.last_year IS NULL OR w.year <= b.last_year)
              AND (CASE b.basis WHEN 'value' THEN w.value WHEN 'percentile' THEN w.percentile END) IS NOT NULL
              AND (b.lower IS NULL
                   OR (CASE b.basis WHEN 'value' THEN w.value WHEN 'percentile' THEN w.percentile END) >= b.lower)
              AND (b.upper IS NULL
                   OR (CASE b.basis WHEN 'value' THEN w.value WHEN 'percentile' THEN w.percentile END) < b.upper)
           ) AS band
    FROM with_percentile w
) p
