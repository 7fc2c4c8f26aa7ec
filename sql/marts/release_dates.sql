-- key: release_id
-- What the dumps never carried: when a release was added to and last changed on Discogs, and
-- its estimated weight (grams), from the newest successful fetch; gone = the API answered 404.

create or replace view release_dates as

select
    release_id,
    arg_max(date_added, fetched_at) filter (where status = 200) as date_added,
    arg_max(date_changed, fetched_at) filter (where status = 200) as date_changed,
    arg_max(estimated_weight, fetched_at) filter (where status = 200) as estimated_weight,
    arg_max(status, fetched_at) = 404 as gone,
    max(fetched_at) as fetched_at
from enrich_releases
group by release_id;
