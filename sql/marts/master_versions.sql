-- key: master_id, release_id
-- Every master with each of its versions: the releases whose master_id points to it.
-- Masters without any release in the dump and releases pointing to a missing master are left
-- out (data_quality counts the latter).
-- is_main_release trusts either side, since each can lag behind the other between edits:
-- the master's main_release_id or the release's own is_main_release flag.

create or replace view master_versions as

with

versions as (
    select
        masters.master_id,
        masters.title as master_title,
        masters.year as master_year,
        masters.main_release_id,
        releases.release_id,
        releases.title as release_title,
        releases.country,
        releases.released,
        releases.released_year as release_year,
        coalesce(
            masters.main_release_id = releases.release_id or releases.is_main_release,
            false
        ) as is_main_release
    from masters
    inner join releases
        on masters.master_id = releases.master_id
),

final as (
    select
        *,
        count(*) over (partition by master_id) as version_count
    from versions
)

select * from final;
