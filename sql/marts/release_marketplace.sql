-- key: release_id
-- Marketplace figures from the newest successful fetch of each release (/releases/{id}):
-- lowest price (in the API's currency for the token's user, USD without one), copies for sale,
-- and whether the release is blocked from sale.

create or replace view release_marketplace as

select
    release_id,
    arg_max(lowest_price, fetched_at) as lowest_price,
    arg_max(num_for_sale, fetched_at) as num_for_sale,
    arg_max(blocked_from_sale, fetched_at) as blocked_from_sale,
    max(fetched_at) as fetched_at
from enrich_releases
where status = 200
group by release_id;
