/**
 * The README's "Moving to CDK Terrain (cdktn)" section read as data, so that a test can hold it to
 * compat/cdktn/package.json, compat/cdktn/tsconfig.json and differences.ts, and check.sh to the
 * AWS provider version the installed cdktn binding wraps.
 */

/** The heading of the section. */
export const SECTION_HEADING = "### Moving to CDK Terrain (cdktn)";

/** One row of the package-changes table. */
export interface PackageChange {
  readonly from: string;
  readonly fromVersion: string;
  readonly to: string;
  readonly toVersion: string;
}

/** The section's content. */
export interface Recipe {
  /** The section's text, heading included. */
  readonly text: string;
  readonly packages: readonly PackageChange[];
  /** Import path to its replacement, `<path>` standing for the rest of the path. */
  readonly imports: ReadonlyMap<string, string>;
  /** The ids of the differences-found table. */
  readonly differences: readonly string[];
  /** Binding package to its version and the hashicorp/aws version it wraps. */
  readonly wraps: ReadonlyMap<string, { readonly version: string; readonly wraps: string }>;
  /** The lines of the section's `sh` code blocks. */
  readonly commands: readonly string[];
}

/** The section of `readme`; throws when it is missing. */
export function recipeSection(readme: string): string {
  const start = readme.indexOf(`\n${SECTION_HEADING}\n`);
  if (start === -1) throw new Error(`README.md has no "${SECTION_HEADING}" section`);
  const rest = readme.slice(start + 1);
  const end = rest.slice(SECTION_HEADING.length).search(/\n#{1,3} /);
  return end === -1 ? rest : rest.slice(0, SECTION_HEADING.length + end + 1);
}

/** Markdown tables as rows of cells (separator rows dropped, code spans unwrapped), keyed by their header's first cell. */
function tables(text: string): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  let current: string[][] | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line.startsWith("|")) {
      current = undefined;
      continue;
    }
    const cells = line
      .slice(1, line.endsWith("|") ? -1 : undefined)
      .split("|")
      .map((cell) => cell.trim().replace(/^`([^`]*)`$/, "$1"));
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    if (current === undefined) {
      current = [];
      out.set(cells[0] ?? "", current);
    } else current.push(cells);
  }
  return out;
}

function table(all: Map<string, string[][]>, header: string): string[][] {
  const rows = all.get(header);
  if (!rows) throw new Error(`the "${SECTION_HEADING}" section has no table headed "${header}"`);
  return rows;
}

/** Reads the section of `readme`. */
export function readRecipe(readme: string): Recipe {
  const text = recipeSection(readme);
  const all = tables(text);
  const packages = table(all, "CDKTF package").map(([from = "", fromVersion = "", to = "", toVersion = ""]) => ({ from, fromVersion, to, toVersion }));
  const imports = new Map(table(all, "import").map(([from = "", to = ""]) => [from, to] as const));
  const differences = table(all, "id").map(([id = ""]) => id);
  const wraps = new Map(
    table(all, "binding").map(([binding = "", wrapped = ""]) => {
      const [name = "", version = ""] = binding.replace(/`/g, "").split(/\s+/);
      return [name, { version, wraps: wrapped }] as const;
    }),
  );
  const commands = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((match) => (match[1] ?? "").split("\n").filter((line) => line.trim() !== ""));
  return { text, packages, imports, differences, wraps, commands };
}
