-- enrich/entities as fetched from the Discogs API by discogs-etl enrich (empty until then).
create or replace view src_enrich_entities as
select * from read_parquet('{enrich_dir}/entities/*.parquet');
