-- release_track_extraartists as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_release_track_extraartists as
select * from read_parquet('{snapshot_dir}/release_track_extraartists/*.parquet');
