-- release_series, as parsed (columns as in etl/schemas.py); key: release_id, idx
create or replace view release_series as
select
    release_id,
    idx,
    series_id,
    name,
    catno
from src_release_series;
