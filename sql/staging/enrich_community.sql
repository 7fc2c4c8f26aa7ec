-- enrich_community: every API fetch, as stored (etl/enrich/store.py); key: release_id, source, source_id, fetched_at
create or replace view enrich_community as
select
    release_id,
    fetched_at,
    have,
    want,
    source,
    source_id
from src_enrich_community;
