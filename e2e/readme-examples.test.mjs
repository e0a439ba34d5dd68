// Runs the README's examples against the running system, so the README cannot drift from it.
//
// Convention (README.md): a fenced ```bash block right after a `<!-- readme-example -->` line is
// an example. The examples run in order, each in its own `bash` with `set -eo pipefail`, as if
// typed into one terminal (shell variables set by one are seen by the next). Each must exit 0 and
// print every `# expect: <text>` line's text somewhere in its output (stdout and stderr).
// Substitutions: `$(./polyshop token)` becomes $POLYSHOP_TOKEN when that is set, and
// http://localhost:8080 becomes $POLYSHOP_URL when that is set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './support.mjs';

const MARKER = '<!-- readme-example -->';
const TIMEOUT_MS = 30_000;

/** @returns {{line: number, title: string, code: string, expects: string[]}[]} */
export function extractExamples(markdown, file = 'README.md') {
  const lines = markdown.split('\n');
  const examples = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    if (/^#{1,6} /.test(lines[i])) heading = lines[i].replace(/^#+ /, '');
    if (lines[i].trim() !== MARKER) continue;
    let open = i + 1;
    while (lines[open]?.trim() === '') open++;
    if (!/^```(bash|sh)\s*$/.test(lines[open] ?? '')) {
      throw new Error(`${file}:${i + 1}: ${MARKER} must be followed by a \`\`\`bash block`);
    }
    let close = open + 1;
    while (close < lines.length && !/^```\s*$/.test(lines[close])) close++;
    const code = lines.slice(open + 1, close).join('\n');
    const expects = [...code.matchAll(/^\s*# expect: (.+?)\s*$/gm)].map((m) => m[1]);
    const first = code.split('\n').find((l) => l.trim() && !l.trim().startsWith('#')) ?? '';
    examples.push({ line: open + 2, title: `${heading}: ${first.trim().slice(0, 60)}`, code, expects });
    i = close;
  }
  return examples;
}

function substitute(code) {
  let out = code;
  if (process.env.POLYSHOP_TOKEN) out = out.replaceAll('$(./polyshop token)', '"$POLYSHOP_TOKEN"');
  if (process.env.POLYSHOP_URL) out = out.replaceAll('http://localhost:8080', process.env.POLYSHOP_URL.replace(/\/$/, ''));
  return out;
}

/** Variables the examples assign, carried from one example to the next. */
function assignedNames(examples) {
  const names = new Set();
  for (const { code } of examples) {
    for (const m of code.matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/gm)) names.add(m[1]);
  }
  return [...names];
}

function run(script) {
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { cwd: ROOT, timeout: TIMEOUT_MS, maxBuffer: 4 << 20, env: process.env },
      (error, stdout, stderr) => resolve({ code: error ? (error.code ?? error.signal) : 0, stdout, stderr }));
  });
}

const README = process.env.POLYSHOP_README || join(ROOT, 'README.md'); // override: try a draft
const examples = extractExamples(readFileSync(README, 'utf8'), README);
const names = assignedNames(examples);
const stateDir = mkdtempSync(join(tmpdir(), 'readme-examples-'));
const state = join(stateDir, 'state.sh');

test('README.md has tested examples', () => {
  assert.ok(examples.length > 0, `${README} has no ${MARKER} blocks`);
});

for (const example of examples) {
  test(`README:${example.line} ${example.title}`, async () => {
    assert.ok(example.expects.length > 0, 'an example needs at least one "# expect:" line');
    const script = [
      'set -eo pipefail',
      `[[ -f ${state} ]] && source ${state}`,
      substitute(example.code),
      `for name in ${names.join(' ')}; do [[ -v $name ]] && declare -p "$name"; done > ${state}.next || true`,
      `mv ${state}.next ${state}`,
    ].join('\n');
    const { code, stdout, stderr } = await run(script);
    const output = `${stdout}${stderr}`;
    assert.equal(code, 0, `exit ${code}\n--- output ---\n${output}`);
    for (const expected of example.expects) {
      assert.ok(output.includes(expected), `expected "${expected}" in the output:\n${output}`);
    }
  });
}

test('cleanup', () => rmSync(stateDir, { recursive: true, force: true }));
