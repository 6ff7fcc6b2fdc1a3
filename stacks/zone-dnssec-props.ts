import type { DsAutomation, KeySigningKeyConfig, SigningMode } from "../modules/dnssec";

/** The DNSSEC settings of one zone, shared by the app stack (the primary zone) and each fleet zone stack. */
export interface ZoneDnssecProps {
  /** KMS deletion window of the DNSSEC keys. */
  readonly kmsDeletionWindowDays: number;
  /** The project's alias prefix of DNSSEC keys (a fleet zone's aliases add its domain, stacks/fleet-names.ts). */
  readonly kmsAliasPrefix: string;
  readonly keySigningKeys: KeySigningKeyConfig[];
  readonly dnssec: SigningMode;
  /** Where the DS goes: printed for the registrar, a parent Route 53 zone, or Route 53 Domains. */
  readonly parentDs: DsAutomation;
  /** The parent zone's id, for "route53-zone" and for the NS delegation. */
  readonly parentZoneId?: string;
  /** Also create the NS delegation in the parent zone `parentZoneId`, whatever the DNSSEC mode. */
  readonly delegateFromParent: boolean;
  readonly dsTtl: number;
}
