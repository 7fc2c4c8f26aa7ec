-- enrich_releases: every API fetch, as stored (etl/enrich/store.py); key: release_id, fetched_at
create or replace view enrich_releases as
select
    release_id,
    fetched_at,
    status,
    have,
    want,
    rating_average,
    rating_count,
    lowest_price,
    num_for_sale,
    blocked_from_sale,
    date_added,
    date_changed,
    estimated_weight,
    thumb
from src_enrich_releases;
