/**
 * How much per-resource detail a rendering includes. The size budget walks
 * down this ladder, cutting per-resource detail first and keeping the totals
 * table and the DNSSEC findings for as long as possible.
 */
export interface DetailLevel {
  /** Changed attribute names on updates. */
  readonly attributeNames: boolean;
  /** Lists of no-op and read resources. */
  readonly unchangedLists: boolean;
  /** Addresses listed per action group; the rest are counted. */
  readonly maxAddressesPerGroup: number;
  /** The per-stack output change lists. */
  readonly outputs: boolean;
  /** Danger and warning findings listed in full; the rest are counted. */
  readonly maxFindings: number;
  /** The "recognised as safe" list. */
  readonly safeFindings: boolean;
}

export const FULL_DETAIL: DetailLevel = {
  attributeNames: true,
  unchangedLists: true,
  maxAddressesPerGroup: Number.POSITIVE_INFINITY,
  outputs: true,
  maxFindings: Number.POSITIVE_INFINITY,
  safeFindings: true,
};

/** From most to least detailed; the last one holds totals and a few findings only. */
export const DETAIL_LADDER: readonly DetailLevel[] = [
  FULL_DETAIL,
  { ...FULL_DETAIL, attributeNames: false },
  { ...FULL_DETAIL, attributeNames: false, unchangedLists: false },
  { ...FULL_DETAIL, attributeNames: false, unchangedLists: false, maxAddressesPerGroup: 200 },
  { ...FULL_DETAIL, attributeNames: false, unchangedLists: false, maxAddressesPerGroup: 50 },
  { ...FULL_DETAIL, attributeNames: false, unchangedLists: false, maxAddressesPerGroup: 10, maxFindings: 100 },
  {
    attributeNames: false,
    unchangedLists: false,
    maxAddressesPerGroup: 0,
    outputs: false,
    maxFindings: 40,
    safeFindings: false,
  },
  {
    attributeNames: false,
    unchangedLists: false,
    maxAddressesPerGroup: 0,
    outputs: false,
    maxFindings: 10,
    safeFindings: false,
  },
];
