-- label_sublabels as parsed: the sources layer alone knows where the Parquet lives.
create or replace view src_label_sublabels as
select * from read_parquet('{snapshot_dir}/label_sublabels/*.parquet');
