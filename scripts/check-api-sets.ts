/**
 * Fails when src/ uses an Office.js, Excel, CustomFunctions or OfficeRuntime member above the requirement
 * sets manifest.xml declares, unless the same function checks Office.context.requirements.isSetSupported
 * for that set (name and a version at least the one needed).
 *
 *   npm run check:api-sets        (node bin/run-ts.js scripts/check-api-sets.ts); CI runs it, and
 *   tests/api-sets/check-api-sets.test.ts runs it over src/ and over small programs that show what it catches.
 *
 * The TypeScript type checker resolves every property access, call, `new`, enum element access, object
 * literal property typed by the typings (Excel.RunOptions ...) and enum string literal to its declaration in
 * @types/office-js, @types/custom-functions-runtime or @types/office-runtime; the declaration's
 * `[Api set: ...]` remark (else its class's, interface's or enum's) is what the member needs.
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import {
  compareVersions,
  formatRequirement,
  grants,
  manifestSets,
  parseApiSet,
  satisfied,
  type GrantedSets,
  type MemberRequirement,
} from "./office-api/api-sets";

const ROOT = path.resolve(__dirname, "..");
const TYPINGS = /node_modules[\\/]@types[\\/](office-js|custom-functions-runtime|office-runtime)[\\/]/;

export interface Finding {
  file: string;
  line: number;
  column: number;
  member: string;
  needs: string;
}

export interface CheckOptions {
  /** Files to check (default: the TypeScript files under src/ of tsconfig.json's program). */
  files?: string[];
  /** The sets the manifest declares (default: manifest.xml's). */
  declared?: GrantedSets;
}

function remarkOf(node: ts.Node): string {
  return ts
    .getJSDocCommentsAndTags(node)
    .map((t) => t.getText())
    .join("\n");
}

/** The requirement a declaration carries: its own remark, else its container's (class, interface, enum, namespace). */
function requirementOf(decl: ts.Declaration): MemberRequirement | null {
  for (let n: ts.Node | undefined = decl; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isModuleBlock(n)) continue;
    const r = parseApiSet(remarkOf(n));
    if (r) return r;
    if (ts.isModuleDeclaration(n)) return null;
  }
  return null;
}

function qualifiedName(checker: ts.TypeChecker, decl: ts.Declaration): string {
  if (ts.isConstructorDeclaration(decl) && decl.parent.name) return `new ${qualifiedName(checker, decl.parent)}`;
  const named = decl as ts.NamedDeclaration;
  const sym = named.name ? checker.getSymbolAtLocation(named.name) : undefined;
  return sym ? checker.getFullyQualifiedName(sym) : decl.getText().slice(0, 40);
}

function isFunctionLike(n: ts.Node): boolean {
  return (
    ts.isFunctionDeclaration(n) ||
    ts.isMethodDeclaration(n) ||
    ts.isArrowFunction(n) ||
    ts.isFunctionExpression(n) ||
    ts.isConstructorDeclaration(n) ||
    ts.isGetAccessorDeclaration(n) ||
    ts.isSetAccessorDeclaration(n)
  );
}

/** The isSetSupported("Name", "x.y") checks in a function (or a file's top level), as granted sets. */
function checksIn(scope: ts.Node): { name: string; version: string }[] {
  const out: { name: string; version: string }[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const name = ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ts.isIdentifier(callee)
          ? callee.text
          : "";
      const [set, version] = n.arguments;
      if (name === "isSetSupported" && set && ts.isStringLiteralLike(set))
        out.push({ name: set.text, version: version && ts.isStringLiteralLike(version) ? version.text : "1.1" });
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return out;
}

/**
 * Whether a function around `node` (the innermost or any enclosing one) checks for `req`; code outside every
 * function counts the file's top level.
 */
function guarded(node: ts.Node, req: MemberRequirement): boolean {
  let inFunction = false;
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (isFunctionLike(n)) inFunction = true;
    else if (!ts.isSourceFile(n) || inFunction) continue;
    const checked: Record<string, string> = {};
    for (const c of checksIn(n))
      if (!checked[c.name] || compareVersions(c.version, checked[c.name]) > 0) checked[c.name] = c.version;
    if (req.any.some((r) => grants(checked, r)) || (req.write && grants(checked, req.write))) return true;
  }
  return false;
}

export function checkApiSets(options: CheckOptions = {}): Finding[] {
  const declared = options.declared ?? manifestSets(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"));
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  )!;
  const srcDir = path.join(ROOT, "src") + path.sep;
  const files =
    options.files?.map((f) => path.resolve(f)) ??
    config.fileNames.filter((f) => path.resolve(f).startsWith(srcDir) && /\.tsx?$/.test(f) && !f.endsWith(".d.ts"));
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const findings: Finding[] = [];
  const seen = new Set<string>();

  const report = (sf: ts.SourceFile, node: ts.Node, decl: ts.Declaration | undefined, write = false, as?: string) => {
    if (!decl || !TYPINGS.test(decl.getSourceFile().fileName)) return;
    const req = requirementOf(decl);
    if (!req || satisfied(declared, req, write) || guarded(node, req)) return;
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    const key = `${sf.fileName}:${line}:${character}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({
      file: path.relative(ROOT, sf.fileName),
      line: line + 1,
      column: character + 1,
      member: as ?? qualifiedName(checker, decl),
      needs: formatRequirement(req),
    });
  };

  const declOf = (node: ts.Node): ts.Declaration | undefined => {
    let sym = checker.getSymbolAtLocation(node);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    return sym?.valueDeclaration ?? sym?.declarations?.[0];
  };

  const isWrite = (pa: ts.Node): boolean =>
    ts.isBinaryExpression(pa.parent) &&
    pa.parent.left === pa &&
    pa.parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    pa.parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;

  for (const sf of program.getSourceFiles()) {
    if (!files.includes(path.resolve(sf.fileName))) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const parent = node.parent;
        // A call or `new` is resolved to the overload used; anything else to the member.
        if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === node) {
          const sig = checker.getResolvedSignature(parent);
          report(sf, node.name, sig?.declaration ?? declOf(node.name));
        } else report(sf, node.name, declOf(node.name), isWrite(node));
      } else if (ts.isElementAccessExpression(node) && !ts.isStringLiteralLike(node.argumentExpression)) {
        // CustomFunctions.ErrorCode[code]: any member of the enum may be used, so each one's set is needed.
        const decl = declOf(node.expression);
        if (decl && ts.isEnumDeclaration(decl))
          for (const m of decl.members) report(sf, node, m, false, `${qualifiedName(checker, decl)}[…]`);
      } else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
        // An object literal the typings type, e.g. Excel.run({ delayForCellEdit: true }, ...).
        const literal = node.parent;
        const type = ts.isObjectLiteralExpression(literal) ? checker.getContextualType(literal) : undefined;
        const name = node.name && ts.isIdentifier(node.name) ? node.name.text : undefined;
        const prop = type && name ? checker.getPropertyOfType(checker.getNonNullableType(type), name) : undefined;
        report(sf, node.name, prop?.valueDeclaration ?? prop?.declarations?.[0]);
      } else if (
        ts.isStringLiteral(node) &&
        !ts.isImportDeclaration(node.parent) &&
        !ts.isExportDeclaration(node.parent)
      ) {
        // An enum's value written as its string ("ColumnClustered", "EqualTo"): that member's set.
        const type = checker.getContextualType(node);
        for (const t of type ? (type.isUnion() ? type.types : [type]) : [])
          if (t.flags & ts.TypeFlags.EnumLiteral && (t as ts.StringLiteralType).value === node.text) {
            const decl = t.getSymbol()?.valueDeclaration;
            if (decl) report(sf, node, decl);
          }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

export function describeFindings(findings: Finding[], declared: GrantedSets): string {
  const sets = Object.entries(declared)
    .map(([n, v]) => `${n} ${v}`)
    .join(", ");
  return findings
    .map(
      (f) =>
        `${f.file}:${f.line}:${f.column}  ${f.member} needs ${f.needs}; manifest.xml declares ${sets}. ` +
        `Check Office.context.requirements.isSetSupported in the same function (with a fallback), or raise the set in manifest.xml.`,
    )
    .join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  const declared = manifestSets(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"));
  const findings = checkApiSets({ declared });
  if (findings.length) {
    console.error(describeFindings(findings, declared));
    console.error(
      `check:api-sets: ${findings.length} use${findings.length === 1 ? "" : "s"} above the declared requirement sets.`,
    );
    process.exit(1);
  }
  console.log(
    "check:api-sets: every Office.js member used in src/ is within manifest.xml's sets or checked with isSetSupported.",
  );
}
