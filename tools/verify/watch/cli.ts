import { readFileSync } from "node:fs";
import type { DomainReport, FleetReport, Verdict } from "../report";
import { gitHubIssuesApi, syncWatchIssue } from "./issue";

/**
 * `node --import tsx tools/verify/watch/cli.ts REPORT.json... [--healthy secure,insecure]`, run by
 * .github/workflows/watch.yml with GITHUB_TOKEN, GITHUB_REPOSITORY and GITHUB_API_URL set.
 * Reads verify --json reports (one domain or --all-zones) and opens, updates or closes the watch issue.
 */

const VERDICTS: readonly Verdict[] = ["secure", "insecure", "bogus", "error"];

function reportsIn(file: string): DomainReport[] {
  let parsed: DomainReport | FleetReport;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as DomainReport | FleetReport;
  } catch (err) {
    throw new Error(`cannot read the verify report ${file}: ${(err as Error).message}; the verify step must write its --json output there`);
  }
  return "domains" in parsed ? [...parsed.domains] : [parsed];
}

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set; the watch runs in GitHub Actions, which sets it`);
  return v;
}

async function main(argv: readonly string[]): Promise<void> {
  const files: string[] = [];
  let healthy: Verdict[] = ["secure"];
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--healthy") {
      const list = (argv[(i += 1)] ?? "").split(",").filter((v) => v !== "");
      const wrong = list.find((v) => !VERDICTS.includes(v as Verdict));
      if (wrong !== undefined || list.length === 0) throw new Error(`--healthy must list verdicts (${VERDICTS.join(", ")}), got: ${argv[i] ?? ""}`);
      healthy = list as Verdict[];
    } else files.push(argv[i]);
  }
  const reports = files.flatMap(reportsIn);
  const api = gitHubIssuesApi({ apiUrl: process.env.GITHUB_API_URL ?? "https://api.github.com", repository: env("GITHUB_REPOSITORY"), token: env("GITHUB_TOKEN") });
  const runUrl = process.env.GITHUB_RUN_ID ? `${process.env.GITHUB_SERVER_URL ?? "https://github.com"}/${env("GITHUB_REPOSITORY")}/actions/runs/${process.env.GITHUB_RUN_ID}` : undefined;
  const result = await syncWatchIssue(api, reports, { healthy, runUrl });
  const verdicts = reports.map((r) => `${r.domain} ${r.verdict}`).join(", ");
  process.stdout.write(result.action === "none" ? `${verdicts}: no watch issue needed\n` : `${verdicts}: ${result.action} issue #${result.issue}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`dnssec-watch: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
