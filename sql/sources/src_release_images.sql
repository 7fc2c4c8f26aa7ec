-- release_images as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_release_images as
select * from read_parquet('{snapshot_dir}/release_images/*.parquet');
