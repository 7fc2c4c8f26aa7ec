-- release_formats, as parsed (columns as in etl/schemas.py); key: release_id, idx
create or replace view release_formats as
select
    release_id,
    idx,
    name,
    qty,
    text,
    descriptions
from src_release_formats;
