-- key: release_id
-- The freshest community figures the API gave for each enriched release: have/want from
-- whichever fetch is newest (the release itself, or a master's versions / a label's releases
-- list, which carry have/want for 100 releases a call), rating from the newest fetch of the
-- release itself. Releases never enriched are absent.

create or replace view release_community as

with

counts as (
    select
        release_id,
        arg_max(have, fetched_at) as have,
        arg_max(want, fetched_at) as want,
        arg_max(source, fetched_at) as have_want_source,
        max(fetched_at) as have_want_fetched_at
    from enrich_community
    group by release_id
),

ratings as (
    select
        release_id,
        arg_max(rating_average, fetched_at) as rating_average,
        arg_max(rating_count, fetched_at) as rating_count
    from enrich_releases
    where status = 200
    group by release_id
),

final as (
    select
        counts.release_id,
        counts.have,
        counts.want,
        ratings.rating_average,
        ratings.rating_count,
        counts.have_want_source,
        counts.have_want_fetched_at
    from counts
    left join ratings on counts.release_id = ratings.release_id
)

select * from final;
