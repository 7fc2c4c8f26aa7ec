-- key: entity, id, idx
-- Image URLs (signed: use them as given) from the newest fetch of each release, master, artist
-- and label; the dumps lost their image URIs in 2015 and their <images> in 2024.

create or replace view api_images as

with

newest as (
    select entity, id, max(fetched_at) as fetched_at
    from enrich_images
    group by entity, id
)

select images.entity, images.id, images.idx, images.type, images.uri, images.uri150,
    images.width, images.height, images.fetched_at
from enrich_images as images
join newest using (entity, id, fetched_at);
