/**
 * Warnings `terraform validate` may report without failing the check. Each entry is matched by its
 * exact summary and detail, with the reason it is acceptable; anything else fails. Keep it empty
 * unless a warning is a real difference between the mirrored provider (5.100.0) and the pinned
 * one (6.25.0), which the harness cannot run offline.
 */
export interface AllowedWarning {
  readonly summary: string;
  readonly detail: string;
  /** Why the warning is acceptable, and when the entry can go. */
  readonly why: string;
}

export const ALLOWED_WARNINGS: readonly AllowedWarning[] = [];

/** A diagnostic as `terraform validate -json` reports it. */
export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number } };
}

/** Whether a warning is on the allow-list. */
export function isAllowed(diagnostic: Diagnostic, allowed: readonly AllowedWarning[] = ALLOWED_WARNINGS): boolean {
  return allowed.some((a) => a.summary === diagnostic.summary && a.detail === (diagnostic.detail ?? ""));
}

/** One line for a diagnostic: severity, summary, detail, where. */
export function describeDiagnostic(d: Diagnostic): string {
  const where = d.range ? ` (${d.range.filename}:${d.range.start.line})` : "";
  const detail = d.detail ? `: ${d.detail.replace(/\s+/g, " ").trim()}` : "";
  return `${d.severity}: ${d.summary}${detail}${where}`;
}
