/**
 * Generates tests/fakes/office-api.json from Microsoft's typings, so the Excel fake is held to Microsoft's
 * artefacts rather than to our memory:
 * - every string enum of the Excel namespace with its allowed strings ("EqualTo", "NotEqualTo", ...);
 * - every member of every Excel class and interface (and of the CustomFunctions and OfficeRuntime namespaces)
 *   with its `[Api set: ...]` requirement, and, where the typings constrain it, the type of the value a
 *   property takes or of each parameter: an enum (allowed strings), an interface (checked key by key) or a
 *   class (the proxy a navigation property returns).
 *
 *   npm run gen:office-api        (node bin/run-ts.js scripts/office-api/extract.ts)
 *   npm run gen:office-api -- --check    exits 1 when the committed table differs (tests/fakes/office-api.test.ts)
 *
 * Read with the TypeScript compiler API and its type checker over node_modules/@types/office-js/index.d.ts,
 * @types/custom-functions-runtime and @types/office-runtime.
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import { formatRequirement, parseApiSet } from "./api-sets";

const ROOT = path.resolve(__dirname, "../..");
export const OUTPUT = path.join(ROOT, "tests/fakes/office-api.json");
const TYPINGS = [
  "node_modules/@types/office-js/index.d.ts",
  "node_modules/@types/custom-functions-runtime/index.d.ts",
  "node_modules/@types/office-runtime/index.d.ts",
];
/** Namespaces whose members the table lists (the fake models Excel; the checker reads the typings directly). */
const NAMESPACES = new Set(["Excel", "CustomFunctions", "OfficeRuntime"]);

/**
 * The value a property takes or a parameter accepts:
 * { s: "Excel.X" } allowed strings of that enum, { s: [...] } allowed strings, { i: "Excel.X" } an object
 * checked against that interface, { n: "Excel.X" } a proxy of that class. Absent: not constrained.
 */
export type TypeRef = { s: string | string[] } | { i: string } | { n: string };

export interface MemberEntry {
  /** Requirement (api-sets.ts formatRequirement); absent when the typings give none. */
  r?: string;
  /** p property, rp read-only property, m method, e enum member (keyed by its string value). */
  k: "p" | "rp" | "m" | "e";
  /** Property: what it takes or returns. */
  t?: TypeRef;
  /** Method: per parameter (null when unconstrained). */
  a?: (TypeRef | null)[];
  /** Method: the class of the object it returns (a navigation). */
  o?: string;
}

export interface OfficeApiTable {
  source: string;
  enums: Record<string, string[]>;
  types: Record<string, { r?: string; m: Record<string, MemberEntry> }>;
}

function version(pkg: string): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
}

function remarkOf(node: ts.Node): string {
  const tags = ts.getJSDocCommentsAndTags(node);
  return tags.map((t) => t.getText()).join("\n");
}

export function buildTable(): OfficeApiTable {
  const files = TYPINGS.map((f) => path.join(ROOT, f));
  const program = ts.createProgram(files, { noEmit: true, strict: true, types: [], skipLibCheck: true });
  const checker = program.getTypeChecker();
  const enums: Record<string, string[]> = {};
  const types: OfficeApiTable["types"] = {};

  const qualified = (sym: ts.Symbol | undefined): string | null => {
    if (!sym) return null;
    const decl = sym.declarations?.[0];
    if (!decl || !files.includes(path.resolve(decl.getSourceFile().fileName))) return null;
    const name = checker.getFullyQualifiedName(sym);
    return NAMESPACES.has(name.split(".")[0]) && !name.includes(".Interfaces.") ? name : null;
  };

  // Enums first: their values decide whether a union of strings is "an enum".
  const enumKey = new Map<string, string>();
  const visitEnums = (node: ts.Node) => {
    if (ts.isEnumDeclaration(node)) {
      const name = qualified(checker.getSymbolAtLocation(node.name));
      if (name) {
        const values = node.members
          .map((m) => (m.initializer && ts.isStringLiteral(m.initializer) ? m.initializer.text : null))
          .filter((v): v is string => v !== null);
        if (values.length === node.members.length && values.length) {
          enums[name] = values;
          enumKey.set([...values].sort().join("\u0000"), name);
          // Each value's own requirement: a chart type or an error code may be newer than its enum.
          const entry = (types[name] ??= { m: {} });
          const own = parseApiSet(remarkOf(node));
          if (own) entry.r = formatRequirement(own);
          node.members.forEach((m, i) => {
            const req = parseApiSet(remarkOf(m));
            if (req) entry.m[values[i]] = { r: formatRequirement(req), k: "e" };
          });
        }
      }
    }
    ts.forEachChild(node, visitEnums);
  };
  for (const f of files) visitEnums(program.getSourceFile(f)!);

  /** Allowed strings, a class, an interface, or null (open) for a type. */
  const describe = (type: ts.Type): TypeRef | null => {
    const parts = type.isUnion() ? type.types : [type];
    const strings = new Set<string>();
    let objectRef: TypeRef | null = null;
    let open = false;
    for (const p of parts) {
      if (p.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) continue;
      if (p.isStringLiteral()) strings.add(p.value);
      else if (checker.isArrayType(p)) {
        // A collection's items: Excel.Worksheet[] is walked like a Worksheet (load("items/name")).
        const el = checker.getTypeArguments(p as ts.TypeReference)[0];
        const ref = el ? describe(el) : null;
        if (ref && "n" in ref && !objectRef) objectRef = ref;
        else open = true;
      } else if (p.flags & ts.TypeFlags.Object) {
        const name = qualified(p.getSymbol());
        const decl = p.getSymbol()?.declarations?.[0];
        if (name && decl && ts.isClassDeclaration(decl) && !objectRef) objectRef = { n: name };
        else if (name && decl && ts.isInterfaceDeclaration(decl) && !objectRef) objectRef = { i: name };
        else open = true;
      } else open = true;
    }
    if (open) return null;
    if (strings.size && !objectRef) {
      const key = [...strings].sort().join("\u0000");
      return { s: enumKey.get(key) ?? [...strings].sort() };
    }
    return strings.size ? null : objectRef;
  };

  const memberName = (m: ts.ClassElement | ts.TypeElement): string | null =>
    m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : null;

  const addMembers = (owner: string, ownerRemark: string, members: readonly (ts.ClassElement | ts.TypeElement)[]) => {
    const entry = (types[owner] ??= { m: {} });
    const ownerReq = parseApiSet(ownerRemark);
    if (ownerReq) entry.r = formatRequirement(ownerReq);
    const methods = new Map<string, { req: string | undefined; params: (TypeRef | null)[][]; ret?: string }>();
    for (const m of members) {
      const name = memberName(m);
      if (!name || name === "context" || name === "toJSON" || name === "set" || name === "load") continue;
      const req = parseApiSet(remarkOf(m));
      const r = req ? formatRequirement(req) : undefined;
      if (ts.isPropertyDeclaration(m) || ts.isPropertySignature(m)) {
        const readonly = !!m.modifiers?.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword);
        const t = m.type ? describe(checker.getTypeFromTypeNode(m.type)) : null;
        entry.m[name] = { ...(r ? { r } : {}), k: readonly ? "rp" : "p", ...(t ? { t } : {}) };
      } else if (ts.isMethodDeclaration(m) || ts.isMethodSignature(m)) {
        const params = m.parameters.map((p) => (p.type ? describe(checker.getTypeFromTypeNode(p.type)) : null));
        const out = m.type ? describe(checker.getTypeFromTypeNode(m.type)) : null;
        const ret = out && "n" in out ? out.n : undefined;
        const seen = methods.get(name);
        if (seen) {
          seen.params.push(params);
          seen.ret ??= ret;
        } else methods.set(name, { req: r, params: [params], ret });
      }
    }
    for (const [name, { req, params, ret }] of methods) {
      // Overloads (an enum and its string literals, usually): a parameter is constrained only when every
      // overload constrains it, and then it takes what any of them takes.
      const width = Math.max(...params.map((p) => p.length));
      const a: (TypeRef | null)[] = [];
      for (let i = 0; i < width; i++) {
        const each = params.map((p) => p[i] ?? null);
        if (each.some((x) => x === null)) a.push(null);
        else if (each.every((x) => "s" in x!)) {
          const all = new Set(
            each.flatMap((x) =>
              (x as { s: string | string[] }).s instanceof Array
                ? (x as { s: string[] }).s
                : enums[(x as { s: string }).s],
            ),
          );
          const key = [...all].sort().join("\u0000");
          a.push({ s: enumKey.get(key) ?? [...all].sort() });
        } else a.push(each[0]);
      }
      while (a.length && a[a.length - 1] === null) a.pop();
      entry.m[name] = { ...(req ? { r: req } : {}), k: "m", ...(a.length ? { a } : {}), ...(ret ? { o: ret } : {}) };
    }
  };

  const visit = (node: ts.Node) => {
    if (ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) {
      const name = node.name ? qualified(checker.getSymbolAtLocation(node.name)) : null;
      if (name) addMembers(name, remarkOf(node), node.members);
    } else if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body)) {
      const ns = qualified(checker.getSymbolAtLocation(node.name));
      if (ns) {
        // Namespace-level functions and variables: Excel.run, CustomFunctions.associate, OfficeRuntime.storage.
        const fns: ts.TypeElement[] = [];
        for (const s of node.body.statements) {
          if (ts.isFunctionDeclaration(s) && s.name) {
            fns.push(
              ts.factory.createMethodSignature(undefined, s.name.text, undefined, undefined, s.parameters, s.type),
            );
            const req = parseApiSet(remarkOf(s));
            if (req) (types[ns] ??= { m: {} }).m[s.name.text] = { r: formatRequirement(req), k: "m" };
          } else if (ts.isVariableStatement(s)) {
            const req = parseApiSet(remarkOf(s));
            for (const d of s.declarationList.declarations)
              if (ts.isIdentifier(d.name))
                (types[ns] ??= { m: {} }).m[d.name.text] = { ...(req ? { r: formatRequirement(req) } : {}), k: "rp" };
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const f of files) visit(program.getSourceFile(f)!);

  // Drop what carries no information (no requirement, no type), and sort for a stable diff.
  const sorted: OfficeApiTable["types"] = {};
  for (const key of Object.keys(types).sort()) {
    const t = types[key];
    const m: Record<string, MemberEntry> = {};
    for (const name of Object.keys(t.m).sort()) {
      const e = t.m[name];
      if (e.r || e.t || e.a || e.o) m[name] = e;
    }
    if (Object.keys(m).length || t.r) sorted[key] = { ...(t.r ? { r: t.r } : {}), m };
  }
  const sortedEnums: Record<string, string[]> = {};
  for (const key of Object.keys(enums).sort()) sortedEnums[key] = enums[key];
  return {
    source: `@types/office-js ${version("@types/office-js")}, @types/custom-functions-runtime ${version("@types/custom-functions-runtime")}, @types/office-runtime ${version("@types/office-runtime")}`,
    enums: sortedEnums,
    types: sorted,
  };
}

/** One line per type: small diffs, and a file a person can search. */
export function serialise(table: OfficeApiTable): string {
  const lines = ["{", `"source": ${JSON.stringify(table.source)},`, `"enums": {`];
  const enumKeys = Object.keys(table.enums);
  enumKeys.forEach((k, i) =>
    lines.push(`${JSON.stringify(k)}: ${JSON.stringify(table.enums[k])}${i < enumKeys.length - 1 ? "," : ""}`),
  );
  lines.push("},", `"types": {`);
  const typeKeys = Object.keys(table.types);
  typeKeys.forEach((k, i) =>
    lines.push(`${JSON.stringify(k)}: ${JSON.stringify(table.types[k])}${i < typeKeys.length - 1 ? "," : ""}`),
  );
  lines.push("}", "}", "");
  return lines.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  const text = serialise(buildTable());
  if (process.argv.includes("--check")) {
    const committed = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, "utf8") : "";
    if (committed !== text) {
      console.error(`${path.relative(ROOT, OUTPUT)} is out of date with the typings: run npm run gen:office-api`);
      process.exit(1);
    }
    console.log(`${path.relative(ROOT, OUTPUT)} is up to date.`);
  } else {
    fs.writeFileSync(OUTPUT, text);
    console.log(`wrote ${path.relative(ROOT, OUTPUT)} (${text.length} bytes)`);
  }
}
