// The project's own TypeScript sources under a folder, for tests that check
// how the code is laid out (generated clients, dependencies and builds left out).
import fs from 'node:fs';
import path from 'node:path';

export function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'generated', '.next'].includes(entry.name) ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}
