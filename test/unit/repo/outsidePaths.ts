import * as path from 'node:path';

export interface OutsideReference {
  file: string;
  line: number;
  text: string;
}

const RELATIVE_LITERAL = /(?<![\w.])((?:\.\.\/)+)[A-Za-z0-9_-][\w.-]*/g;
/** `path.join(base, '..', '..', …)`: the base, then the run of '..' segments. */
const DOTDOT_RUN = /\b(\w+)\s*,\s*((?:['"]\.\.['"]\s*(?:,\s*)?)+)/g;
const ROOT_NAMES = /^(root|repoRoot|repo|projectRoot)$/;
const ROOT_PLACEHOLDER = /<repo>\/\.\.\//;
const ABSOLUTE_WORKSPACE = /(?<![\w.])\/work\//;

/**
 * Finds text in one tracked file that points outside the repository: relative paths that climb above its root
 * (as literals or as runs of '..' path segments), a repo placeholder followed by a climb in prose, and absolute paths of this workspace.
 * TypeScript files are checked from both their own folder and their compiled twin under out/.
 */
export function findOutsideReferences(file: string, text: string): OutsideReference[] {
  const dir = path.posix.dirname(file);
  const depths = [depthOf(dir)];
  if (/\.tsx?$/.test(file)) depths.push(depthOf(dir) + 1);
  const escapes = (climb: number, fromRoot: boolean) => depths.every((depth) => climb > (fromRoot ? 0 : depth));
  const found: OutsideReference[] = [];
  text.split('\n').forEach((line, index) => {
    const hit = () => found.push({ file, line: index + 1, text: line.trim() });
    if (ROOT_PLACEHOLDER.test(line) || ABSOLUTE_WORKSPACE.test(line)) return hit();
    for (const match of line.matchAll(RELATIVE_LITERAL)) {
      if (escapes(match[1].length / 3, false)) return hit();
    }
    for (const match of line.matchAll(DOTDOT_RUN)) {
      const climb = (match[2].match(/\.\./g) ?? []).length;
      if (escapes(climb, ROOT_NAMES.test(match[1]))) return hit();
    }
  });
  return found;
}

function depthOf(dir: string): number {
  return dir === '.' ? 0 : dir.split('/').length;
}
