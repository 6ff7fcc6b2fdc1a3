import type { DsAutomation, SigningMode } from "../modules/dnssec/shape";

/** One key-signing key as the user configures it. The name is its stable address. */
export interface KeySigningKeySetting {
  readonly name: string;
  readonly status: "active" | "inactive";
  readonly publishDs: boolean;
  /** An existing signing key to use instead of a new one. */
  readonly kmsKeyArn?: string;
}

/**
 * How the app holds a zone:
 * - "create": the app creates the hosted zone (no hostedZoneId);
 * - "adopt": the zone exists (hostedZoneId) and the app takes ownership through a Terraform import block;
 * - "reference": the zone exists (hostedZoneId) and is only read; the app manages its DNSSEC alone.
 */
export type ZoneOwnership = "create" | "adopt" | "reference";

/** The settings of one zone of the fleet, validated and with defaults applied. */
export interface ZoneSetting {
  readonly domainName: string;
  readonly keySigningKeys: readonly KeySigningKeySetting[];
  readonly dnssec: SigningMode;
  readonly parentDs: DsAutomation;
  readonly parentZoneId?: string;
  readonly delegateFromParent: boolean;
  readonly dsTtl: number;
  readonly soaNegativeTtl?: number;
  /** The id of an existing hosted zone ("Z..."); set for "adopt" and "reference". */
  readonly hostedZoneId?: string;
  /** Derived from hostedZoneId and the user's `adopt` (true: "adopt", false: "reference"). */
  readonly ownership: ZoneOwnership;
}
