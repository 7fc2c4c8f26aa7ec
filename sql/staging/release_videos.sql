-- release_videos, as parsed (columns as in etl/schemas.py); key: release_id, idx
create or replace view release_videos as
select
    release_id,
    idx,
    src,
    duration,
    embed,
    title,
    description
from src_release_videos;
