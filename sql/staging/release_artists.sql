-- release_artists, as parsed (columns as in etl/schemas.py); key: release_id, idx
create or replace view release_artists as
select
    release_id,
    idx,
    artist_id,
    name,
    anv,
    "join",
    role,
    tracks
from src_release_artists;
