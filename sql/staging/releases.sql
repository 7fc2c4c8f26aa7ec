-- releases, as parsed (columns as in etl/schemas.py); key: release_id
create or replace view releases as
select
    release_id,
    status,
    title,
    country,
    released,
    released_year,
    released_month,
    released_day,
    notes,
    data_quality,
    master_id,
    is_main_release,
    genres,
    styles,
    record_hash
from src_releases;
