-- release_tracks, as parsed (columns as in etl/schemas.py); key: release_id, track_idx
create or replace view release_tracks as
select
    release_id,
    track_idx,
    parent_track_idx,
    position,
    title,
    duration,
    duration_seconds,
    track_type
from src_release_tracks;
