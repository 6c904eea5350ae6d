// docs/security.md cites files as proof (tests, code, ADRs), and the READMEs and
// ADRs name the files a decision lives in. A moved or renamed file must break
// this test rather than leave a document pointing at nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bankPaths, isUnder } from './demo-bank';

const root = fileURLToPath(new URL('../..', import.meta.url));
const doc = readFileSync(path.join(root, 'docs/security.md'), 'utf8');

// Once the demo bank is removed (README.md "Make it yours"), the documents keep
// citing its files as the record of what was decided: a missing path is fine
// exactly when it lies under a listed bank path that is gone too.
const removedBank = bankPaths(readFileSync(path.join(root, 'README.md'), 'utf8')).filter((p) => !existsSync(path.join(root, p)));
const exists = (cite: string) => existsSync(path.join(root, cite)) || isUnder(cite, removedBank) || isUnder(`${cite}/`, removedBank);

const FILE_ENDING = /\.(ts|tsx|md|mjs|sql)$/;
const REPO_FOLDER = /^(lib|app|e2e|scripts|tools|prisma|docs)\//;

/** Every `backticked` span that looks like a repository path: no spaces or globs, a known ending or a known top folder. */
function citedPaths(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!.trim());
  const paths = spans.filter((span) => !/[\s*?]/.test(span) && (FILE_ENDING.test(span) || REPO_FOLDER.test(span)));
  return [...new Set(paths)];
}

/** Links to ADRs and other files: [text](decisions/…) resolved from docs/. */
function linkedPaths(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((match) => match[1]!);
  return [...new Set(targets.filter((target) => !/^[a-z]+:/i.test(target)).map((target) => path.posix.join('docs', target)))];
}

describe('docs/security.md', () => {
  it('recognises what a path looks like', () => {
    expect(citedPaths('`lib/session/engine.test.ts` `e2e/x.spec.ts` `lib/dal/` `next.config.mjs`')).toEqual([
      'lib/session/engine.test.ts',
      'e2e/x.spec.ts',
      'lib/dal/',
      'next.config.mjs',
    ]);
    expect(citedPaths('`__Host-session` `SESSION_MAX_PER_USER` `npm run accounts:unlock` `*.test.ts` `type=password`')).toEqual([]);
  });

  it('cites only files and folders that exist', () => {
    const cited = citedPaths(doc);
    expect(cited.length).toBeGreaterThan(40); // the tables cite dozens; a broken extractor must not pass vacuously
    const missing = cited.filter((cite) => !exists(cite));
    expect(missing, 'cited in docs/security.md but not in the repository').toEqual([]);
  });

  it('links only to files that exist', () => {
    const linked = linkedPaths(doc);
    expect(linked.length).toBeGreaterThan(5);
    const missing = linked.filter((target) => !exists(target));
    expect(missing, 'linked from docs/security.md but not in the repository').toEqual([]);
  });
});

describe('README.md, lib/session/README.md and the ADRs', () => {
  const documents = ['README.md', 'lib/session/README.md', ...readdirSync(path.join(root, 'docs/decisions')).map((name) => `docs/decisions/${name}`)];
  /** Paths from the repository's root (`lib/session/decide.ts`, `node_modules/…`); a shorter name is read beside the path cited before it. */
  const repositoryPaths = (markdown: string) =>
    citedPaths(markdown).filter((cite) => (REPO_FOLDER.test(cite) || cite.startsWith('node_modules/')) && !/[{}<>]/.test(cite));

  it('cite only repository paths that exist', () => {
    const cited = documents.flatMap((name) => repositoryPaths(readFileSync(path.join(root, name), 'utf8')).map((cite) => ({ name, cite })));
    expect(cited.length).toBeGreaterThan(100);
    const missing = cited.filter(({ cite }) => !exists(cite)).map(({ name, cite }) => `${name}: ${cite}`);
    expect(missing, 'cited but not in the repository').toEqual([]);
  });
});

describe('docs/decisions', () => {
  const decisions = path.join(root, 'docs/decisions');
  const adrs = readdirSync(decisions).filter((name) => /^\d{3}-.+\.md$/.test(name));

  it('every ADR says when it was decided and whether it still holds (and what replaced it)', () => {
    expect(adrs.length).toBeGreaterThan(30);
    const undated = adrs.filter((name) => {
      const head = readFileSync(path.join(decisions, name), 'utf8').split('\n').slice(0, 6).join('\n');
      return !/^Date: \d{4}-\d{2}-\d{2}$/m.test(head) || !/^Status: (accepted|(partly )?superseded by \[\d{3}\]\(\d{3}-[^)]+\.md\).*)$/m.test(head);
    });
    expect(undated, 'ADRs without a Date and a Status line under the title').toEqual([]);
  });

  it('links only to ADRs that exist', () => {
    const missing = adrs.flatMap((name) =>
      linkedPaths(readFileSync(path.join(decisions, name), 'utf8'))
        .map((target) => path.posix.join('docs/decisions', path.posix.relative('docs', target)))
        .filter((target) => target.endsWith('.md') && !target.includes('..') && !existsSync(path.join(root, target)))
        .map((target) => `${name} → ${target}`),
    );
    expect(missing).toEqual([]);
  });
});
