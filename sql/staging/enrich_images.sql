-- enrich_images: every API fetch, as stored (etl/enrich/store.py); key: entity, id, fetched_at, idx
create or replace view enrich_images as
select
    entity,
    id,
    idx,
    fetched_at,
    type,
    uri,
    uri150,
    width,
    height
from src_enrich_images;
