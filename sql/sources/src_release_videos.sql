-- release_videos as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_release_videos as
select * from read_parquet('{snapshot_dir}/release_videos/*.parquet');
