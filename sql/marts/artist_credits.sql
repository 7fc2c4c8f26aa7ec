-- key: release_id, credit_type, credit_track_idx, idx
-- Every artist credit of every release, one row per credit as the dump lists it:
--   credit_type 'main'        release_artists
--               'extra'       release_extraartists
--               'track'       release_track_artists       (track_idx set)
--               'track_extra' release_track_extraartists  (track_idx set)
-- Titles and track positions are not joined in: DuckDB keeps a view's LEFT JOINs even when a
-- query reads none of their columns, which doubled the cost of every credit count. Join
-- release_summary on release_id, and release_tracks on (release_id, track_idx), when needed.
-- track_idx is NULL for release-level credits. The key cannot hold that NULL, so it uses
-- credit_track_idx instead: track_idx, or -1 for a release-level credit.
-- artist_id is NULL for an unlinked credit (a name with no artist page).
--
-- role is kept raw: an extra artist's role may list several roles ("Producer, Mixed By") and
-- a role may carry details in brackets ("Performer [Guitar, Vocals]"). roles splits it on the
-- commas outside brackets, trimmed, so unnest(roles) gives one row per single role, details kept.
-- display_name is the name as credited: the anv, else the name without its " (N)" suffix.

create or replace view artist_credits as

with

release_level as (
    select release_id, 'main' as credit_type, null::integer as track_idx, idx, artist_id,
        name, anv, "join", role, tracks
    from release_artists
    union all
    select release_id, 'extra' as credit_type, null::integer as track_idx, idx, artist_id,
        name, anv, "join", role, tracks
    from release_extraartists
),

track_level as (
    select release_id, 'track' as credit_type, track_idx, idx, artist_id,
        name, anv, "join", role, tracks
    from release_track_artists
    union all
    select release_id, 'track_extra' as credit_type, track_idx, idx, artist_id,
        name, anv, "join", role, tracks
    from release_track_extraartists
),

credits as (
    select * from release_level
    union all
    select * from track_level
),

final as (
    select
        credits.release_id,
        credits.credit_type,
        coalesce(credits.track_idx, -1) as credit_track_idx,
        credits.idx,
        credits.track_idx,
        credits.artist_id,
        credits.name as artist_name,
        credits.anv,
        coalesce(credits.anv, regexp_replace(credits.name, ' \(\d+\)$', '')) as display_name,
        credits."join",
        credits.role,
        case
            when credits.role is null then []::varchar[]
            else list_filter(
                list_transform(
                    regexp_extract_all(credits.role, '(?:[^,\[]|\[[^\]]*\]?)+'),
                    lambda single: trim(single)
                ),
                lambda single: single <> ''
            )
        end as roles,
        credits.tracks
    from credits
)

select * from final;
