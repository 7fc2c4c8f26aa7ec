-- release_track_artists, as parsed (columns as in etl/schemas.py); key: release_id, track_idx, idx
create or replace view release_track_artists as
select
    release_id,
    track_idx,
    idx,
    artist_id,
    name,
    anv,
    "join",
    role,
    tracks
from src_release_track_artists;
