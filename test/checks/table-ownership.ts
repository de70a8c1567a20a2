import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as ts from 'typescript';

/** A table named by SQL in a module other than the one that owns it. */
export interface Crossing {
  file: string;
  table: string;
  owner: string;
  access: 'read' | 'write';
}

/** Tables that no entity maps, because only raw SQL touches them, and the module that owns each. */
export const TABLES_WITHOUT_ENTITY: Record<string, string> = {
  maintenance_runs: 'platform/maintenance',
  worker_heartbeats: 'platform/maintenance',
  rate_limit_windows: 'platform/http',
};

const WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([a-z_][a-z0-9_]*)"?/g;
const READ = /\b(?:FROM|JOIN)\s+"?([a-z_][a-z0-9_]*)"?/g;
const BUILDER = /\.(?:from|(?:inner|left)Join(?:AndSelect)?|into|update)\(\s*'([a-z_][a-z0-9_]*)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** `src/agenda/x.ts` → `agenda`; platform's parts each own their tables: `src/platform/mail/x.ts` → `platform/mail`. */
export function moduleOf(srcRoot: string, file: string): string {
  const parts = relative(srcRoot, file).split(sep);
  if (parts.length === 1) return '(root)';
  return parts[0] === 'platform' ? `platform/${parts[1]}` : parts[0];
}

/** Table → owning module, from where each `@Entity('table')` is declared. */
export function tableOwners(srcRoot: string): Map<string, string> {
  const owners = new Map(Object.entries(TABLES_WITHOUT_ENTITY));
  for (const file of sourceFiles(srcRoot)) {
    if (!file.endsWith('.entity.ts')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/@Entity\(\s*'([a-z0-9_]+)'/g)) {
      owners.set(match[1], moduleOf(srcRoot, file));
    }
  }
  return owners;
}

/** Every place a module's SQL names a table another module owns. */
export function crossings(srcRoot: string): Crossing[] {
  const owners = tableOwners(srcRoot);
  const found = new Map<string, Crossing>();
  for (const file of sourceFiles(srcRoot)) {
    const module = moduleOf(srcRoot, file);
    const text = readFileSync(file, 'utf8');
    const note = (table: string, access: Crossing['access']) => {
      const owner = owners.get(table);
      if (!owner || owner === module) return;
      const crossing = { file: relative(srcRoot, file).split(sep).join('/'), table, owner, access };
      const key = `${crossing.file} ${table}`;
      if (found.get(key)?.access !== 'write') found.set(key, crossing);
    };
    for (const match of text.matchAll(READ)) note(match[1], 'read');
    for (const match of text.matchAll(BUILDER)) note(match[1], 'read');
    for (const match of text.matchAll(WRITE)) note(match[1], 'write');
  }
  return [...found.values()].sort((a, b) => `${a.file} ${a.table}`.localeCompare(`${b.file} ${b.table}`));
}

/** A statement's opening in a string or template literal: what only a repository may hold. */
const STATEMENT = [
  /\bSELECT\b[\s\S]*?\bFROM\b/,
  /\bINSERT\s+INTO\b/,
  /\bUPDATE\s+"?[a-z_][a-z0-9_]*"?(?:\s+(?:AS\s+)?[a-z_][a-z0-9_]*)?\s+SET\b/,
  /\bDELETE\s+FROM\b/,
];

/** The text of every string and template literal in the source; a template's substitutions read as `x`. */
function literals(file: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
    else if (ts.isTemplateExpression(node)) found.push([node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('x'));
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  return found;
}

/**
 * The files outside the repositories and platform/database whose literals
 * hold SQL (migrations and specs are not looked at), as paths under `srcRoot`.
 */
export function sqlOutsideRepositories(srcRoot: string): string[] {
  return sourceFiles(srcRoot)
    .map((file) => relative(srcRoot, file).split(sep).join('/'))
    .filter((file) => !file.endsWith('.repository.ts') && !file.startsWith('platform/database/'))
    .filter((file) => literals(file, readFileSync(join(srcRoot, file), 'utf8')).some((text) => STATEMENT.some((re) => re.test(text))))
    .sort();
}
