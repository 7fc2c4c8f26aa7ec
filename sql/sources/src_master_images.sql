-- master_images as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_master_images as
select * from read_parquet('{snapshot_dir}/master_images/*.parquet');
