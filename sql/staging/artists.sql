-- artists, as parsed (columns as in etl/schemas.py); key: <artist>
create or replace view artists as
select
    artist_id,
    name,
    realname,
    profile,
    data_quality,
    record_hash
from src_artists;
