-- release_companies, as parsed (columns as in etl/schemas.py); key: release_id, idx
create or replace view release_companies as
select
    release_id,
    idx,
    company_id,
    name,
    catno,
    entity_type,
    entity_type_name,
    resource_url
from src_release_companies;
