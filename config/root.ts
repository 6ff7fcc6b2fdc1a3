import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The project root: the nearest folder at or above `start` with a package.json. Entry points find
 * cdktf.json there whether they run from the sources or compiled, and from any working directory.
 */
export function projectRoot(start: string = __dirname): string {
  let dir = start;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}
