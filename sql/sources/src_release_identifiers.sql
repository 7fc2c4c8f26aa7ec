-- release_identifiers as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_release_identifiers as
select * from read_parquet('{snapshot_dir}/release_identifiers/*.parquet');
