/**
 * A small model of how GitHub Actions decides which jobs of a run start: each job's `if` (with the
 * implicit `success() &&` when it names no status function) over the results and outputs of the jobs
 * it needs. Enough of the expression language for our workflows: `!`, `&&`, `||`, `==`, `!=`,
 * parentheses, 'strings', context paths, and the status functions. Strings compare case-insensitively
 * and a missing value is '' as in GitHub
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/expressions).
 */
export interface GraphJob {
  readonly needs?: string | readonly string[];
  readonly if?: string;
}
export type Result = "success" | "failure" | "skipped";
export interface RunOutcome {
  readonly results: Record<string, Result>;
}
/** What a job does when it starts: its result (success unless given) and its outputs. */
export type Behaviour = Record<string, { readonly result?: "success" | "failure"; readonly outputs?: Record<string, string> }>;

const needsOf = (job: GraphJob): string[] => (job.needs === undefined ? [] : typeof job.needs === "string" ? [job.needs] : [...job.needs]);

type Value = string | boolean;
const truthy = (v: Value) => v !== "" && v !== false;
const str = (v: Value) => (typeof v === "boolean" ? String(v) : v).toLowerCase();

function evaluate(source: string, resolve: (path: string) => string, status: Record<string, () => boolean>): boolean {
  const text = source.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, "$1");
  const tokens = text.match(/'[^']*'|[A-Za-z_][\w.-]*\(\)|[A-Za-z_][\w.-]*|==|!=|&&|\|\||[!()]/g) ?? [];
  if (tokens.join("").replace(/\s/g, "") !== text.replace(/\s/g, "")) throw new Error(`job-graph: cannot read the expression ${source}`);
  let i = 0;
  const peek = () => tokens[i];
  const or = (): Value => {
    let v = and();
    while (peek() === "||") {
      i++;
      const r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  };
  const and = (): Value => {
    let v = cmp();
    while (peek() === "&&") {
      i++;
      const r = cmp();
      v = truthy(v) ? r : v;
    }
    return v;
  };
  const cmp = (): Value => {
    const l = unary();
    if (peek() === "==" || peek() === "!=") {
      const op = tokens[i++];
      const r = unary();
      return op === "==" ? str(l) === str(r) : str(l) !== str(r);
    }
    return l;
  };
  const unary = (): Value => {
    const t = tokens[i++];
    if (t === "!") return !truthy(unary());
    if (t === "(") {
      const v = or();
      if (tokens[i++] !== ")") throw new Error(`job-graph: unbalanced ( in ${source}`);
      return v;
    }
    if (t === undefined) throw new Error(`job-graph: the expression ends early: ${source}`);
    if (t.startsWith("'")) return t.slice(1, -1);
    if (t.endsWith("()")) {
      const f = status[t.slice(0, -2)];
      if (!f) throw new Error(`job-graph: unknown function ${t}`);
      return f();
    }
    return resolve(t);
  };
  const v = or();
  if (i !== tokens.length) throw new Error(`job-graph: unread tokens in ${source}`);
  return truthy(v);
}

/**
 * Runs the job graph once: every job in an order its needs allow, deciding from `if` whether it
 * starts, then taking its result and outputs from `behaviour`. `context` resolves other paths
 * (github.ref, inputs.*).
 */
export function simulate(jobs: Record<string, GraphJob>, behaviour: Behaviour, context: Record<string, string> = {}): Record<string, Result> {
  const results: Record<string, Result> = {};
  const outputs: Record<string, Record<string, string>> = {};
  const ancestors = (id: string, seen = new Set<string>()): Set<string> => {
    for (const n of needsOf(jobs[id])) if (!seen.has(n)) ancestors(n, seen.add(n));
    return seen;
  };
  const done = (id: string) => id in results;
  const pending = Object.keys(jobs);
  while (pending.length > 0) {
    const at = pending.findIndex((id) => needsOf(jobs[id]).every(done));
    if (at < 0) throw new Error(`job-graph: a cycle or a missing job among ${pending.join(", ")}`);
    const id = pending.splice(at, 1)[0];
    const job = jobs[id];
    const direct = needsOf(job);
    const all = [...ancestors(id)];
    const status = {
      success: () => direct.every((n) => results[n] === "success") && all.every((n) => results[n] !== "failure"),
      failure: () => all.some((n) => results[n] === "failure"),
      cancelled: () => false,
      always: () => true,
    };
    const resolve = (path: string): string => {
      const m = /^needs\.([\w-]+)\.(result|outputs\.([\w-]+))$/.exec(path);
      if (m) {
        if (!direct.includes(m[1])) throw new Error(`job-graph: ${id} reads ${path} but does not need ${m[1]}`);
        return m[2] === "result" ? results[m[1]] : (outputs[m[1]]?.[m[3]] ?? "");
      }
      if (path in context) return context[path];
      throw new Error(`job-graph: ${id} reads ${path}, which the simulation does not know`);
    };
    const condition = job.if ?? "success()";
    const named = /\b(success|failure|cancelled|always)\(\)/.test(condition);
    const starts = (named || status.success()) && evaluate(condition, resolve, status);
    if (!starts) {
      results[id] = "skipped";
      continue;
    }
    results[id] = behaviour[id]?.result ?? "success";
    outputs[id] = behaviour[id]?.outputs ?? {};
  }
  return results;
}
