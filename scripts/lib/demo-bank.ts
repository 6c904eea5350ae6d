// Removing the demo bank, as README.md's "Make it yours" describes it: the README
// is the single source. Its fenced list (after `<!-- demo-bank:paths -->`) names
// the files and folders to delete; the few lines elsewhere that belong to the
// bank sit between `demo-bank:begin` and `demo-bank:end` comments, and a
// `demo-bank:instead <line>` comment inside such a region is the line that
// stays in its place. scripts/without-bank.ts and the documentation checks
// (scripts/lib/security-doc.test.ts) both read it from here. Framework-free.

export const PATHS_MARKER = '<!-- demo-bank:paths -->';
// A marker is a comment on a line of its own: `// …`, `{/* … */}` (JSX) or `# …`.
const marker = (word: string) => new RegExp(`^\\s*(//|\\{/\\*|#)\\s*demo-bank:${word}\\b`);
const BEGIN = marker('begin');
const END = marker('end');
const INSTEAD = /^\s*(?:\/\/|\{\/\*|#)\s*demo-bank:instead (.*?)(\s*\*\/\})?$/;

/** The paths README.md lists for deletion (a folder ends with `/`). */
export function bankPaths(readme: string): string[] {
  const at = readme.indexOf(PATHS_MARKER);
  if (at < 0) throw new Error(`README.md has no ${PATHS_MARKER} list`);
  const fence = /^```[a-z]*\n([\s\S]*?)^```/m.exec(readme.slice(at));
  if (!fence) throw new Error(`no fenced block after ${PATHS_MARKER} in README.md`);
  const paths = fence[1]!
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const unsafe = paths.filter((p) => p.startsWith('/') || p.split('/').includes('..'));
  if (unsafe.length > 0) throw new Error(`README.md lists paths outside the repository: ${unsafe.join(', ')}`);
  return paths;
}

/** Whether `file` (a repository path) is one of `paths` or inside one of its folders. */
export function isUnder(file: string, paths: readonly string[]): boolean {
  return paths.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p || file.startsWith(`${p}/`)));
}

/** `text` without its demo-bank regions (each `demo-bank:instead` line kept, uncommented); unchanged when it has none. */
export function withoutBankRegions(text: string, name = 'file'): string {
  if (!text.split('\n').some((line) => BEGIN.test(line) || END.test(line))) return text;
  const out: string[] = [];
  let open: number | null = null;
  text.split('\n').forEach((line, index) => {
    if (BEGIN.test(line)) {
      if (open !== null) throw new Error(`${name}:${index + 1}: demo-bank:begin inside the region opened on line ${open}`);
      open = index + 1;
    } else if (END.test(line)) {
      if (open === null) throw new Error(`${name}:${index + 1}: demo-bank:end without a begin`);
      open = null;
    } else if (open === null) {
      out.push(line);
    } else {
      const instead = INSTEAD.exec(line);
      if (instead) out.push(`${line.slice(0, line.search(/\S/))}${instead[1]}`);
    }
  });
  if (open !== null) throw new Error(`${name}:${open}: demo-bank:begin is never closed`);
  return out.join('\n');
}
