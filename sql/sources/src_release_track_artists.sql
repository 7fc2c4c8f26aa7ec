-- release_track_artists as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_release_track_artists as
select * from read_parquet('{snapshot_dir}/release_track_artists/*.parquet');
