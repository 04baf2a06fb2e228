-- the orgs of one level within a subtree (e.g. the counties of a province) by an index range
create index orgs_depth_path_idx on orgs (depth, path);
