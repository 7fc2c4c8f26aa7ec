-- artist_urls, as parsed (columns as in etl/schemas.py); key: artist_id, idx
create or replace view artist_urls as
select
    artist_id,
    idx,
    url
from src_artist_urls;
