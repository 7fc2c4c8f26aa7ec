-- artist_namevariations, as parsed (columns as in etl/schemas.py); key: artist_id, idx
create or replace view artist_namevariations as
select
    artist_id,
    idx,
    name
from src_artist_namevariations;
