-- label_images, as parsed (columns as in etl/schemas.py); key: label_id, idx
create or replace view label_images as
select
    label_id,
    idx,
    type,
    uri,
    uri150,
    width,
    height
from src_label_images;
