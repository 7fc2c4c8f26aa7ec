-- key: release_id
-- One row per release: what a Discogs release page shows in its header.
--
-- artist_display follows the website: each main artist in idx order is shown by its anv, else by
-- its name without the disambiguation suffix " (N)", then its join word to the next artist:
--   join ","                -> ", "      [A ,][B &][C]       -> "A, B & C"
--   any other join J        -> " J "     [A Feat.][B]        -> "A Feat. B"
--   empty join between two  -> ", "      (the submission form asks for a comma when there is none)
--   join on the last artist -> dropped   (2025+ masters and some releases carry a trailing ",")
-- Joins are trimmed first (" &" and "&" read the same), and so is the whole string.
-- artist_ids keeps NULL for unlinked artists, so artist_ids[i + 1] is the artist at idx i.
--
-- format_summary: per format "<qty>×<name>" ("×" only when qty > 1, else the bare name), then
-- its descriptions in dump order, then its free text, all joined by ", "; several formats are
-- joined by " + " in idx order: "2×Vinyl, LP, Album, Gatefold + CD, Album".
--
-- have, want, rating_average, rating_count and lowest_price come from discogs-etl enrich
-- (NULL where a release was never enriched).
--
-- track_count counts playable tracks only (track_type 'track', sub-tracks included), not
-- headings or the index tracks that group sub-tracks.

create or replace view release_summary as

with

main_artists as (
    select
        release_id,
        idx,
        artist_id,
        coalesce(anv, regexp_replace(name, ' \(\d+\)$', ''), '') as display_name,
        nullif(trim("join"), '') as join_word,
        idx = max(idx) over (partition by release_id) as is_last
    from release_artists
),

artist_credit as (
    select
        release_id,
        nullif(
            trim(
                string_agg(
                    display_name || case
                        when is_last then ''
                        when join_word is null or join_word = ',' then ', '
                        else ' ' || join_word || ' '
                    end,
                    ''
                    order by idx
                )
            ),
            ''
        ) as artist_display,
        list(artist_id order by idx) as artist_ids
    from main_artists
    group by release_id
),

first_label as (
    select
        release_id,
        label_id,
        name as label_name,
        catno
    from release_labels
    where idx = 0
),

formats as (
    select
        release_id,
        idx,
        concat_ws(
            ', ',
            case when qty > 1 then qty::varchar || '×' || name else name end,
            nullif(array_to_string(descriptions, ', '), ''),
            text
        ) as format_text
    from release_formats
),

format_summary as (
    select
        release_id,
        nullif(string_agg(nullif(format_text, ''), ' + ' order by idx), '') as format_summary
    from formats
    group by release_id
),

track_counts as (
    select
        release_id,
        count(*) filter (where track_type = 'track') as track_count
    from release_tracks
    group by release_id
),

final as (
    select
        releases.release_id,
        releases.title,
        artist_credit.artist_display,
        artist_credit.artist_ids,
        first_label.label_id,
        first_label.label_name,
        first_label.catno,
        format_summary.format_summary,
        releases.country,
        releases.released,
        releases.released_year as year,
        releases.master_id,
        releases.is_main_release,
        releases.genres,
        releases.styles,
        releases.data_quality,
        coalesce(track_counts.track_count, 0) as track_count,
        releases.status,
        release_community.have,
        release_community.want,
        release_community.rating_average,
        release_community.rating_count,
        release_marketplace.lowest_price
    from releases
    left join artist_credit
        on releases.release_id = artist_credit.release_id
    left join first_label
        on releases.release_id = first_label.release_id
    left join format_summary
        on releases.release_id = format_summary.release_id
    left join track_counts
        on releases.release_id = track_counts.release_id
    left join release_community
        on releases.release_id = release_community.release_id
    left join release_marketplace
        on releases.release_id = release_marketplace.release_id
)

select * from final;
