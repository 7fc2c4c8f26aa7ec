-- release_formats as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_release_formats as
select * from read_parquet('{snapshot_dir}/release_formats/*.parquet');
