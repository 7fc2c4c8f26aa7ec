-- release_series as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_release_series as
select * from read_parquet('{snapshot_dir}/release_series/*.parquet');
