-- The activity list of a shallow scope (a province or city, no filters) is ordered by date desc, id desc: walking
-- this index finds a page's rows (filtered to the subtree's orgs) without sorting every activity of the scope.
-- Deep scopes keep using activities_org_date_idx.
create index activities_province_date_idx on activities (province_code, date desc, id desc);
