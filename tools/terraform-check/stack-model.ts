/**
 * What the harness needs to know about a synthesized stack, read from its HCL with HashiCorp's
 * own parser (hcl2-parser), so it works on any folder of stacks, ours or another CDK's.
 */
import { parseHcl } from "../synth/parse-hcl";
import { isJsonObject } from "../synth/json";

/** One `resource` or `data` block. */
export interface Block {
  readonly type: string;
  readonly name: string;
  /** The provider alias (`us_east_1`), or undefined for the default provider. */
  readonly alias?: string;
  /** Whether the block has `for_each` or `count`, so its address holds instances. */
  readonly repeated: boolean;
  /** Its attributes as hcl2json shows them (expressions as `${...}` strings). */
  readonly body: Record<string, unknown>;
}

export interface StackModel {
  readonly resources: readonly Block[];
  readonly data: readonly Block[];
  readonly outputs: readonly string[];
  /** `data.terraform_remote_state.<name>.outputs.<key>` keys referenced, by data source name. */
  readonly remoteStateOutputs: ReadonlyMap<string, readonly string[]>;
}

function blocks(section: unknown): Block[] {
  const out: Block[] = [];
  if (!isJsonObject(section)) return out;
  for (const [type, byName] of Object.entries(section)) {
    if (!isJsonObject(byName)) continue;
    for (const [name, bodies] of Object.entries(byName)) {
      const body = (Array.isArray(bodies) ? bodies[0] : bodies) as Record<string, unknown>;
      const provider = typeof body.provider === "string" ? /^\$\{aws\.(\w+)\}$/.exec(body.provider)?.[1] : undefined;
      out.push({ type, name, alias: provider, repeated: "for_each" in body || "count" in body, body });
    }
  }
  return out;
}

/** Reads the model of a stack from the text of its `.tf` files. */
export function stackModel(texts: readonly string[], where: string): StackModel {
  const resources: Block[] = [];
  const data: Block[] = [];
  const outputs: string[] = [];
  const remote = new Map<string, Set<string>>();
  for (const text of texts) {
    const doc = parseHcl(text, where);
    resources.push(...blocks(doc.resource));
    data.push(...blocks(doc.data));
    if (isJsonObject(doc.output)) outputs.push(...Object.keys(doc.output));
    for (const m of text.matchAll(/data\.terraform_remote_state\.(\w+)\.outputs\.(\w+)/g)) {
      if (!remote.has(m[1])) remote.set(m[1], new Set());
      remote.get(m[1])!.add(m[2]);
    }
  }
  return {
    resources,
    data,
    outputs,
    remoteStateOutputs: new Map([...remote].map(([k, v]) => [k, [...v].sort()])),
  };
}

/** `type.name` of a block. */
export function address(block: Pick<Block, "type" | "name">): string {
  return `${block.type}.${block.name}`;
}
