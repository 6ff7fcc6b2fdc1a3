/**
 * The check itself: for every configuration (a folder of stack folders) and every stack in it,
 * `terraform fmt -check`, `init -backend=false`, `validate`, then `terraform test` with mocked
 * providers, and the transitions between configurations, all in scratch copies.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KEYS_STACK_ID, zoneStackId } from "../../stacks/stack-ids";
import { AWS_PROVIDER, type Toolchain } from "./environment";
import { factsOf, fleetFactsOf, type ConfigFacts } from "./facts";
import type { Transition } from "./matrix";
import { pool, run } from "./process";
import { pinProviderVersion } from "./provider-version";
import { stackModel, type StackModel } from "./stack-model";
import { configSettings } from "./synth-config";
import {
  fleetZoneBlock,
  idsOutputFile,
  KEY_STATE_RUNS,
  keyStateKsk,
  keyStateMessage,
  keyStateMessageRun,
  keyStateTestFile,
  MOCK_GAPS_FILE,
  mockGapsOverrideFile,
  removedOutsideDnssec,
  stackTestFile,
  transitionTestFile,
  type ResourceSchemas,
  type StackRole,
} from "./tftest";
import { describeDiagnostic, isAllowed, type Diagnostic } from "./warnings";

/** A configuration to check: its name and its folder of stack folders. */
export interface ConfigDir {
  readonly name: string;
  readonly dir: string;
}

export type Step = "fmt" | "init" | "validate" | "test" | "key-state" | "transition";

/** The outcome of one step of one stack (or of one transition). */
export interface StepResult {
  readonly subject: string;
  readonly step: Step;
  readonly ok: boolean;
  readonly lines: readonly string[];
  /** The resource changes of the plan run, for a test whose plan the harness reads (a fleet zone's). */
  readonly plan?: readonly PlannedChange[];
}

export interface CheckOptions {
  readonly configs: readonly ConfigDir[];
  readonly transitions?: readonly Transition[];
  readonly toolchain: Toolchain;
  /** The environment of every Terraform child process (see terraformEnv). */
  readonly env: NodeJS.ProcessEnv;
  /** An empty scratch folder the harness owns. */
  readonly scratch: string;
  /** The context of a configuration folder without a context.json. */
  readonly defaultContext: Record<string, unknown>;
  readonly log?: (line: string) => void;
  /** Terraform processes at once. @default 2 (the machine has two cores) */
  readonly concurrency?: number;
}

export interface CheckReport {
  readonly results: readonly StepResult[];
  readonly ok: boolean;
  readonly wallMs: number;
}

interface Stack {
  readonly config: string;
  /** Its folder name, which is its stack id and state key. */
  readonly kind: string;
  readonly role: StackRole;
  readonly subject: string;
  readonly source: string;
  /** The scratch copy, with the provider version pinned. */
  readonly dir: string;
  readonly files: ReadonlyMap<string, string>;
  readonly model: StackModel;
  readonly facts: ConfigFacts;
  readonly hash: string;
}

function tfFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) if (name.endsWith(".tf")) files.set(name, readFileSync(join(dir, name), "utf8"));
  return files;
}

function stackFolders(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith(".") && statSync(join(dir, name)).isDirectory())
    .filter((name) => readdirSync(join(dir, name)).some((f) => f.endsWith(".tf")))
    .sort();
}

function writeFiles(dir: string, files: ReadonlyMap<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
}

function output(exec: { stdout: string; stderr: string }): string[] {
  return `${exec.stdout}\n${exec.stderr}`.split("\n").map((l) => l.trimEnd()).filter((l) => l.trim() !== "");
}

/** Seeds one `terraform init` per provider set: its lock file and the provider schema are shared. */
async function seed(options: CheckOptions, log: (line: string) => void): Promise<{ lock: string; schemas: ResourceSchemas }> {
  const dir = join(options.scratch, "seed");
  mkdirSync(dir, { recursive: true });
  const version = options.toolchain.providerVersion;
  writeFileSync(join(dir, "main.tf"), `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${version}"\n    }\n  }\n}\n`);
  const init = await run(options.toolchain.terraform, ["init", "-backend=false", "-input=false", "-no-color"], dir, options.env);
  if (init.code !== 0) throw new Error(`terraform init of the provider set failed: ${output(init).slice(-5).join(" ")}`);
  const schema = await run(options.toolchain.terraform, ["providers", "schema", "-json"], dir, options.env);
  if (schema.code !== 0) throw new Error(`terraform providers schema failed: ${output(schema).slice(-5).join(" ")}`);
  const parsed = JSON.parse(schema.stdout) as { provider_schemas: Record<string, { resource_schemas: ResourceSchemas }> };
  log(`terraform-check: one terraform init for hashicorp/aws ${version}, shared by every stack (lock file and plugin cache)`);
  return { lock: join(dir, ".terraform.lock.hcl"), schemas: parsed.provider_schemas[AWS_PROVIDER].resource_schemas };
}

/** Copies every stack into the scratch folder, pinning only the provider version. */
function prepare(options: CheckOptions, log: (line: string) => void): Stack[] {
  const stacks: Stack[] = [];
  const pinned = new Set<string>();
  for (const config of options.configs) {
    const settings = configSettings(config.dir, options.defaultContext);
    for (const kind of stackFolders(config.dir)) {
      // A stack folder is the primary zone, its app, an entry of `zones` (by its stack id), the shared keys, or another stack.
      const zone = settings.zones.find((z) => zoneStackId(z.domainName) === kind);
      const role: StackRole = kind === "zone" || kind === "app" ? kind : zone ? "fleet-zone" : kind === KEYS_STACK_ID ? "keys" : "other";
      const facts = zone ? fleetFactsOf(settings, zone) : factsOf(settings);
      const original = tfFiles(join(config.dir, kind));
      const files = new Map<string, string>();
      for (const [name, text] of original) {
        if (!/required_providers/.test(text)) {
          files.set(name, text);
          continue;
        }
        const rewrite = pinProviderVersion(text, options.toolchain.providerVersion, `${config.name}/${kind}/${name}`);
        files.set(name, rewrite.text);
        const note = `terraform-check: rewrote required_providers aws version "${rewrite.from}" -> "${rewrite.to}" in the scratch copy (the offline mirror holds ${rewrite.to}; users run ${rewrite.from})`;
        if (!pinned.has(note)) log(note);
        pinned.add(note);
      }
      const subject = `${config.name}/${kind}`;
      const dir = join(options.scratch, "stacks", config.name, kind);
      writeFiles(join(options.scratch, "original", config.name, kind), original);
      writeFiles(dir, files);
      const hash = createHash("sha256").update(JSON.stringify([...files])).digest("hex");
      stacks.push({ config: config.name, kind, role, subject, source: `./configs/${config.name}/${kind}`, dir, files, model: stackModel([...files.values()], subject), facts, hash });
    }
  }
  return stacks;
}

/** fmt, init and validate of one stack. */
async function staticChecks(stack: Stack, options: CheckOptions, lock: string): Promise<StepResult[]> {
  const tf = options.toolchain.terraform;
  const original = join(options.scratch, "original", stack.config, stack.kind);
  const fmt = await run(tf, ["fmt", "-check", "-diff", "-no-color"], original, options.env);
  const results: StepResult[] = [{ subject: stack.subject, step: "fmt", ok: fmt.code === 0, lines: fmt.code === 0 ? [] : output(fmt) }];
  copyFileSync(lock, join(stack.dir, ".terraform.lock.hcl"));
  const init = await run(tf, ["init", "-backend=false", "-input=false", "-no-color"], stack.dir, options.env);
  results.push({ subject: stack.subject, step: "init", ok: init.code === 0, lines: init.code === 0 ? [] : output(init) });
  if (init.code !== 0) return results;
  const validate = await run(tf, ["validate", "-json", "-no-color"], stack.dir, options.env);
  let diagnostics: Diagnostic[];
  try {
    diagnostics = (JSON.parse(validate.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
  } catch {
    results.push({ subject: stack.subject, step: "validate", ok: false, lines: output(validate) });
    return results;
  }
  const bad = diagnostics.filter((d) => d.severity === "error" || !isAllowed(d));
  results.push({ subject: stack.subject, step: "validate", ok: validate.code === 0 && bad.length === 0, lines: bad.map(describeDiagnostic) });
  return results;
}

interface TestFile {
  readonly file: string;
  readonly subject: string;
  readonly step: Step;
  readonly text: string;
  /** Runs of the app's size it holds, to balance the two processes. */
  readonly weight: number;
  /** What the plan run must do to the fleet zone's hosted zone: read from the plan itself (`-verbose`). */
  readonly zonePlan?: ZonePlanCheck;
  /** The folder the file runs in when the stack is its own root module; the shared suite otherwise. */
  readonly root?: string;
  /** For a key-state file: the run that must fail, and the start of the message it must fail with. */
  readonly keyState?: KeyStateCheck;
}

/** What a key-state file must report: only `run` fails, with one error, the shared key's postcondition. */
export interface KeyStateCheck {
  readonly run: string;
  readonly message: string;
}

/**
 * Problems with a key-state file's outcome; none when it failed exactly as it must: its
 * `expect_failures` run passed (the key's postcondition failed the plan) and the same plan without
 * it failed with the postcondition's message, and nothing else failed.
 */
export function keyStateProblems(check: KeyStateCheck, outcome: Pick<TestFileOutcome, "status" | "lines"> | undefined): string[] {
  if (!outcome) return ["the key-state file did not run"];
  const prefix = `run "${check.run}": `;
  const others = outcome.lines.filter((l) => !l.startsWith(prefix));
  const errors = outcome.lines.filter((l) => l.startsWith(`${prefix}error: `));
  const wanted = `${prefix}error: ${check.message}`;
  // A plan that fails on a condition is an errored run, and its file "error".
  if (outcome.status !== "error" || others.length > 0 || errors.length !== 1 || !errors[0].startsWith(wanted)) {
    return [`the plan on an unusable shared key must fail with "${check.message} ...", and only in run "${check.run}"; got ${outcome.status}: ${outcome.lines.join(" | ") || "no failure"}`];
  }
  return [];
}

/** The hosted zone's change the plan of a fleet stack must show: an import of the configured id, a create, or (referenced) none. */
export type ZonePlanCheck =
  | { readonly address: string; readonly ownership: "create" | "adopt"; readonly zoneId: string }
  | { readonly ownership: "reference"; readonly zoneId: string };

/** One resource change of a plan, as `terraform test -json -verbose` reports it (`test_plan`). */
export interface PlannedChange {
  readonly address: string;
  readonly change: { readonly actions: readonly string[]; readonly importing?: { readonly id?: string } };
}

/** Problems with the hosted zone's change in a fleet stack's plan; none when it is as configured. */
export function zonePlanProblems(check: ZonePlanCheck, changes: readonly PlannedChange[] | undefined): string[] {
  if (check.ownership === "reference") {
    if (changes === undefined) return [`run "plan": no plan was reported, so that the referenced zone ${check.zoneId} gets no zone resource is unproven`];
    return changes
      .filter((c) => c.address.startsWith("aws_route53_zone."))
      .map((c) => `run "plan": the zone ${check.zoneId} is only referenced, but the plan would ${c.change.importing ? "import" : c.change.actions.join(",")} ${c.address}`);
  }
  if (changes === undefined) return [`run "plan": no plan was reported, so the ${check.ownership === "adopt" ? "import" : "create"} of ${check.address} is unproven`];
  const change = changes.find((c) => c.address === check.address);
  if (!change) return [`run "plan": ${check.address} is not in the plan`];
  const actions = change.change.actions.join(",");
  if (check.ownership === "adopt") {
    if (change.change.importing?.id !== check.zoneId) return [`run "plan": ${check.address} must be imported from ${check.zoneId}, the plan ${change.change.importing ? `imports ${change.change.importing.id}` : "imports nothing"} (${actions})`];
    if (actions !== "no-op") return [`run "plan": the adopted ${check.address} must be imported unchanged, the plan would ${actions} it`];
    return [];
  }
  if (change.change.importing) return [`run "plan": ${check.address} is created by the app, but the plan imports ${change.change.importing.id}`];
  return actions === "create" ? [] : [`run "plan": ${check.address} must be created, the plan would ${actions} it`];
}

/** What `terraform test -json` said of one file: its status, the failures of its runs, and (with -verbose) each plan run's changes. */
export interface TestFileOutcome {
  status: string;
  readonly lines: string[];
  readonly plans: Map<string, readonly PlannedChange[]>;
}

/** Parses `terraform test -json`: the status of each file, the diagnostics of each failed run and the plans `-verbose` adds. */
export function parseTestOutput(stdout: string): Map<string, TestFileOutcome> {
  const files = new Map<string, TestFileOutcome>();
  const entry = (path: string) => {
    if (!files.has(path)) files.set(path, { status: "unknown", lines: [], plans: new Map() });
    return files.get(path)!;
  };
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const event = JSON.parse(line) as {
      type: string;
      "@testfile"?: string;
      "@testrun"?: string;
      test_file?: { path: string; progress: string; status?: string };
      test_run?: { path: string; run: string; progress: string; status?: string };
      diagnostic?: Diagnostic;
      test_plan?: { resource_changes?: PlannedChange[] };
    };
    if (event.type === "test_plan" && event["@testfile"] && event["@testrun"]) entry(event["@testfile"]).plans.set(event["@testrun"], event.test_plan?.resource_changes ?? []);
    if (event.type === "test_file" && event.test_file?.progress === "complete") entry(event.test_file.path).status = event.test_file.status ?? "unknown";
    if (event.type === "test_run" && event.test_run?.progress === "complete" && event.test_run.status !== "pass") {
      entry(event.test_run.path).lines.push(`run "${event.test_run.run}": ${event.test_run.status}`);
    }
    if (event.type === "diagnostic" && event.diagnostic && event["@testfile"] && event.diagnostic.severity === "error") {
      const where = event["@testrun"] ? `run "${event["@testrun"]}": ` : "";
      entry(event["@testfile"]).lines.push(`${where}${describeDiagnostic(event.diagnostic)}`);
    }
  }
  return files;
}

/** What the plan of a fleet stack must do to its hosted zone, by the entry's ownership. */
function zonePlanCheck(stack: Stack): ZonePlanCheck {
  const { zoneId, ownership } = stack.facts;
  if (ownership === "reference") return { ownership, zoneId };
  const { block } = fleetZoneBlock(stack.model, stack.facts);
  return { address: `${block.type}.${block.name}`, ownership, zoneId };
}

/** A stack's files as its test runs them: its own, and the override file for what the mock cannot give (see mockGapsOverrideFile). */
function testFiles(stack: Stack): ReadonlyMap<string, string> {
  const gaps = mockGapsOverrideFile(stack.model);
  return gaps === undefined ? stack.files : new Map([...stack.files, [MOCK_GAPS_FILE, gaps]]);
}

/** Writes the suite (one root, each stack a module of its own) and runs it in `concurrency` processes. */
async function tests(stacks: readonly Stack[], options: CheckOptions, seeded: { lock: string; schemas: ResourceSchemas }, log: (line: string) => void): Promise<StepResult[]> {
  const suite = join(options.scratch, "suite");
  mkdirSync(join(suite, "tests"), { recursive: true });
  copyFileSync(join(options.scratch, "seed", "main.tf"), join(suite, "main.tf"));
  copyFileSync(seeded.lock, join(suite, ".terraform.lock.hcl"));
  const results: StepResult[] = [];
  const files: TestFile[] = [];
  const seen = new Map<string, string>();
  for (const stack of stacks) {
    writeFiles(join(suite, "configs", stack.config, stack.kind), testFiles(stack));
    const key = `${stack.hash}:${JSON.stringify(stack.role === "app" || stack.role === "fleet-zone" || stack.role === "keys" ? stack.facts : stack.facts.domainName)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      results.push({ subject: stack.subject, step: "test", ok: true, lines: [`identical to ${first}, tested once`] });
      continue;
    }
    seen.set(key, stack.subject);
    try {
      const zonePlan = stack.role === "fleet-zone" ? zonePlanCheck(stack) : undefined;
      // Terraform allows import blocks only in the root module, so a fleet stack is the root of a suite
      // of its own instead of a module of the shared one, run with -verbose for its plan: whether it
      // imports its zone (adopted), creates it, or (referenced) has no zone resource at all.
      const root = zonePlan ? join(options.scratch, "roots", stack.config, stack.kind) : undefined;
      const text = stackTestFile(stack.role, stack.model, stack.facts, seeded.schemas, root ? undefined : stack.source, stack.kind);
      files.push({ file: `tests/${stack.config}.${stack.kind}.tftest.hcl`, subject: stack.subject, step: "test", text, weight: stack.role === "app" ? 2 : 1, zonePlan, root });
    } catch (error) {
      results.push({ subject: stack.subject, step: "test", ok: false, lines: [(error as Error).message] });
    }
  }
  files.push(...keyStateFiles(stacks, options, seeded.schemas, results));
  const apps = new Map(stacks.filter((s) => s.kind === "app").map((s) => [s.config, s]));
  for (const { from, to } of options.transitions ?? []) {
    const before = apps.get(from);
    const after = apps.get(to);
    const subject = `${from} -> ${to}`;
    if (!before || !after) {
      results.push({ subject, step: "transition", ok: false, lines: [`no app stack for ${before ? to : from}`] });
      continue;
    }
    const removed = removedOutsideDnssec(before.model, after.model);
    if (removed.length > 0) results.push({ subject, step: "transition", ok: false, lines: removed.map((a) => `${a} leaves the configuration, outside the DNSSEC step`) });
    const stepDir = join(suite, "steps", from);
    if (!existsSync(stepDir)) {
      writeFiles(stepDir, before.files);
      writeFileSync(join(stepDir, "terraform_check_ids.tf"), idsOutputFile(before.model));
    }
    try {
      const text = transitionTestFile(
        { model: before.model, facts: before.facts, source: `./steps/${from}` },
        { model: after.model, facts: after.facts, source: after.source },
        seeded.schemas,
      );
      files.push({ file: `tests/transition.${from}.to.${to}.tftest.hcl`, subject, step: "transition", text, weight: 2 });
    } catch (error) {
      results.push({ subject, step: "transition", ok: false, lines: [(error as Error).message] });
    }
  }
  for (const f of files.filter((x) => !x.root)) writeFileSync(join(suite, f.file), f.text);
  const shared = files.filter((f) => !f.root);
  // init registers the local module folders the run blocks point at.
  const init = shared.length > 0 ? await run(options.toolchain.terraform, ["init", "-backend=false", "-input=false", "-no-color"], suite, options.env) : undefined;
  if (init && init.code !== 0) return [...results, { subject: "suite", step: "init", ok: false, lines: output(init) }];
  const rooted = files.filter((f) => f.root);
  // A root may hold several files (a fleet zone's test and its key-state files): written and initialized once.
  const roots = [...new Set(rooted.map((f) => f.root!))];
  for (const root of roots) {
    const stack = stacks.find((s) => join(options.scratch, "roots", s.config, s.kind) === root)!;
    writeFiles(root, testFiles(stack));
    mkdirSync(join(root, "tests"), { recursive: true });
    copyFileSync(seeded.lock, join(root, ".terraform.lock.hcl"));
  }
  for (const f of rooted) writeFileSync(join(f.root!, f.file), f.text);
  const rootInits = await pool(roots.map((root) => () => run(options.toolchain.terraform, ["init", "-backend=false", "-input=false", "-no-color"], root, options.env)), options.concurrency ?? 2);
  const failedRoots = new Set(roots.filter((_, i) => rootInits[i].code !== 0));
  for (const f of rooted.filter((x) => failedRoots.has(x.root!))) {
    results.push({ subject: f.subject, step: f.step, ok: false, lines: [`terraform init of its test root failed:`, ...output(rootInits[roots.indexOf(f.root!)])] });
  }
  const runnable = rooted.filter((f) => !failedRoots.has(f.root!));

  const groups: TestFile[][] = Array.from({ length: options.concurrency ?? 2 }, () => []);
  const load = groups.map(() => 0);
  for (const f of [...shared].sort((a, b) => b.weight - a.weight)) {
    const i = load.indexOf(Math.min(...load));
    groups[i].push(f);
    load[i] += f.weight;
  }
  // A file whose plan must be read runs with -verbose, which adds each plan (with the provider's
  // whole schema, tens of MB) to the output: only where it is needed, in its own root.
  const processes = [
    ...groups.filter((g) => g.length > 0).map((group) => ({ group, dir: suite, flags: ["-json", "-no-color"] })),
    ...runnable.filter((f) => f.zonePlan).map((f) => ({ group: [f], dir: f.root!, flags: ["-json", "-verbose", "-no-color"] })),
    // The other files of a root (its key-state files) read no plan: one process per root, without -verbose.
    ...[...new Set(runnable.filter((f) => !f.zonePlan).map((f) => f.root!))].map((root) => ({
      group: runnable.filter((f) => !f.zonePlan && f.root === root),
      dir: root,
      flags: ["-json", "-no-color"],
    })),
  ];
  log(`terraform-check: terraform test: ${files.length} files in ${processes.length} processes`);
  const outputs = await pool(
    processes.map(({ group, dir, flags }) => () => run(options.toolchain.terraform, ["test", ...flags, ...group.map((f) => `-filter=${f.file}`)], dir, options.env)),
    options.concurrency ?? 2,
  );
  const parsed = new Map<string, TestFileOutcome>();
  for (const out of outputs) for (const [k, v] of parseTestOutput(out.stdout)) parsed.set(k, v);
  for (const f of [...shared, ...runnable]) {
    const got = parsed.get(f.file);
    if (f.keyState) {
      const problems = keyStateProblems(f.keyState, got);
      results.push({ subject: f.subject, step: f.step, ok: problems.length === 0, lines: problems });
      continue;
    }
    const problems = got && f.zonePlan ? zonePlanProblems(f.zonePlan, got.plans.get("plan")) : [];
    const ok = got?.status === "pass" && problems.length === 0;
    const lines = ok ? [] : got ? [...got.lines, ...problems] : [`${f.file} did not run: ${outputs.map((o) => output(o).slice(-3).join(" ")).join(" | ")}`];
    // Only what a test reads of each change: -verbose reports the whole before and after.
    const plan = f.zonePlan ? got?.plans.get("plan")?.map((c) => ({ address: c.address, change: { actions: c.change.actions, ...(c.change.importing ? { importing: { id: c.change.importing.id } } : {}) } })) : undefined;
    results.push({ subject: f.subject, step: f.step, ok, lines, ...(plan ? { plan } : {}) });
  }
  return results;
}

/** The subject of a key-state file: the stack, and the state its shared key is in. */
export function keyStateSubject(stackSubject: string, state: string): string {
  return `${stackSubject} (shared key ${state})`;
}

/**
 * The key-state files (KEY_STATE_RUNS) of each configuration, on one stack that reads a shared key:
 * its first fleet zone that does (the smallest plan), else its app. A file the harness cannot write
 * becomes a failed result.
 */
function keyStateFiles(stacks: readonly Stack[], options: CheckOptions, schemas: ResourceSchemas, results: StepResult[]): TestFile[] {
  const files: TestFile[] = [];
  for (const config of [...new Set(stacks.map((s) => s.config))]) {
    const readers = stacks.filter((s) => s.config === config && (s.role === "fleet-zone" || s.role === "app") && keyStateKsk(s.facts) !== undefined);
    const stack = readers.find((s) => s.role === "fleet-zone") ?? readers[0];
    if (!stack) continue;
    const ksk = keyStateKsk(stack.facts)!;
    const root = stack.role === "fleet-zone" ? join(options.scratch, "roots", stack.config, stack.kind) : undefined;
    for (const keyState of KEY_STATE_RUNS) {
      const subject = keyStateSubject(stack.subject, keyState.state);
      try {
        const text = keyStateTestFile(stack.role, stack.model, stack.facts, schemas, root ? undefined : stack.source, `${stack.kind}-${keyState.run}`, keyState);
        files.push({
          file: `tests/${stack.config}.${stack.kind}.${keyState.run}.tftest.hcl`,
          subject,
          step: "key-state",
          text,
          weight: stack.role === "app" ? 2 : 1,
          root,
          keyState: { run: keyStateMessageRun(keyState.run), message: keyStateMessage(ksk, keyState.state) },
        });
      } catch (error) {
        results.push({ subject, step: "key-state", ok: false, lines: [(error as Error).message] });
      }
    }
  }
  return files;
}

/** Runs the whole check. */
export async function check(options: CheckOptions): Promise<CheckReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const seeded = await seed(options, log);
  const stacks = prepare(options, log);
  const unique = new Map<string, Stack>();
  for (const s of stacks) if (!unique.has(s.hash)) unique.set(s.hash, s);
  const staticResults = (await pool([...unique.values()].map((s) => () => staticChecks(s, options, seeded.lock)), options.concurrency ?? 2)).flat();
  const results: StepResult[] = [];
  for (const s of stacks) {
    const first = unique.get(s.hash)!;
    for (const r of staticResults.filter((x) => x.subject === first.subject)) {
      results.push(first === s ? r : { ...r, subject: s.subject, lines: [...r.lines, `identical to ${first.subject}, checked once`] });
    }
  }
  results.push(...(await tests(stacks, options, seeded, log)));
  return { results, ok: results.every((r) => r.ok), wallMs: Date.now() - started };
}
