import { formatPath } from "./attributes";
import { Json, isObject, jsonEqual } from "./json";
import { ResourceChange } from "./plan";
import { REDACTED, Redactor, looksSecretName, parseJsonDocument } from "./redact";
import { PathStep, containsTrue } from "./sensitive";

/**
 * The values of one resource change, as plain text lines in Terraform's own
 * notation (`~ instance_type = "t3.micro" -> "m7i.4xlarge"`), for a fenced
 * block. What is shown depends on the action:
 * - update: every changed attribute, nested blocks and lists by element and
 *   maps by key, with unchanged siblings folded as Terraform folds them;
 * - create: the known, non-empty arguments (computed ones are unknown);
 * - replace: the attributes that force the replacement;
 * - delete: the identifying attributes (name, id).
 * JSON documents held in strings (IAM and KMS policies, container
 * definitions) are decoded and compared structurally. Every string passes the
 * redactor; a value marked sensitive, or named or shaped like a secret, reads
 * `(sensitive)`.
 */
export interface ValueOptions {
  /** Strings longer than this are cut, with the count of characters left out. */
  readonly maxValueLength: number;
}

export const UNKNOWN = "(known after apply)";

/** Attributes that say which object a delete removes. */
const IDENTIFYING = ["name", "id"];
/** Keys that say which element of a list changed; shown even when unchanged. */
const ELEMENT_KEYS = new Set(["Sid", "name", "id", "key", "device_name"]);
const INLINE_LIST_MAX = 72;

interface Ctx {
  readonly red: Redactor;
  readonly max: number;
}

/** Marker trees (`*_sensitive`, `after_unknown`) one step down; `true` covers everything under it. */
function sub(marks: Json | undefined, step: PathStep): Json | undefined {
  if (marks === true) return true;
  if (Array.isArray(marks) && typeof step === "number") return marks[step];
  if (isObject(marks) && typeof step === "string") return marks[step];
  return undefined;
}

function at(value: Json | undefined, path: readonly PathStep[]): Json | undefined {
  let node = value;
  for (const step of path) {
    if (Array.isArray(node) && typeof step === "number") node = node[step];
    else if (isObject(node) && typeof step === "string") node = node[step];
    else return undefined;
  }
  return node;
}

function marksAt(marks: Json | undefined, path: readonly PathStep[]): Json | undefined {
  let node = marks;
  for (const step of path) node = sub(node, step);
  return node;
}

export function resourceValueLines(change: ResourceChange, red: Redactor, options: ValueOptions): string[] {
  const ctx: Ctx = { red, max: options.maxValueLength };
  switch (change.kind) {
    case "update":
      return updateLines(change, ctx);
    case "create":
      return createLines(change, ctx);
    case "replace":
      return replaceLines(change, ctx);
    case "delete":
      return deleteLines(change, ctx);
    default:
      return [];
  }
}

/**
 * One whole value's change (an output's), in the same notation: `before` and
 * `after` as `null` for a create or a delete. Nothing in it is marked
 * sensitive, so only the redactor's name, value and shape rules apply.
 */
export function valueChangeLines(name: string, before: Json, after: Json, red: Redactor, options: ValueOptions): string[] {
  const ctx: Ctx = { red, max: options.maxValueLength };
  return entryLines(keyLabel(name, ctx), name, before, after, undefined, undefined, undefined, "", ctx) ?? [];
}

function updateLines(change: ResourceChange, ctx: Ctx): string[] {
  return objectBody(change.before, change.after, change.beforeSensitive, change.afterSensitive, change.afterUnknown, "", ctx, false);
}

function createLines(change: ResourceChange, ctx: Ctx): string[] {
  const after = isObject(change.after) ? change.after : {};
  const lines: string[] = [];
  for (const key of Object.keys(after).sort()) {
    const value = after[key];
    // Wholly unknown: computed by the provider, not configured.
    if (sub(change.afterUnknown, key) === true) continue;
    if (isEmpty(value)) continue;
    lines.push(...valueLines("+", key, key, value, sub(change.afterSensitive, key), "", ctx));
  }
  return lines;
}

function replaceLines(change: ResourceChange, ctx: Ctx): string[] {
  const lines: string[] = [];
  const forcing = new Set<string>();
  for (const path of change.replacePaths) {
    forcing.add(String(path[0]));
    const name = [...path].reverse().find((s): s is string => typeof s === "string") ?? "";
    const diff = entryLines(
      formatPath(path),
      name,
      at(change.before, path),
      at(change.after, path),
      marksAt(change.beforeSensitive, path),
      marksAt(change.afterSensitive, path),
      marksAt(change.afterUnknown, path),
      "",
      ctx,
    );
    const shown = diff ?? [`  ${formatPath(path)} = ${scalarText(at(change.after, path), name, ctx)}`];
    shown[0] = `${shown[0]} # forces replacement`;
    lines.push(...shown);
  }
  const others = changedTopLevel(change).filter((name) => !forcing.has(name));
  if (others.length > 0) lines.push(`# (${plural(others.length, "other attribute")} also ${others.length === 1 ? "changes" : "change"})`);
  return lines;
}

function deleteLines(change: ResourceChange, ctx: Ctx): string[] {
  const before = isObject(change.before) ? change.before : {};
  return IDENTIFYING.filter((key) => before[key] !== undefined && before[key] !== null).flatMap((key) =>
    valueLines("-", key, key, before[key], sub(change.beforeSensitive, key), "", ctx),
  );
}

function changedTopLevel(change: ResourceChange): string[] {
  const before = isObject(change.before) ? change.before : {};
  const after = isObject(change.after) ? change.after : {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => containsTrue(sub(change.afterUnknown, k)) || !jsonEqual(before[k], after[k]));
}

/** The changed entries of two objects, then the fold line for the unchanged ones. */
function objectBody(
  before: Json | undefined,
  after: Json | undefined,
  bs: Json | undefined,
  as: Json | undefined,
  unknown: Json | undefined,
  indent: string,
  ctx: Ctx,
  showElementKeys: boolean,
): string[] {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const u = isObject(unknown) ? unknown : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a), ...Object.keys(u)])].sort();
  const lines: string[] = [];
  const kept: string[] = [];
  let unchanged = 0;
  for (const key of keys) {
    const diff = entryLines(keyLabel(key, ctx), key, b[key], a[key], sub(bs, key), sub(as, key), sub(unknown, key), indent, ctx);
    if (diff !== undefined) lines.push(...diff);
    else if (showElementKeys && ELEMENT_KEYS.has(key) && typeof b[key] !== "object") {
      kept.push(`${indent}  ${keyLabel(key, ctx)} = ${scalarText(b[key], key, ctx)}`);
    } else if (!(b[key] === null && a[key] === null)) unchanged += 1;
  }
  const fold = unchanged > 0 ? [`${indent}  # (${plural(unchanged, "unchanged attribute")} hidden)`] : [];
  return [...kept, ...lines, ...fold];
}

/**
 * The lines of one entry's change, or undefined when it did not change.
 * `label` is what is printed before ` = `, `name` what the secret-name check reads.
 */
function entryLines(
  label: string,
  name: string,
  before: Json | undefined,
  after: Json | undefined,
  bs: Json | undefined,
  as: Json | undefined,
  unknown: Json | undefined,
  indent: string,
  ctx: Ctx,
): string[] | undefined {
  const lhs = label === "" ? "" : `${label} = `;
  const absentBefore = before === undefined || before === null;
  const absentAfter = after === undefined || after === null;
  if (unknown === true) {
    if (absentBefore) return [`${indent}+ ${lhs}${UNKNOWN}`];
    if (typeof before === "object") return [`${indent}~ ${lhs}${UNKNOWN}`];
    return [`${indent}~ ${lhs}${scalarText(before, name, ctx, bs)} -> ${UNKNOWN}`];
  }
  if (jsonEqual(before, after) && !containsTrue(unknown)) return undefined;
  if (bs === true || as === true || (name !== "" && looksSecretName(name))) {
    const symbol = absentBefore ? "+" : absentAfter ? "-" : "~";
    return [`${indent}${symbol} ${lhs}${REDACTED}`];
  }
  if (absentBefore) return valueLines("+", label, name, after ?? null, as, indent, ctx);
  if (absentAfter) return valueLines("-", label, name, before, bs, indent, ctx);
  const inner = `${indent}    `;
  if (isObject(before) && isObject(after)) {
    return [`${indent}~ ${lhs}{`, ...objectBody(before, after, bs, as, unknown, inner, ctx, false), `${indent}  }`];
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return [`${indent}~ ${lhs}[`, ...listBody(before, after, bs, as, unknown, inner, ctx), `${indent}  ]`];
  }
  if (typeof before === "string" && typeof after === "string") {
    const docBefore = parseJsonDocument(before);
    const docAfter = parseJsonDocument(after);
    if (docBefore !== undefined && docAfter !== undefined) {
      const body = entryLines("", "", docBefore, docAfter, undefined, undefined, undefined, inner, ctx) ?? [];
      return [`${indent}~ ${lhs}jsonencode(`, ...body, `${indent}  )`];
    }
  }
  const old = scalarText(before, name, ctx, bs);
  const now = scalarText(after, name, ctx, as);
  if (old === REDACTED && now === REDACTED) return [`${indent}~ ${lhs}${REDACTED}`];
  return [`${indent}~ ${lhs}${old} -> ${now}`];
}

/**
 * Lists of plain values are compared as sets, which is how the AWS provider
 * models most of them (`cidr_blocks`, `records`). Lists of objects are matched
 * by `Sid` when every statement has one (IAM policies), else by position.
 */
function listBody(
  before: Json[],
  after: Json[],
  bs: Json | undefined,
  as: Json | undefined,
  unknown: Json | undefined,
  indent: string,
  ctx: Ctx,
): string[] {
  const scalars = [...before, ...after].every((v) => v === null || typeof v !== "object");
  const lines: string[] = [];
  let unchanged = 0;
  if (scalars && !containsTrue(unknown)) {
    const remaining = [...after];
    before.forEach((value, i) => {
      const j = remaining.findIndex((other) => jsonEqual(other, value));
      if (j >= 0) {
        remaining.splice(j, 1);
        unchanged += 1;
      } else {
        lines.push(...valueLines("-", "", "", value, sub(bs, i), indent, ctx));
      }
    });
    for (const value of remaining) lines.push(...valueLines("+", "", "", value, sub(as, after.indexOf(value)), indent, ctx));
  } else {
    for (const [i, j] of pairElements(before, after)) {
      const diff = entryLines(
        "",
        "",
        i === undefined ? undefined : before[i],
        j === undefined ? undefined : after[j],
        i === undefined ? undefined : sub(bs, i),
        j === undefined ? undefined : sub(as, j),
        j === undefined ? undefined : sub(unknown, j),
        indent,
        ctx,
      );
      if (diff === undefined) unchanged += 1;
      else if (i !== undefined && j !== undefined && isObject(before[i]) && isObject(after[j])) {
        // Re-render the element with its identifying keys, so the reader knows which one changed.
        lines.push(
          `${indent}~ {`,
          ...objectBody(before[i], after[j], sub(bs, i), sub(as, j), sub(unknown, j), `${indent}    `, ctx, true),
          `${indent}  }`,
        );
      } else lines.push(...diff);
    }
  }
  if (unchanged > 0) lines.push(`${indent}  # (${plural(unchanged, "unchanged element")} hidden)`);
  return lines;
}

function pairElements(before: Json[], after: Json[]): [number | undefined, number | undefined][] {
  const sid = (v: Json): string | undefined => (isObject(v) && typeof v.Sid === "string" ? v.Sid : undefined);
  const sids = [...before, ...after].map(sid);
  const unique = (list: Json[]) => new Set(list.map(sid)).size === list.length;
  if (sids.every((s) => s !== undefined) && unique(before) && unique(after)) {
    const pairs: [number | undefined, number | undefined][] = before.map((v, i) => [i, after.findIndex((w) => sid(w) === sid(v))]);
    const matched = pairs.map(([i, j]): [number | undefined, number | undefined] => [i, j === -1 ? undefined : j]);
    after.forEach((v, j) => {
      if (!before.some((w) => sid(w) === sid(v))) matched.push([undefined, j]);
    });
    return matched;
  }
  const pairs: [number | undefined, number | undefined][] = [];
  for (let k = 0; k < Math.max(before.length, after.length); k++) {
    pairs.push([k < before.length ? k : undefined, k < after.length ? k : undefined]);
  }
  return pairs;
}

/** A whole value, added (`+`) or removed (`-`), one line per leaf. */
function valueLines(
  symbol: "+" | "-",
  label: string,
  name: string,
  value: Json,
  marks: Json | undefined,
  indent: string,
  ctx: Ctx,
): string[] {
  const lhs = label === "" ? "" : `${label} = `;
  if (marks === true || (name !== "" && looksSecretName(name))) return [`${indent}${symbol} ${lhs}${REDACTED}`];
  if (typeof value === "string") {
    const doc = parseJsonDocument(value);
    if (doc !== undefined && typeof doc === "object") {
      return [`${indent}${symbol} ${lhs}jsonencode(`, ...valueLines(symbol, "", "", doc, undefined, `${indent}    `, ctx), `${indent}  )`];
    }
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}${symbol} ${lhs}[]`];
    if (value.every((v) => v === null || typeof v !== "object")) {
      const inline = `[${value.map((v, i) => scalarText(v, "", ctx, sub(marks, i))).join(", ")}]`;
      if (inline.length <= INLINE_LIST_MAX) return [`${indent}${symbol} ${lhs}${inline}`];
    }
    return [
      `${indent}${symbol} ${lhs}[`,
      ...value.flatMap((v, i) => valueLines(symbol, "", "", v, sub(marks, i), `${indent}    `, ctx)),
      `${indent}  ]`,
    ];
  }
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) return [`${indent}${symbol} ${lhs}{}`];
    return [
      `${indent}${symbol} ${lhs}{`,
      ...keys.flatMap((k) => valueLines(symbol, keyLabel(k, ctx), k, value[k], sub(marks, k), `${indent}    `, ctx)),
      `${indent}  }`,
    ];
  }
  return [`${indent}${symbol} ${lhs}${scalarText(value, name, ctx, marks)}`];
}

/** One scalar, quoted like JSON, redacted or cut when it has to be. */
function scalarText(value: Json | undefined, name: string, ctx: Ctx, marks?: Json): string {
  if (marks === true) return REDACTED;
  if (value === undefined || value === null) return "null";
  if (typeof value === "string") {
    if (ctx.red.hides(value, name === "" ? undefined : name)) return REDACTED;
    if (value.length > ctx.max) {
      return `${JSON.stringify(value.slice(0, ctx.max))}… (${value.length - ctx.max} more characters)`;
    }
    return JSON.stringify(value);
  }
  if (typeof value === "object") return ctx.red.hidesAny(value, name) ? REDACTED : truncateText(JSON.stringify(value), ctx.max);
  const text = String(value);
  return ctx.red.hides(text, name === "" ? undefined : name) ? REDACTED : text;
}

function truncateText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** Identifier-like keys are printed bare, others quoted, as Terraform prints map keys. */
function keyLabel(key: string, ctx: Ctx): string {
  if (ctx.red.hides(key)) return "(sensitive key)";
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
}

function isEmpty(value: Json | undefined): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return false;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
