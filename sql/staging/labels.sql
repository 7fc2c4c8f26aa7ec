-- labels, as parsed (columns as in etl/schemas.py); key: label_id
create or replace view labels as
select
    label_id,
    name,
    contactinfo,
    profile,
    data_quality,
    parent_label_id,
    parent_label_name,
    record_hash
from src_labels;
