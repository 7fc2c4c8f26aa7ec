-- artist_images, as parsed (columns as in etl/schemas.py); key: artist_id, idx
create or replace view artist_images as
select
    artist_id,
    idx,
    type,
    uri,
    uri150,
    width,
    height
from src_artist_images;
