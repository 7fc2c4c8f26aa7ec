-- artist_members, as parsed (columns as in etl/schemas.py); key: artist_id, idx
create or replace view artist_members as
select
    artist_id,
    idx,
    member_id,
    name
from src_artist_members;
