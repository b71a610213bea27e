/**
 * The public declaration surface may only reach our own files, cdk8s, constructs and Node's
 * built-ins. API Extractor's report shows the types a user sees; this walks every `.d.ts` file a
 * compiler loads from `lib/src/index.d.ts` (a type-only import of zod in a file the report never
 * names still makes the user's compiler read zod's declarations, which fail under the `cdk8s init`
 * tsconfig). Run after `npm run build` (or with an entry .d.ts as argument); exits 1 listing each
 * offending import.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const ALLOWED_PACKAGES = new Set(['cdk8s', 'constructs']);
const root = resolve(__dirname, '..');
// The entry may be given (tests check the walk on small declaration trees of their own).
const entry = process.argv[2] ? resolve(process.argv[2]) : join(root, 'lib', 'src', 'index.d.ts');
if (!existsSync(entry)) {
  console.error(`${relative(root, entry)} is missing: run npm run build first`);
  process.exit(2);
}

// import/export ... from '...'; import('...'); /// <reference types="..." />
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]|\/\/\/\s*<reference\s+types=["']([^"']+)["']/g;

const seen = new Set<string>();
const problems: string[] = [];
const queue = [entry];
while (queue.length > 0) {
  const file = queue.pop()!;
  if (seen.has(file)) continue;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith('.')) {
      const base = resolve(dirname(file), spec);
      const target = [`${base}.d.ts`, join(base, 'index.d.ts')].find(existsSync);
      if (target) queue.push(target);
      else problems.push(`${relative(root, file)}: cannot resolve ${spec}`);
      continue;
    }
    const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (ALLOWED_PACKAGES.has(pkg) || pkg.startsWith('node:') || builtinModules.includes(pkg) || pkg === 'node') continue;
    problems.push(`${relative(root, file)}: imports "${spec}" (public declarations may only use our types, cdk8s, constructs and Node's)`);
  }
}
if (problems.length > 0) {
  console.error(`Public declarations reach packages users may not have or compile:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`public declarations: ${seen.size} files reachable from ${relative(root, entry)}, imports only cdk8s, constructs and node`);
