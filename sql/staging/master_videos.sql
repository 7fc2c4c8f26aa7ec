-- master_videos, as parsed (columns as in etl/schemas.py); key: master_id, idx
create or replace view master_videos as
select
    master_id,
    idx,
    src,
    duration,
    embed,
    title,
    description
from src_master_videos;
