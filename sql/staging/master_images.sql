-- master_images, as parsed (columns as in etl/schemas.py); key: master_id, idx
create or replace view master_images as
select
    master_id,
    idx,
    type,
    uri,
    uri150,
    width,
    height
from src_master_images;
