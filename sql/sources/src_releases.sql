-- releases as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_releases as
select * from read_parquet('{snapshot_dir}/releases/*.parquet');
