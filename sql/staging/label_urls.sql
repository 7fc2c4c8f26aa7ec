-- label_urls, as parsed (columns as in etl/schemas.py); key: label_id, idx
create or replace view label_urls as
select
    label_id,
    idx,
    url
from src_label_urls;
