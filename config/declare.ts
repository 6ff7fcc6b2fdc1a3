/**
 * The small kit in which every setting is declared once: its name (the key of a declaration's
 * fields), its type (a Kind), its default, its rules with their messages, and its doc line. From
 * a declaration come the validation (readDeclared), the typed result (Shape, inferred, never
 * written again), the unknown-key check with its "did you mean" hint, and the README's table
 * (settingsTable).
 *
 * Why a table of our own and not a schema library: our errors are one sentence each, naming the
 * full path of the setting, the value and the fix, and the tests pin hundreds of them word for
 * word. Most of our rules are domain rules (CIDR layout, KMS aliases, Route 53 limits) that exist
 * as small `(label, value) => problem` functions already; a schema library would wrap each in a
 * refinement and map its issues back to our sentences, which is more code than this file. zod is
 * only installed as a transitive dependency of the cdktf tooling, not one of ours, and valibot not
 * at all; this kit needs no dependency and keeps the first-problem-wins, one-line format as it is.
 *
 * Order: the fields are read and checked one by one in declaration order (a later field's default
 * may depend on an earlier field), then the declaration's cross-field rules run, in order, on the
 * typed result.
 */
import { closest } from "../modules/rules";
import { isPlainObject } from "./context";
import { SettingsError } from "./errors";

/** A problem: the one-line message for the user, or undefined when the value is fine. */
export type Problem = string | undefined;

/**
 * A rule of one setting. `label` is the setting as messages name it (`Setting "zones[0].dsTtl"`),
 * `path` its bare path, for rules that name parts of a list (`publicSubnetCidrs[1]`).
 */
export type Rule<T> = (label: string, value: T, path: string) => Problem;

/** Checks a raw value's type and returns it typed; throws a SettingsError naming `path` otherwise. */
export type Kind<T> = (value: unknown, path: string) => T;

/** The values read so far in the same object: a default may depend on an earlier field. */
export type Earlier = Readonly<Record<string, unknown>>;

/** One declared setting. `O` says whether it may be absent (its value then undefined). */
export interface Field<T, O extends boolean = boolean> {
  readonly optional: O;
  /** The README's "rule" column (markdown). */
  readonly doc: string;
  /** The README's "default" column (markdown). */
  readonly defaultDoc: string;
  /** Reads the raw value at `path` (undefined when absent): type, default, rules, normalisation. */
  read(value: unknown, path: string, earlier: Earlier): T;
}

interface Spec<T> {
  /** Checked in order on the typed value (also on a default); the first problem is raised. */
  readonly rules?: readonly Rule<T>[];
  /** Normalises the value after its rules passed (for example a domain name to lower case). */
  readonly then?: (value: T) => T;
  readonly doc: string;
  /** The default as the README shows it; derived from a plain default when not given. */
  readonly defaultDoc?: string;
}

type Presence<T> = { readonly default: T | ((earlier: Earlier) => T) } | { readonly required: true };

/** A setting that may be absent; its rules run only on a given value. The kind alone gives T. */
export function field<T>(kind: Kind<T>, spec: Spec<NoInfer<T>> & { readonly optional: true }): Field<T | undefined, true>;
/** A setting with a default (a value, or a function of the fields before it), or a required one. */
export function field<T>(kind: Kind<T>, spec: Spec<NoInfer<T>> & Presence<NoInfer<T>>): Field<T, false>;
export function field<T>(kind: Kind<T>, spec: Spec<T> & ({ readonly optional: true } | Presence<T>)): Field<T | undefined, boolean> {
  const optional = "optional" in spec;
  const required = "required" in spec;
  const fallback = "default" in spec ? spec.default : undefined;
  if (typeof fallback === "function" && spec.defaultDoc === undefined) {
    throw new Error("declare: a default computed from other settings needs a defaultDoc");
  }
  const defaultDoc = spec.defaultDoc ?? (optional ? "none" : required ? "required" : showDefault(fallback));
  return {
    optional,
    doc: spec.doc,
    defaultDoc,
    read(value, path, earlier) {
      let typed: T;
      if (value !== undefined) typed = kind(value, path);
      else if (optional) return undefined;
      else if (required) throw new SettingsError(`${key(path)} is required; add it.`);
      else typed = typeof fallback === "function" ? (fallback as (e: Earlier) => T)(earlier) : structuredClone(fallback as T);
      for (const rule of spec.rules ?? []) fail(rule(key(path), typed, path));
      return spec.then === undefined ? typed : spec.then(typed);
    },
  };
}

/** The declared fields of one object (the top level, an entry of `zones`, a key-signing key). */
export type Fields = Readonly<Record<string, Field<unknown>>>;

type ValueOf<F> = F extends Field<infer T, boolean> ? T : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The typed result of `F`: a readonly property per field, optional where the field may be absent. */
export type Shape<F extends Fields> = Simplify<
  { readonly [K in keyof F as F[K] extends Field<unknown, true> ? never : K]: ValueOf<F[K]> } & {
    readonly [K in keyof F as F[K] extends Field<unknown, true> ? K : never]?: Exclude<ValueOf<F[K]>, undefined>;
  }
>;

/**
 * A cross-field rule of an object; `path` is the object's own ("" for the top level, "zones[0]").
 * `raw` is the object as the user wrote it (already checked), for a message that quotes a value
 * before its normalisation (a domain name's case and trailing dot).
 */
export type ObjectRule<S> = (value: S, path: string, raw: Readonly<Record<string, unknown>>) => Problem;

/** The declaration of one object: its fields, its cross-field rules and its unknown-key message. */
export interface Declaration<F extends Fields, R> {
  readonly fields: F;
  readonly keys: readonly (keyof F & string)[];
  readonly rules: readonly ObjectRule<Shape<F>>[];
  /** The message for a key that is not a field; `hint` is the closest field name, if any is close. */
  readonly unknownKey: (path: string, name: string, hint: string | undefined, keys: readonly string[]) => string;
  /** Builds the result from the checked values (for example a zone's ownership from its id and adopt). */
  readonly then: (value: Shape<F>) => R;
}

export function declaration<F extends Fields, R = Shape<F>>(spec: {
  readonly fields: F;
  readonly rules?: readonly ObjectRule<Shape<F>>[];
  readonly unknownKey: Declaration<F, R>["unknownKey"];
  readonly then?: (value: Shape<F>) => R;
}): Declaration<F, R> {
  return {
    fields: spec.fields,
    keys: Object.keys(spec.fields),
    rules: spec.rules ?? [],
    unknownKey: spec.unknownKey,
    then: spec.then ?? ((value) => value as unknown as R),
  };
}

/** Validates `raw` against `decl` at `path` ("" for the top level); the first problem is raised. */
export function readDeclared<F extends Fields, R>(decl: Declaration<F, R>, raw: Record<string, unknown>, path: string): R {
  for (const name of Object.keys(raw)) {
    if (!(decl.keys as readonly string[]).includes(name)) throw new SettingsError(decl.unknownKey(path, name, closest(name, decl.keys), decl.keys));
  }
  const values: Record<string, unknown> = {};
  for (const name of decl.keys) values[name] = decl.fields[name].read(raw[name], join(path, name), values);
  const shape = values as Shape<F>;
  for (const rule of decl.rules) fail(rule(shape, path, raw));
  return decl.then(shape);
}

/** A list of objects, each checked against `decl` at `path[i]`. */
export function listOf<F extends Fields, R>(decl: Declaration<F, R>, examples: { readonly list: string; readonly entry: string }): Kind<readonly R[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new SettingsError(`${key(path)} must be a list such as ${examples.list}, got: ${JSON.stringify(value)}.`);
    return value.map((entry, i) => {
      const at = `${path}[${i}]`;
      if (!isPlainObject(entry)) throw new SettingsError(`${key(at)} must be an object such as ${examples.entry}, got: ${JSON.stringify(entry)}.`);
      return readDeclared(decl, entry, at);
    });
  };
}

export const STRING: Kind<string> = (value, path) => {
  if (typeof value !== "string") throw new SettingsError(`${key(path)} must be a string, got: ${JSON.stringify(value)}.`);
  return value;
};

export const NUMBER: Kind<number> = (value, path) => {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new SettingsError(`${key(path)} must be a number, got: ${JSON.stringify(value)}.`);
  return value;
};

export const BOOLEAN: Kind<boolean> = (value, path) => {
  if (typeof value !== "boolean") throw new SettingsError(`${key(path)} must be true or false, got: ${JSON.stringify(value)}.`);
  return value;
};

export const STRINGS: Kind<readonly string[]> = (value, path) => {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw new SettingsError(`${key(path)} must be a list of strings, got: ${JSON.stringify(value)}.`);
  }
  return value as string[];
};

/** One of the strings `choices`. */
export function choice<const T extends string>(choices: readonly T[]): Kind<T> {
  return (value, path) => {
    if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
      throw new SettingsError(`${key(path)} must be one of ${choices.map((c) => `"${c}"`).join(", ")}, got: ${JSON.stringify(value)}.`);
    }
    return value as T;
  };
}

/** A rule of a list applied to each entry, naming it `path[i]`. */
export function each<T>(rule: Rule<T>): Rule<readonly T[]> {
  return (_label, values, path) => {
    for (const [i, v] of values.entries()) {
      const problem = rule(key(`${path}[${i}]`), v, `${path}[${i}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}

/** How messages name a setting: `Setting "zones[0].dsTtl"`. */
export function key(path: string): string {
  return `Setting "${path}"`;
}

/** The path of `name` inside the object at `path`. */
export function join(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

export function fail(problem: Problem): void {
  if (problem !== undefined) throw new SettingsError(problem);
}

/** The README's table of `fields`: key, default, rule; one row per field, in declaration order. */
export function settingsTable(fields: Fields): string {
  const rows = Object.entries(fields).map(([name, f]) => `| \`${name}\` | ${f.defaultDoc} | ${f.doc} |`);
  return ["| key | default | rule |", "|---|---|---|", ...rows].join("\n");
}

function showDefault(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => `\`${String(v)}\``).join(", ");
  return `\`${String(value)}\``;
}
