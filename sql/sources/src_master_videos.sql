-- master_videos as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_master_videos as
select * from read_parquet('{snapshot_dir}/master_videos/*.parquet');
