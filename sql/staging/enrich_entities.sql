-- enrich_entities: every API fetch, as stored (etl/enrich/store.py); key: entity, id, fetched_at
create or replace view enrich_entities as
select
    entity,
    id,
    fetched_at,
    status,
    name,
    main_release_id,
    most_recent_release_id,
    lowest_price,
    num_for_sale
from src_enrich_entities;
