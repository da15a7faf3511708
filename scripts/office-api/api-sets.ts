/**
 * Requirement sets, as Microsoft writes them: the `[Api set: ExcelApi 1.9]` remark of every member in
 * @types/office-js (and @types/custom-functions-runtime, @types/office-runtime), and the
 * `<Requirements><Sets><Set Name="ExcelApi" MinVersion="1.9"/>` block of manifest.xml.
 *
 * Shared by the generator of the fake's API table (extract.ts), the fake itself (tests/fakes/excel-fake.ts)
 * and the checker over src/ (check-api-sets.ts), so the three read a remark and compare versions the same way.
 * Pure: no Node, no TypeScript compiler.
 */

/** One requirement: a set name and the minimum version, e.g. { name: "ExcelApi", version: "1.9" }. */
export interface SetRequirement {
  name: string;
  version: string;
}

/**
 * What a member needs. `any` lists alternatives (any one is enough: "SharedRuntime 1.1, Mailbox 1.10" is the
 * same member on two hosts); `write` is the set for assigning the property when it differs from reading it
 * ("ExcelApi 1.1 for reading visibility; 1.2 for setting it.").
 */
export interface MemberRequirement {
  any: SetRequirement[];
  write?: SetRequirement;
}

/** The granted sets: name -> highest version supported, e.g. { ExcelApi: "1.9", SharedRuntime: "1.1" }. */
export type GrantedSets = Readonly<Record<string, string>>;

/** "1.10" > "1.9": versions compare numerically part by part. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `granted` includes `req` (same set name, version at least the one required). */
export function grants(granted: GrantedSets, req: SetRequirement): boolean {
  const have = Object.entries(granted).find(([n]) => n.toLowerCase() === req.name.toLowerCase())?.[1];
  return have !== undefined && /^\d+(\.\d+)*$/.test(req.version) && compareVersions(have, req.version) >= 0;
}

/** Whether a member with this requirement may be used (read, or assigned when `write`). */
export function satisfied(granted: GrantedSets, req: MemberRequirement, write = false): boolean {
  if (write && req.write) return grants(granted, req.write);
  return req.any.length === 0 || req.any.some((r) => grants(granted, r));
}

/**
 * The requirement in the text of one `[Api set: ...]` remark, or null when there is none.
 * "ExcelApi 1.9" | "SharedRuntime 1.1, Mailbox 1.10" | "ExcelApi 1.1 for get, 1.8 for set" |
 * "ExcelApi 1.1 for reading visibility; 1.2 for setting it." | "ExcelApi BETA (PREVIEW ONLY)".
 * A qualified alternative ("1.7 for Array") is dropped: the member exists from the first version named.
 */
export function parseApiSet(remark: string): MemberRequirement | null {
  const m = /\[\s*Api set:\s*([^\]]*)\]/i.exec(remark);
  if (!m) return null;
  const out: MemberRequirement = { any: [] };
  let lastName = "";
  for (const part of m[1].split(/[;,]/)) {
    const p = part.trim().replace(/\.$/, "");
    if (!p) continue;
    const named = /^([A-Za-z][A-Za-z0-9]*)\s+(\d+(?:\.\d+)*|BETA|Preview)\b(.*)$/i.exec(p);
    const bare = /^(\d+(?:\.\d+)*)\b(.*)$/.exec(p);
    let req: SetRequirement;
    let rest: string;
    if (named) {
      lastName = named[1];
      req = { name: named[1], version: /^\d/.test(named[2]) ? named[2] : "preview" };
      rest = named[3];
    } else if (bare && lastName) {
      req = { name: lastName, version: bare[1] };
      rest = bare[2];
    } else continue;
    const qualifier = rest.trim().toLowerCase();
    if (/^for (set|setting)\b/.test(qualifier)) out.write = req;
    else if (!qualifier || /^for (get|reading)\b/.test(qualifier) || out.any.length === 0) out.any.push(req);
  }
  return out.any.length || out.write ? out : null;
}

/** Compact text of a requirement, as the generated table stores it: "ExcelApi 1.9", "SharedRuntime 1.1|Mailbox 1.10". */
export function formatRequirement(req: MemberRequirement): string {
  const any = req.any.map((r) => `${r.name} ${r.version}`).join("|");
  return req.write ? `${any}>${req.write.name} ${req.write.version}` : any;
}

/** The inverse of formatRequirement. */
export function readRequirement(text: string): MemberRequirement {
  const [any, write] = text.split(">");
  const one = (s: string): SetRequirement => {
    const [name, version] = s.trim().split(/\s+/);
    return { name, version };
  };
  return { any: any ? any.split("|").map(one) : [], ...(write ? { write: one(write) } : {}) };
}

/** The `<Set Name=... MinVersion=...>` entries of the manifest's <Requirements> block (the only sets granted). */
export function manifestSets(manifestXml: string): Record<string, string> {
  const block = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(manifestXml);
  if (!block) return {};
  const sets: Record<string, string> = {};
  const defaultMin = /<Sets[^>]*DefaultMinVersion="([^"]+)"/.exec(block[1])?.[1] ?? "1.1";
  for (const m of block[1].matchAll(/<Set\s+([^>]*?)\/?>/g)) {
    const name = /Name="([^"]+)"/.exec(m[1])?.[1];
    if (name) sets[name] = /MinVersion="([^"]+)"/.exec(m[1])?.[1] ?? defaultMin;
  }
  return sets;
}
