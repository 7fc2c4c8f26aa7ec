-- artist_urls as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_artist_urls as
select * from read_parquet('{snapshot_dir}/artist_urls/*.parquet');
