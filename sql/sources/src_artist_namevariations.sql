-- artist_namevariations as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_artist_namevariations as
select * from read_parquet('{snapshot_dir}/artist_namevariations/*.parquet');
