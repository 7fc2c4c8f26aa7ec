-- release_images, as parsed (columns as in etl/schemas.py); key: release_id, idx
create or replace view release_images as
select
    release_id,
    idx,
    type,
    uri,
    uri150,
    width,
    height
from src_release_images;
