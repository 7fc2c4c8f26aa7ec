-- master_artists as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_master_artists as
select * from read_parquet('{snapshot_dir}/master_artists/*.parquet');
