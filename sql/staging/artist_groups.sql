-- artist_groups, as parsed (columns as in etl/schemas.py); key: artist_id, idx
create or replace view artist_groups as
select
    artist_id,
    idx,
    group_id,
    name
from src_artist_groups;
