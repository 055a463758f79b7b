-- target_gaps: one row per target of targets.csv, the same rules as the job's TargetGaps.targetGap with the
-- lineage of lineage.csv, and TargetRules (docs/tables/target_gaps.md).
-- Sign convention for every kind: gap >= 0 means met (points, places or band steps).
-- Settings: getvariable('projection_years').
WITH
-- The kinds of target: the unit of their gap and what an observation must carry to count as the latest one.
target_kinds(kind, gap_unit, measure) AS (
    VALUES ('value_at_least', 'points', 'value'),
           ('value_at_most', 'points', 'value'),
           ('rank_at_most', 'places', 'rank'),
           ('band_at_least', 'bands', 'band'),
           ('change_at_least', 'points', 'value')
),
-- +1 where higher is better, -1 where lower is; an unknown direction leaves direction-dependent numbers NULL.
direction_signs(direction, sign) AS (
    VALUES ('higher_is_better', CAST(1 AS DOUBLE)), ('lower_is_better', CAST(-1 AS DOUBLE))
),
prepared AS (
    SELECT t.target_id, t.unit_frame, t.unit_code, t.indicator_code, t.target_year, t.kind, t.threshold,
           t.band_code AS target_band_code, t.base_year, s.sign, k.measure,
           -- A change of a level indicator (a count, an amount) is judged in percent of its base value, as its
           -- targets are written ("at least 10% fewer units than in 2021"); a bounded score's in points.
           coalesce(t.kind = 'change_at_least' AND i.value_type = 'level', false) AS is_percent_change,
           CASE WHEN t.kind = 'change_at_least' AND i.value_type = 'level' THEN 'percent' ELSE k.gap_unit END
               AS gap_unit
    FROM targets t
    LEFT JOIN indicators i ON i.indicator_code = t.indicator_code
    LEFT JOIN direction_signs s ON s.direction = i.direction
    LEFT JOIN target_kinds k ON k.kind = t.kind
),

-- A band target names its band as defined when it is due: the band's rank and basis in the banding valid in the
-- target year (best rank first should several match).
with_target_band AS (
    SELECT p.*, b.band_rank AS target_band_rank, b.basis AS target_band_basis
    FROM prepared p
    LEFT JOIN bands b
        ON b.indicator_code = p.indicator_code AND b.band_code = p.target_band_code
       AND (b.first_year IS NULL OR b.first_year <= p.target_year)
       AND (b.last_year IS NULL OR b.last_year >= p.target_year)
    QUALIFY row_number() OVER (PARTITION BY p.target_id
                               ORDER BY b.band_rank ASC NULLS LAST, b.basis ASC NULLS LAST) = 1
),

-- The latest observation: the latest year <= target_year in which the unit (step 0) or one of its successors in
-- lineage.csv (step 1) has what the kind measures (a value, a rank or a band). The later year wins, then the
-- unit's own frame, then frame and code.
candidates AS (
    SELECT target_id, unit_frame AS c_frame, unit_code AS c_code, 0 AS step FROM prepared
    UNION ALL
    SELECT p.target_id, l.to_frame, l.to_code, 1
    FROM prepared p
    JOIN lineage l ON l.from_frame = p.unit_frame AND l.from_code = p.unit_code
),
located AS (
    SELECT t.*,
           CASE WHEN o.year IS NOT NULL THEN o.unit_frame END AS latest_unit_frame,
           CASE WHEN o.year IS NOT NULL THEN o.unit_code END AS latest_unit_code,
           o.year AS latest_year, o.value AS latest_value, o.rank AS latest_rank, o.n_ranked AS latest_n_ranked,
           o.band_code AS latest_band_code, o.band_rank AS latest_band_rank, o.rank_source AS latest_rank_source
    FROM with_target_band t
    JOIN candidates c ON c.target_id = t.target_id
    LEFT JOIN rankings o
        ON o.unit_frame = c.c_frame AND o.unit_code = c.c_code AND o.indicator_code = t.indicator_code
       AND o.year <= t.target_year
       AND CASE t.measure WHEN 'value' THEN o.value IS NOT NULL
                          WHEN 'rank' THEN o.rank IS NOT NULL
                          WHEN 'band' THEN o.band_rank IS NOT NULL END
    QUALIFY row_number() OVER (PARTITION BY t.target_id
                               ORDER BY o.year DESC NULLS LAST, c.step ASC NULLS LAST,
                                        o.unit_frame ASC NULLS LAST, o.unit_code ASC NULLS LAST) = 1
),
unit_names AS (
    SELECT unit_frame, unit_code, max(unit_name_vi) AS unit_name_vi
    FROM rankings
    GROUP BY unit_frame, unit_code
),

-- Restatement of rank targets: "top 20 of 63" means nothing among 34 units. A rank target is restated by share
-- of units when it is judged on a ranking in another frame, or when its own frame ended by the target year and a
-- newer frame took effect by then (the newest such frame). restated = max(1, floor(N x n_new / n_old)); the gap
-- is measured against it only when the latest ranking is in the new frame (assessed_threshold).
with_frame_at_target_year AS (
    SELECT l.*, own.n_units AS own_n_units, cf.frame_code AS frame_at_target_year
    FROM located l
    LEFT JOIN frames own ON own.frame_code = l.unit_frame
    LEFT JOIN frames cf
        ON cf.frame_code <> l.unit_frame
       AND year(own.valid_to) <= l.target_year
       AND year(cf.valid_from) <= l.target_year
    QUALIFY row_number() OVER (PARTITION BY l.target_id
                               ORDER BY year(cf.valid_from) DESC NULLS LAST, cf.frame_code ASC NULLS LAST) = 1
),
with_restate_frame AS (
    SELECT w.*, rf.n_units AS restate_n_units
    FROM (SELECT *,
                 CASE WHEN kind = 'rank_at_most'
                      THEN coalesce(CASE WHEN latest_unit_frame <> unit_frame THEN latest_unit_frame END,
                                    frame_at_target_year) END AS restate_frame
          FROM with_frame_at_target_year) w
    LEFT JOIN frames rf ON rf.frame_code = w.restate_frame
),
restated AS (
    SELECT *,
           CASE WHEN is_restated AND latest_unit_frame = restate_frame THEN restated_threshold ELSE threshold END
               AS assessed_threshold
    FROM (SELECT *,
                 restate_frame IS NOT NULL AS is_restated,
                 CASE WHEN restate_frame IS NOT NULL AND own_n_units > 0 AND restate_n_units IS NOT NULL
                      THEN greatest(CAST(1 AS DOUBLE), floor(threshold * restate_n_units / own_n_units)) END
                     AS restated_threshold
          FROM with_restate_frame)
),

-- Rank targets: the value that placed a unit within the top N that year, i.e. the worst value among the units
-- ranked N or better (ties at N included) in the latest ranking. Values are turned so that larger is better,
-- which makes "worst" a plain min. Computed once per (ranking, N, direction), since every target on the same
-- ranking and N asks the same question.
rank_n_questions AS (
    SELECT DISTINCT latest_unit_frame, indicator_code, latest_year, assessed_threshold, sign
    FROM restated
    WHERE kind = 'rank_at_most' AND latest_year IS NOT NULL
),
values_at_rank_n AS (
    SELECT q.latest_unit_frame, q.indicator_code, q.latest_year, q.assessed_threshold, q.sign,
           min(r.value * q.sign) * q.sign AS value_at_rank_n
    FROM rank_n_questions q
    JOIN rankings r
        ON r.unit_frame = q.latest_unit_frame AND r.indicator_code = q.indicator_code AND r.year = q.latest_year
    WHERE r.value IS NOT NULL AND r.rank IS NOT NULL AND r.rank <= q.assessed_threshold
    GROUP BY q.latest_unit_frame, q.indicator_code, q.latest_year, q.assessed_threshold, q.sign
),

-- Projections: ordinary least squares lines over the last projection_years usable years up to the latest
-- observation, on the latest unit's series, evaluated at the target year. Usable: a value on or after the
-- latest method break (changes.is_method_break) for the value line; a rank for the rank line (no break cut);
-- the band basis (value or percentile, as the target band's basis says) for the band line.
method_breaks_seen AS (
    SELECT unit_frame, unit_code, indicator_code, list(year) AS break_years
    FROM changes
    WHERE is_method_break
    GROUP BY unit_frame, unit_code, indicator_code
),
series AS (
    SELECT t.target_id, t.indicator_code, t.target_year, t.base_year, t.target_band_basis, t.break_since_base,
           r.year, r.value,
           CAST(r.rank AS DOUBLE) AS rank_y,
           CASE WHEN t.target_band_basis = 'percentile' THEN r.percentile ELSE r.value END AS basis_y,
           CAST(r.year - t.target_year AS DOUBLE) AS x,
           r.year <= t.latest_year AND r.value IS NOT NULL
               AND (t.last_break_year IS NULL OR r.year >= t.last_break_year) AS value_ok,
           r.year <= t.latest_year AND r.rank IS NOT NULL AS rank_ok,
           r.year <= t.latest_year
               AND (CASE WHEN t.target_band_basis = 'percentile' THEN r.percentile ELSE r.value END) IS NOT NULL
               AS basis_ok
    FROM (SELECT rs.*, list_max(list_filter(mb.break_years, lambda y: y <= rs.latest_year)) AS last_break_year,
                 -- A change crossing a break after the base year, up to the latest: with the base year observed,
                 -- exactly a catalog break in (base_year, latest_year].
                 len(list_filter(mb.break_years, lambda y: y > rs.base_year AND y <= rs.latest_year)) > 0
                     AS break_since_base
          FROM restated rs
          LEFT JOIN method_breaks_seen mb
              ON mb.unit_frame = rs.latest_unit_frame AND mb.unit_code = rs.latest_unit_code
             AND mb.indicator_code = rs.indicator_code
          WHERE rs.latest_year IS NOT NULL) t
    JOIN rankings r
        ON r.unit_frame = t.latest_unit_frame AND r.unit_code = t.latest_unit_code
       AND r.indicator_code = t.indicator_code
),
-- Usable years counted from the latest back: a year is on a line when its count is <= projection_years.
series_recency AS (
    SELECT *,
           sum(CASE WHEN value_ok THEN 1 ELSE 0 END) OVER latest_first AS value_recency,
           sum(CASE WHEN rank_ok THEN 1 ELSE 0 END) OVER latest_first AS rank_recency,
           sum(CASE WHEN basis_ok THEN 1 ELSE 0 END) OVER latest_first AS basis_recency
    FROM series
    WINDOW latest_first AS (PARTITION BY target_id ORDER BY year DESC NULLS LAST
                            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
line_sums AS (
    SELECT target_id, any_value(indicator_code) AS indicator_code, any_value(target_year) AS target_year,
           any_value(target_band_basis) AS target_band_basis,
           max(CASE WHEN year = base_year THEN value END) AS base_value,
           bool_or(break_since_base) AS break_since_base,
           count(*) FILTER (WHERE value_ok AND value_recency <= getvariable('projection_years')) AS value_n,
           sum(x) FILTER (WHERE value_ok AND value_recency <= getvariable('projection_years')) AS value_sx,
           sum(value) FILTER (WHERE value_ok AND value_recency <= getvariable('projection_years')) AS value_sy,
           sum(x * value) FILTER (WHERE value_ok AND value_recency <= getvariable('projection_years')) AS value_sxy,
           sum(x * x) FILTER (WHERE value_ok AND value_recency <= getvariable('projection_years')) AS value_sxx,
           count(*) FILTER (WHERE rank_ok AND rank_recency <= getvariable('projection_years')) AS rank_n,
           sum(x) FILTER (WHERE rank_ok AND rank_recency <= getvariable('projection_years')) AS rank_sx,
           sum(rank_y) FILTER (WHERE rank_ok AND rank_recency <= getvariable('projection_years')) AS rank_sy,
           sum(x * rank_y) FILTER (WHERE rank_ok AND rank_recency <= getvariable('projection_years')) AS rank_sxy,
           sum(x * x) FILTER (WHERE rank_ok AND rank_recency <= getvariable('projection_years')) AS rank_sxx,
           count(*) FILTER (WHERE basis_ok AND basis_recency <= getvariable('projection_years')) AS basis_n,
           sum(x) FILTER (WHERE basis_ok AND basis_recency <= getvariable('projection_years')) AS basis_sx,
           sum(basis_y) FILTER (WHERE basis_ok AND basis_recency <= getvariable('projection_years')) AS basis_sy,
           sum(x * basis_y) FILTER (WHERE basis_ok AND basis_recency <= getvariable('projection_years')) AS basis_sxy,
           sum(x * x) FILTER (WHERE basis_ok AND basis_recency <= getvariable('projection_years')) AS basis_sxx
    FROM series_recency
    GROUP BY target_id
),
-- x = year - target_year, so the line's value at the target year is its intercept:
-- b = (n Sxy - Sx Sy) / (n Sxx - Sx^2), a = (Sy - b Sx) / n; no line below two points.
lines AS (
    SELECT *,
           CASE WHEN value_n >= 2 THEN (value_sy - (value_n * value_sxy - value_sx * value_sy)
                                        / (value_n * value_sxx - value_sx * value_sx) * value_sx) / value_n END
               AS value_projection,
           CASE WHEN rank_n >= 2 THEN (rank_sy - (rank_n * rank_sxy - rank_sx * rank_sy)
                                       / (rank_n * rank_sxx - rank_sx * rank_sx) * rank_sx) / rank_n END
               AS rank_projection,
           CASE WHEN basis_n >= 2 THEN (basis_sy - (basis_n * basis_sxy - basis_sx * basis_sy)
                                        / (basis_n * basis_sxx - basis_sx * basis_sx) * basis_sx) / basis_n END
               AS basis_projection
    FROM line_sums
),
-- The band (valid in the target year, of the target band's basis) containing the projected basis; a percentile
-- is clamped to [0, 100] first; a target without a line has no projected band.
projected AS (
    SELECT l.*, pb.band_code AS projected_band_code, pb.band_rank AS projected_band_rank
    FROM (SELECT *,
                 CASE WHEN target_band_basis = 'percentile' AND basis_projection IS NOT NULL
                      THEN least(greatest(basis_projection, CAST(0 AS DOUBLE)), CAST(100 AS DOUBLE))
                      WHEN target_band_basis = 'percentile' THEN NULL
                      ELSE basis_projection END AS projected_basis
          FROM lines) l
    LEFT JOIN bands pb
        ON l.projected_basis IS NOT NULL
       AND pb.indicator_code = l.indicator_code AND pb.basis = l.target_band_basis
       AND (pb.first_year IS NULL OR pb.first_year <= l.target_year)
       AND (pb.last_year IS NULL OR pb.last_year >= l.target_year)
       AND (pb.lower IS NULL OR pb.lower <= l.projected_basis)
       AND (pb.upper IS NULL OR l.projected_basis < pb.upper)
    QUALIFY row_number() OVER (PARTITION BY l.target_id
                               ORDER BY pb.band_rank ASC NULLS LAST, pb.band_code ASC NULLS LAST) = 1
),

assembled AS (
    SELECT r.*, n.unit_name_vi, v.value_at_rank_n,
           CASE WHEN r.kind = 'change_at_least' THEN p.base_value END AS base_value,
           -- A change judged across a method break compares two methods: flagged, never judged silently.
           CASE WHEN r.kind = 'change_at_least' AND r.latest_year IS NOT NULL
                THEN coalesce(p.break_since_base, false) END AS is_method_break_since_base,
           p.value_projection AS projected_value,
           CASE WHEN r.kind = 'rank_at_most' AND p.rank_projection IS NOT NULL
                THEN least(greatest(p.rank_projection, CAST(1 AS DOUBLE)), CAST(r.latest_n_ranked AS DOUBLE)) END
               AS projected_rank,
           p.projected_band_code, p.projected_band_rank,
           CASE r.measure WHEN 'value' THEN p.value_n WHEN 'rank' THEN p.rank_n WHEN 'band' THEN p.basis_n END
               AS projection_points
    FROM restated r
    LEFT JOIN unit_names n ON n.unit_frame = r.unit_frame AND n.unit_code = r.unit_code
    LEFT JOIN projected p ON p.target_id = r.target_id
    LEFT JOIN values_at_rank_n v
        ON v.latest_unit_frame = r.latest_unit_frame AND v.indicator_code = r.indicator_code
       AND v.latest_year = r.latest_year AND v.assessed_threshold = r.assessed_threshold AND v.sign = r.sign
       AND r.kind = 'rank_at_most'
),
-- The gap of each kind, signed so that >= 0 is met. A change counts as an improvement when it goes the
-- indicator's way: (value - base_value) x sign, for a level in percent of |base_value| (NULL on a zero base).
improvements AS (
    SELECT *,
           CASE WHEN is_percent_change
                THEN CASE WHEN base_value <> 0 THEN (latest_value - base_value) * sign / abs(base_value) * 100 END
                ELSE (latest_value - base_value) * sign END AS improvement,
           CASE WHEN is_percent_change
                THEN CASE WHEN base_value <> 0 THEN (projected_value - base_value) * sign / abs(base_value) * 100 END
                ELSE (projected_value - base_value) * sign END AS projected_improvement
    FROM assembled
),
gaps AS (
    SELECT *,
           CASE kind
               WHEN 'value_at_least' THEN latest_value - threshold
               WHEN 'value_at_most' THEN threshold - latest_value
               WHEN 'rank_at_most' THEN assessed_threshold - latest_rank      -- top 20, rank 26: -6 places
               WHEN 'band_at_least' THEN CAST(target_band_rank - latest_band_rank AS DOUBLE)
               WHEN 'change_at_least' THEN improvement - threshold
           END AS gap,
           -- Percent of target; above 100 always better than the target.
           CASE kind
               WHEN 'value_at_least' THEN CASE WHEN threshold <> 0 THEN latest_value / threshold * 100 END
               -- value_at_most: 100 plus the percent under the ceiling, 0 at twice the ceiling or more.
               WHEN 'value_at_most' THEN CASE WHEN threshold <> 0 THEN
                   CASE WHEN (2 * threshold - latest_value) * 100 / threshold < 0 THEN 0.0
                        ELSE (2 * threshold - latest_value) * 100 / threshold END END
           END AS pct_of_target,
           -- Whether the projection reaches the target by the target year.
           CASE kind
               WHEN 'value_at_least' THEN projected_value >= threshold
               WHEN 'value_at_most' THEN projected_value <= threshold
               WHEN 'rank_at_most' THEN projected_rank <= assessed_threshold
               WHEN 'band_at_least' THEN projected_band_rank <= target_band_rank
               WHEN 'change_at_least' THEN projected_improvement >= threshold
           END AS projection_reaches
    FROM improvements
)

SELECT target_id, unit_frame, unit_code, unit_name_vi, indicator_code, kind, threshold, target_band_code,
       base_year, target_year, latest_unit_frame, latest_unit_code, latest_year, latest_value, latest_rank,
       latest_n_ranked, latest_band_code, base_value, is_method_break_since_base, gap, gap_unit, pct_of_target,
       gap >= 0 AS is_met,
       value_at_rank_n,
       -- Points the unit needed to reach the value at rank N: 0 when met; only for a rank computed from values.
       CASE WHEN kind = 'rank_at_most' AND latest_rank_source IN ('computed', 'computed_publisher_tiebreak')
                 AND latest_value IS NOT NULL
                 AND value_at_rank_n IS NOT NULL
            THEN CASE WHEN latest_rank <= assessed_threshold THEN CAST(0 AS DOUBLE)
                      ELSE greatest(CAST(0 AS DOUBLE), (value_at_rank_n - latest_value) * sign) END
       END AS points_needed,
       projected_value, projected_rank, projected_band_code,
       CASE WHEN projection_points >= 2 THEN 'ols_last_' || CAST(projection_points AS VARCHAR) END
           AS projection_method,
       CASE WHEN gap >= 0 THEN true
            WHEN gap IS NOT NULL AND projection_points >= 2 THEN projection_reaches END AS is_on_track,
       is_restated, restated_threshold, assessed_threshold,
       CASE WHEN is_restated
            THEN 'rank_share_floor: top ' || CAST(trunc(threshold) AS BIGINT) || ' of '
                 || CAST(trunc(own_n_units) AS BIGINT) || ' (' || unit_frame || ') -> top '
                 || CAST(trunc(restated_threshold) AS BIGINT) || ' of ' || CAST(trunc(restate_n_units) AS BIGINT)
                 || ' (' || restate_frame || ')' END AS restatement_rule
FROM gaps
