-- key: check_name
-- One row per check, so a clean snapshot shows every check with problem_count 0: this view
-- reports, it never fails. example_ids holds up to 5 distinct ids, smallest first.
--
-- Dangling references (<table>_<target>_missing): problem_count counts the referencing rows,
-- example_ids are the missing target ids (so artist 194 "Various", absent from the artists
-- dump by design, shows up here). NULL references are unlinked, not dangling.
-- Duplicate keys (<table>_duplicate_keys): problem_count counts the key values held by more
-- than one row, example_ids are the first key column (the record or parent id) of those keys.
-- label_parent_cycles: labels whose parent chain loops back (see label_tree), by label id.

create or replace view data_quality as

with

dangling_references as (
    select
        'releases_master_missing' as check_name,
        'releases.master_id not in masters' as description,
        count(*) as problem_count,
        min(distinct releases.master_id, 5) as example_ids
    from releases
    left join masters
        on releases.master_id = masters.master_id
    where releases.master_id is not null and masters.master_id is null

    union all

    select
        'release_labels_label_missing',
        'release_labels.label_id not in labels',
        count(*),
        min(distinct release_labels.label_id, 5)
    from release_labels
    left join labels
        on release_labels.label_id = labels.label_id
    where release_labels.label_id is not null and labels.label_id is null

    union all

    select
        'release_artists_artist_missing',
        'release_artists.artist_id not in artists',
        count(*),
        min(distinct credits.artist_id, 5)
    from release_artists as credits
    left join artists
        on credits.artist_id = artists.artist_id
    where credits.artist_id is not null and artists.artist_id is null

    union all

    select
        'release_extraartists_artist_missing',
        'release_extraartists.artist_id not in artists',
        count(*),
        min(distinct credits.artist_id, 5)
    from release_extraartists as credits
    left join artists
        on credits.artist_id = artists.artist_id
    where credits.artist_id is not null and artists.artist_id is null

    union all

    select
        'release_track_artists_artist_missing',
        'release_track_artists.artist_id not in artists',
        count(*),
        min(distinct credits.artist_id, 5)
    from release_track_artists as credits
    left join artists
        on credits.artist_id = artists.artist_id
    where credits.artist_id is not null and artists.artist_id is null

    union all

    select
        'release_track_extraartists_artist_missing',
        'release_track_extraartists.artist_id not in artists',
        count(*),
        min(distinct credits.artist_id, 5)
    from release_track_extraartists as credits
    left join artists
        on credits.artist_id = artists.artist_id
    where credits.artist_id is not null and artists.artist_id is null

    union all

    select
        'master_artists_artist_missing',
        'master_artists.artist_id not in artists',
        count(*),
        min(distinct credits.artist_id, 5)
    from master_artists as credits
    left join artists
        on credits.artist_id = artists.artist_id
    where credits.artist_id is not null and artists.artist_id is null

    union all

    select
        'masters_main_release_missing',
        'masters.main_release_id not in releases',
        count(*),
        min(distinct masters.main_release_id, 5)
    from masters
    left join releases
        on masters.main_release_id = releases.release_id
    where masters.main_release_id is not null and releases.release_id is null

    union all

    select
        'labels_parent_label_missing',
        'labels.parent_label_id not in labels',
        count(*),
        min(distinct labels.parent_label_id, 5)
    from labels
    left join labels as parents
        on labels.parent_label_id = parents.label_id
    where labels.parent_label_id is not null and parents.label_id is null
),

-- one aggregate row per table, each over its keys that occur more than once
duplicate_keys as (
    select 'releases' as table_name, 'release_id' as key_columns,
        count(*) as problem_count, min(distinct release_id, 5) as example_ids
    from (select release_id from releases group by release_id having count(*) > 1)
    union all
    select 'release_artists', 'release_id, idx', count(*), min(distinct release_id, 5)
    from (select release_id from release_artists group by release_id, idx having count(*) > 1)
    union all
    select 'release_extraartists', 'release_id, idx', count(*), min(distinct release_id, 5)
    from (
        select release_id from release_extraartists group by release_id, idx having count(*) > 1
    )
    union all
    select 'release_labels', 'release_id, idx', count(*), min(distinct release_id, 5)
    from (select release_id from release_labels group by release_id, idx having count(*) > 1)
    union all
    select 'release_series', 'release_id, idx', count(*), min(distinct release_id, 5)
    from (select release_id from release_series group by release_id, idx having count(*) > 1)
    union all
    select 'release_formats', 'release_id, idx', count(*), min(distinct release_id, 5)
    from (select release_id from release_formats group by release_id, idx having count(*) > 1)
    union all
    select 'release_tracks', 'release_id, track_idx', count(*), min(distinct release_id, 5)
    from (
        select release_id from release_tracks group by release_id, track_idx having count(*) > 1
    )
    union all
    select
        'release_track_artists', 'release_id, track_idx, idx', count(*),
        min(distinct release_id, 5)
    from (
        select release_id from release_track_artists
        group by release_id, track_idx, idx having count(*) > 1
    )
    union all
    select
        'release_track_extraartists', 'release_id, track_idx, idx', count(*),
        min(distinct release_id, 5)
    from (
        select release_id from release_track_extraartists
        group by release_id, track_idx, idx having count(*) > 1
    )
    union all
    select 'release_identifiers', 'release_id, idx', count(*), min(distinct release_id, 5)
    from (
        select release_id from release_identifiers group by release_id, idx having count(*) > 1
    )
    union all
    select 'release_videos', 'release_id, idx', count(*), min(distinct release_id, 5)
    from (select release_id from release_videos group by release_id, idx having count(*) > 1)
    union all
    select 'release_companies', 'release_id, idx', count(*), min(distinct release_id, 5)
    from (
        select release_id from release_companies group by release_id, idx having count(*) > 1
    )
    union all
    select 'release_images', 'release_id, idx', count(*), min(distinct release_id, 5)
    from (select release_id from release_images group by release_id, idx having count(*) > 1)
    union all
    select 'artists', 'artist_id', count(*), min(distinct artist_id, 5)
    from (select artist_id from artists group by artist_id having count(*) > 1)
    union all
    select 'artist_urls', 'artist_id, idx', count(*), min(distinct artist_id, 5)
    from (select artist_id from artist_urls group by artist_id, idx having count(*) > 1)
    union all
    select 'artist_namevariations', 'artist_id, idx', count(*), min(distinct artist_id, 5)
    from (
        select artist_id from artist_namevariations group by artist_id, idx having count(*) > 1
    )
    union all
    select 'artist_aliases', 'artist_id, idx', count(*), min(distinct artist_id, 5)
    from (select artist_id from artist_aliases group by artist_id, idx having count(*) > 1)
    union all
    select 'artist_members', 'artist_id, idx', count(*), min(distinct artist_id, 5)
    from (select artist_id from artist_members group by artist_id, idx having count(*) > 1)
    union all
    select 'artist_groups', 'artist_id, idx', count(*), min(distinct artist_id, 5)
    from (select artist_id from artist_groups group by artist_id, idx having count(*) > 1)
    union all
    select 'artist_images', 'artist_id, idx', count(*), min(distinct artist_id, 5)
    from (select artist_id from artist_images group by artist_id, idx having count(*) > 1)
    union all
    select 'labels', 'label_id', count(*), min(distinct label_id, 5)
    from (select label_id from labels group by label_id having count(*) > 1)
    union all
    select 'label_urls', 'label_id, idx', count(*), min(distinct label_id, 5)
    from (select label_id from label_urls group by label_id, idx having count(*) > 1)
    union all
    select 'label_sublabels', 'label_id, idx', count(*), min(distinct label_id, 5)
    from (select label_id from label_sublabels group by label_id, idx having count(*) > 1)
    union all
    select 'label_images', 'label_id, idx', count(*), min(distinct label_id, 5)
    from (select label_id from label_images group by label_id, idx having count(*) > 1)
    union all
    select 'masters', 'master_id', count(*), min(distinct master_id, 5)
    from (select master_id from masters group by master_id having count(*) > 1)
    union all
    select 'master_artists', 'master_id, idx', count(*), min(distinct master_id, 5)
    from (select master_id from master_artists group by master_id, idx having count(*) > 1)
    union all
    select 'master_videos', 'master_id, idx', count(*), min(distinct master_id, 5)
    from (select master_id from master_videos group by master_id, idx having count(*) > 1)
    union all
    select 'master_images', 'master_id, idx', count(*), min(distinct master_id, 5)
    from (select master_id from master_images group by master_id, idx having count(*) > 1)
),

label_cycles as (
    select
        'label_parent_cycles' as check_name,
        'labels whose parent chain loops back to a label already in it' as description,
        count(*) as problem_count,
        min(distinct label_id, 5) as example_ids
    from label_tree
    where has_cycle
),

checks as (
    select * from dangling_references
    union all
    select
        table_name || '_duplicate_keys' as check_name,
        table_name || ' keys (' || key_columns || ') held by more than one row' as description,
        problem_count,
        example_ids
    from duplicate_keys
    union all
    select * from label_cycles
),

final as (
    select
        check_name,
        description,
        problem_count,
        coalesce(example_ids, []::bigint[]) as example_ids
    from checks
)

select * from final;
