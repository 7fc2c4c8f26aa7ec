-- key: entity, id
-- What changed since the previous snapshot: every release, artist, label and master id that was
-- added, removed or changed (its record_hash differs). Unchanged ids are left out. The dates
-- compared are in etl_build_info (previous_dump_date -> dump_date); with no earlier snapshot the
-- view is empty.

create or replace view changes as

with

releases_delta as (
    select 'release' as entity, coalesce(n.release_id, o.release_id) as id, n.record_hash as new_hash,
        o.record_hash as old_hash, n.release_id is null as gone, o.release_id is null as new
    from releases as n
    full outer join src_previous_releases as o on n.release_id = o.release_id
),

artists_delta as (
    select 'artist' as entity, coalesce(n.artist_id, o.artist_id) as id, n.record_hash as new_hash,
        o.record_hash as old_hash, n.artist_id is null as gone, o.artist_id is null as new
    from artists as n
    full outer join src_previous_artists as o on n.artist_id = o.artist_id
),

labels_delta as (
    select 'label' as entity, coalesce(n.label_id, o.label_id) as id, n.record_hash as new_hash,
        o.record_hash as old_hash, n.label_id is null as gone, o.label_id is null as new
    from labels as n
    full outer join src_previous_labels as o on n.label_id = o.label_id
),

masters_delta as (
    select 'master' as entity, coalesce(n.master_id, o.master_id) as id, n.record_hash as new_hash,
        o.record_hash as old_hash, n.master_id is null as gone, o.master_id is null as new
    from masters as n
    full outer join src_previous_masters as o on n.master_id = o.master_id
),

all_deltas as (
    select * from releases_delta
    union all select * from artists_delta
    union all select * from labels_delta
    union all select * from masters_delta
),

final as (
    select
        entity,
        id,
        case when new then 'added' when gone then 'removed' else 'changed' end as change,
        info.previous_dump_date as from_dump_date,
        info.dump_date as to_dump_date
    from all_deltas
    cross join etl_build_info as info
    where new or gone or new_hash <> old_hash
)

select * from final
