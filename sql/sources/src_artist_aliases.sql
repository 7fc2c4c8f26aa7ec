-- artist_aliases as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_artist_aliases as
select * from read_parquet('{snapshot_dir}/artist_aliases/*.parquet');
