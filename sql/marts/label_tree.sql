-- key: label_id
-- Every label with its parent chain, walked through labels.parent_label_id.
-- ancestor_ids / ancestor_names run from the parent up to the root. root_label_* is the label
-- itself when it has no parent, and depth is the number of ancestors (0 for a root).
--
-- The dumps are not clean, so the walk stops:
--   at a parent missing from the labels dump: the root is the last label found, so a label
--     whose only parent is missing is its own root with depth 0 (parent_label_id still shows
--     the dangling id, and data_quality counts it),
--   just before a label would repeat (a cycle, self-parent included): has_cycle is then true.

create or replace view label_tree as

with recursive

chain as (
    select
        label_id,
        label_id as current_id,
        parent_label_id as next_id,
        [label_id] as path_ids,
        [name] as path_names
    from labels
    union all
    select
        chain.label_id,
        parents.label_id as current_id,
        parents.parent_label_id as next_id,
        list_append(chain.path_ids, parents.label_id) as path_ids,
        list_append(chain.path_names, parents.name) as path_names
    from chain
    inner join labels as parents
        on chain.next_id = parents.label_id
    where not list_contains(chain.path_ids, parents.label_id)
),

-- the walk is linear (one parent per label), so the longest path of a label is its full chain
full_chain as (
    select *
    from chain
    qualify row_number() over (partition by label_id order by len(path_ids) desc) = 1
),

final as (
    select
        labels.label_id,
        labels.name as label_name,
        labels.parent_label_id,
        labels.parent_label_name,
        full_chain.path_ids[2:] as ancestor_ids,
        full_chain.path_names[2:] as ancestor_names,
        full_chain.path_ids[-1] as root_label_id,
        full_chain.path_names[-1] as root_label_name,
        len(full_chain.path_ids) - 1 as depth,
        coalesce(list_contains(full_chain.path_ids, full_chain.next_id), false) as has_cycle
    from labels
    inner join full_chain
        on labels.label_id = full_chain.label_id
)

select * from final;
