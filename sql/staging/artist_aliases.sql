-- artist_aliases, as parsed (columns as in etl/schemas.py); key: artist_id, idx
create or replace view artist_aliases as
select
    artist_id,
    idx,
    alias_id,
    name
from src_artist_aliases;
