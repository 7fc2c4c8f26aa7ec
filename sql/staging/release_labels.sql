-- release_labels, as parsed (columns as in etl/schemas.py); key: release_id, idx
create or replace view release_labels as
select
    release_id,
    idx,
    label_id,
    name,
    catno
from src_release_labels;
