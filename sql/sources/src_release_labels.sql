-- release_labels as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_release_labels as
select * from read_parquet('{snapshot_dir}/release_labels/*.parquet');
