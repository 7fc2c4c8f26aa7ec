-- release_identifiers, as parsed (columns as in etl/schemas.py); key: release_id, idx
create or replace view release_identifiers as
select
    release_id,
    idx,
    type,
    description,
    value
from src_release_identifiers;
