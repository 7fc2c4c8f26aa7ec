-- masters, as parsed (columns as in etl/schemas.py); key: master_id
create or replace view masters as
select
    master_id,
    main_release_id,
    title,
    year,
    notes,
    data_quality,
    genres,
    styles,
    record_hash
from src_masters;
