-- label_sublabels, as parsed (columns as in etl/schemas.py); key: label_id, idx
create or replace view label_sublabels as
select
    label_id,
    idx,
    sublabel_id,
    name
from src_label_sublabels;
