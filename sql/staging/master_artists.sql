-- master_artists, as parsed (columns as in etl/schemas.py); key: master_id, idx
create or replace view master_artists as
select
    master_id,
    idx,
    artist_id,
    name,
    anv,
    "join",
    role,
    tracks
from src_master_artists;
