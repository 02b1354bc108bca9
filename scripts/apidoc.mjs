// apidoc.mjs — the package's API reference (dist/lib/API.md), written from dist/lib/nn.d.ts by the
// TypeScript compiler's parser: every exported function, class, interface and type with its doc
// comment, and every member with its signature and doc comment. The declarations are the one
// source; this page cannot drift from them. Run by build.sh after catalog.mjs filled the unions.
import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';

const lib = (file) => new URL(`../dist/lib/${file}`, import.meta.url);
const source = ts.createSourceFile('nn.d.ts', readFileSync(lib('nn.d.ts'), 'utf8'), ts.ScriptTarget.Latest, true);
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// The doc comment of a node (its /** … */ blocks, tags included), as Markdown text.
function docOf(node) {
  const blocks = (node.jsDoc ?? []).map((d) => d.getText(source)
    .replace(/^\/\*\*\s?/, '').replace(/\s*\*\/$/, '')
    .split('\n').map((line) => line.replace(/^\s*\*\s*/, '')).join('\n').trim());
  return blocks.join('\n\n');
}
// A declaration's text without its doc comments, on one line where it was written on one.
function signature(node) {
  return node.getText(source).replace(/\/\*\*[\s\S]*?\*\/\s*/g, '').replace(/;$/, '').trim();
}
const anchor = (name) => name.toLowerCase();

const order = ['loadNN', 'NNError', 'LoadOptions', 'NN', 'Network'];  // the rest in file order
const declarations = source.statements
  .filter((s) => s.name && (ts.getCombinedModifierFlags(s) & ts.ModifierFlags.Export))
  .sort((a, b) => {
    const rank = (s) => { const i = order.indexOf(s.name.text); return i < 0 ? order.length : i; };
    return rank(a) - rank(b);
  });

const out = [
  `# nn-by-hand ${version} — API reference`,
  '',
  'Generated from the package\'s type declarations (`nn.d.ts`) at build time: every export, every',
  'member, every option and its default. The README has the guide (installing, bundlers, examples);',
  'the saved-network format is described by `network.schema.json`.',
  '',
  '## Contents',
  '',
  ...declarations.map((d) => `- [${d.name.text}](#${anchor(d.name.text)})`),
  '',
];
for (const d of declarations) {
  const name = d.name.text;
  const kind = ts.isFunctionDeclaration(d) ? 'function' : ts.isClassDeclaration(d) ? 'class'
    : ts.isInterfaceDeclaration(d) ? 'interface' : 'type';
  out.push(`## ${name}`, '', `*${kind}*`, '');
  const doc = docOf(d);
  if (doc) out.push(doc, '');
  const members = ts.isInterfaceDeclaration(d) || ts.isClassDeclaration(d) ? d.members : null;
  if (!members) {
    out.push('```ts', signature(d), '```', '');
    continue;
  }
  const heritage = d.heritageClauses?.map((h) => h.getText(source)).join(' ');
  if (heritage) out.push(`\`${name} ${heritage}\``, '');
  for (const m of members) {
    const text = signature(m);
    if (!text) continue;
    out.push('```ts', text, '```');
    const mdoc = docOf(m);
    out.push(...(mdoc ? [mdoc] : []), '');
  }
}
// Complete means every export and every member says what it is: an undocumented one fails the build.
const undocumented = declarations.flatMap((d) => [
  ...(docOf(d) ? [] : [d.name.text]),
  ...((ts.isInterfaceDeclaration(d) || ts.isClassDeclaration(d)) ? d.members : [])
    .filter((m) => !docOf(m) && !ts.isIndexSignatureDeclaration(m)).map((m) => `${d.name.text}.${m.name?.getText(source) ?? signature(m)}`),
]);
if (undocumented.length) {
  console.error(`apidoc: these declarations of wasm/nn.d.ts have no doc comment:\n  ${undocumented.join('\n  ')}`);
  process.exit(1);
}
writeFileSync(lib('API.md'), `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`);
console.log(`apidoc: dist/lib/API.md from ${declarations.length} declarations of nn.d.ts`);
