-- releases of the snapshot before this one (the same snapshot when there is none): only the id and
-- record_hash, which is all the changes view needs.
create or replace view src_previous_releases as
select release_id, record_hash from read_parquet('{previous_snapshot_dir}/releases/*.parquet');
