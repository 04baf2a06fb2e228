import type { Actor } from '../../http/types.ts';

/**
 * Finding the org a cell names, among the orgs of the actor's subtree: a division code, a name ('东关村妇联', or
 * '东关村' without the suffix), or a name with the names above it ('义兴镇妇联/东关村妇联', any separator of / ／
 * > ＞ \ and any number of levels). A name that several orgs share asks for the level above.
 */
export type LookupOrg = {
  id: string;
  name: string;
  path: string;
  depth: number;
  parentId: string | null;
  status: 'active' | 'closed';
  divisionCode: string | null;
  provinceCode: string;
};

const SUFFIX = '妇联';
const bare = (name: string) => (name.endsWith(SUFFIX) && name.length > SUFFIX.length ? name.slice(0, -SUFFIX.length) : name);
const splitRef = (ref: string) =>
  ref
    .split(/\s*[/／>＞\\]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);

export function orgLookup(actor: Actor, orgs: LookupOrg[]) {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const byName = new Map<string, LookupOrg[]>();
  const byCode = new Map<string, LookupOrg>();
  // a ledger names the same few hundred orgs over and over: each reference is resolved once
  const resolved = new Map<string, { org: LookupOrg } | { problem: string }>();
  const add = (o: LookupOrg) => {
    resolved.clear();
    byId.set(o.id, o);
    for (const key of new Set([o.name, bare(o.name)])) byName.set(key, [...(byName.get(key) ?? []), o]);
    if (o.divisionCode) byCode.set(o.divisionCode, o);
  };
  for (const o of orgs) add(o);

  /** whether the names above `o` end with `names` (nearest last), without going above the actor's org */
  const ancestorsMatch = (o: LookupOrg, names: string[]): boolean => {
    let current = o;
    for (let i = names.length - 1; i >= 0; i--) {
      if (current.id === actor.orgId || !current.parentId) return false;
      const parent = byId.get(current.parentId);
      if (!parent || (parent.name !== names[i] && bare(parent.name) !== bare(names[i]))) return false;
      current = parent;
    }
    return true;
  };

  const pathName = (o: LookupOrg): string => {
    const names: string[] = [];
    for (let c: LookupOrg | undefined = o; c && c.id !== actor.orgId; c = c.parentId ? byId.get(c.parentId) : undefined) names.unshift(c.name);
    return names.join('/') || o.name;
  };

  function resolve(ref: string): { org: LookupOrg } | { problem: string } {
    let found = resolved.get(ref);
    if (!found) resolved.set(ref, (found = resolveNew(ref)));
    return found;
  }

  function resolveNew(ref: string): { org: LookupOrg } | { problem: string } {
    const code = byCode.get(ref.trim());
    if (code) return { org: code };
    const names = splitRef(ref);
    if (names.length === 0) return { problem: '组织不能为空' };
    const last = names[names.length - 1];
    const candidates = [...new Set([...(byName.get(last) ?? []), ...(byName.get(bare(last)) ?? [])])];
    const matches = candidates.filter((o) => ancestorsMatch(o, names.slice(0, -1)));
    if (matches.length === 1) return { org: matches[0] };
    if (matches.length === 0) return { problem: `找不到组织“${ref}”，或它不在您的管辖范围内` };
    const examples = matches.slice(0, 3).map(pathName).join('、');
    return { problem: `有 ${matches.length} 个组织名为“${ref}”，请写出上级组织，如“${examples}”` };
  }

  return { resolve, add, pathName };
}
