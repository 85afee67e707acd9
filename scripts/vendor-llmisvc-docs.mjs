#!/usr/bin/env node
// @ts-check
// npm run kserve:docs -- GIT_DIR: copies every LLMInferenceService and LLMInferenceServiceConfig manifest shown in
// the KServe website's docs (a clone or bare mirror of kserve/website) into third_party/kserve-website/llmisvc/, one
// file per manifest, each headed by its page and block. They are a test corpus: the docs' manifests must validate.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'third_party', 'kserve-website', 'llmisvc');
const KINDS = new Set(['LLMInferenceService', 'LLMInferenceServiceConfig']);

const source = process.argv[2];
if (!source) {
  console.error('usage: npm run kserve:docs -- <kserve/website clone or bare mirror>');
  process.exit(2);
}
const git = (...args) => execFileSync('git', ['--git-dir', gitDir(source), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

function gitDir(dir) {
  return fs.existsSync(path.join(dir, '.git')) ? path.join(dir, '.git') : dir;
}

/** The fenced code blocks of a Markdown page: their language and their lines, dedented. */
function codeBlocks(markdown) {
  /** @type {{ lang: string, lines: string[] }[]} */
  const blocks = [];
  /** @type {{ indent: number, marker: string, lang: string, lines: string[] } | undefined} */
  let open;
  for (const line of markdown.split('\n')) {
    const fence = /^(\s*)(```+|~~~+)\s*([\w-]*)/.exec(line);
    if (fence && !open) open = { indent: fence[1].length, marker: fence[2], lang: fence[3], lines: [] };
    else if (fence && open && line.trim().startsWith(open.marker)) {
      const indent = open.indent;
      blocks.push({ lang: open.lang, lines: open.lines.map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length))) });
      open = undefined;
    } else if (open) open.lines.push(line);
  }
  return blocks;
}

/** The YAML a block shows: a heredoc's body in a shell block, else the whole block. */
function yamlTexts(block) {
  const texts = [];
  for (let i = 0; i < block.lines.length; i++) {
    const heredoc = /<<-?\s*['"]?(\w+)['"]?/.exec(block.lines[i]);
    if (!heredoc) continue;
    const end = block.lines.findIndex((l, j) => j > i && l.trim() === heredoc[1]);
    texts.push(block.lines.slice(i + 1, end < 0 ? undefined : end).join('\n'));
    if (end > 0) i = end;
  }
  if (texts.length === 0 && /^(ya?ml|)$/.test(block.lang)) texts.push(block.lines.join('\n'));
  return texts;
}

const commit = git('rev-parse', 'HEAD').trim();
const pages = git('grep', '-l', '-e', 'kind: LLMInferenceService', 'HEAD', '--', 'docs').split('\n').filter(Boolean)
  .map((line) => line.replace(/^HEAD:/, '')).sort();
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
let written = 0;
const counts = new Map();
for (const page of pages) {
  const slug = path.basename(page, '.md');
  let n = 0;
  codeBlocks(git('show', `HEAD:${page}`)).forEach((block, blockIndex) => {
    for (const text of yamlTexts(block)) {
      for (const part of text.split(/^---\s*$/m)) {
        const doc = parseDocument(part);
        const kind = doc.errors.length ? undefined : doc.toJS()?.kind;
        if (!KINDS.has(kind)) continue;
        n++;
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
        const file = `${slug}-${n}.yaml`;
        const header = `# kserve/website ${page}, code block ${blockIndex + 1}\n`;
        fs.writeFileSync(path.join(outDir, file), header + part.replace(/^\n+/, '').replace(/\s*$/, '\n'));
        written++;
      }
    }
  });
}
fs.copyFileSync(path.join(root, 'third_party', 'kserve', 'LICENSE'), path.join(root, 'third_party', 'kserve-website', 'LICENSE'));
fs.writeFileSync(path.join(root, 'third_party', 'kserve-website', 'README.md'), [
  '# KServe website data',
  '',
  `The manifests in \`llmisvc/\` are copied from the KServe website's documentation (github.com/kserve/website, commit`,
  `\`${commit}\`), one file per manifest, each headed by the page and code block it comes from. KServe's documentation`,
  'is under the Apache License 2.0 (`LICENSE`). They are a test corpus; refresh them with `npm run kserve:docs -- DIR`.',
  '',
].join('\n'));
console.log(`kserve:docs: ${written} manifests (${[...counts].map(([k, c]) => `${c} ${k}`).join(', ')}) from ${pages.length} pages at ${commit.slice(0, 12)}`);
