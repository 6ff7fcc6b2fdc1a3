/**
 * How much per-resource detail a rendering includes. The size budget walks
 * down this ladder: attribute values shrink first (long values cut, then each
 * resource's values folded, then dropped for names only), then the rest of the
 * per-resource detail. The totals table and the DNSSEC findings stay longest,
 * and findings are cut only once no address is listed any more.
 */
export interface DetailLevel {
  /**
   * Attribute values: `full`, `truncated` (long values cut), `folded` (the
   * first few lines per resource) or `none` (changed attribute names only).
   */
  readonly values: "full" | "truncated" | "folded" | "none";
  /** Changed attribute names on updates, when values are not shown. */
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

/** Longest string value shown at `full` and at `truncated`. */
export const FULL_VALUE_LENGTH = 2000;
export const TRUNCATED_VALUE_LENGTH = 120;
/** Value lines kept per resource at `folded`. */
export const FOLDED_VALUE_LINES = 6;

export const FULL_DETAIL: DetailLevel = {
  values: "full",
  attributeNames: true,
  unchangedLists: true,
  maxAddressesPerGroup: Number.POSITIVE_INFINITY,
  outputs: true,
  maxFindings: Number.POSITIVE_INFINITY,
  safeFindings: true,
};

const NAMES_ONLY: DetailLevel = { ...FULL_DETAIL, values: "none" };

/** From most to least detailed; the last one holds totals and a few findings only. */
export const DETAIL_LADDER: readonly DetailLevel[] = [
  FULL_DETAIL,
  { ...FULL_DETAIL, values: "truncated" },
  { ...FULL_DETAIL, values: "folded" },
  NAMES_ONLY,
  { ...NAMES_ONLY, attributeNames: false },
  { ...NAMES_ONLY, attributeNames: false, unchangedLists: false },
  { ...NAMES_ONLY, attributeNames: false, unchangedLists: false, maxAddressesPerGroup: 200 },
  { ...NAMES_ONLY, attributeNames: false, unchangedLists: false, maxAddressesPerGroup: 50 },
  { ...NAMES_ONLY, attributeNames: false, unchangedLists: false, maxAddressesPerGroup: 10 },
  { ...NAMES_ONLY, attributeNames: false, unchangedLists: false, maxAddressesPerGroup: 0, outputs: false },
  {
    ...NAMES_ONLY,
    attributeNames: false,
    unchangedLists: false,
    maxAddressesPerGroup: 0,
    outputs: false,
    maxFindings: 40,
    safeFindings: false,
  },
  {
    ...NAMES_ONLY,
    attributeNames: false,
    unchangedLists: false,
    maxAddressesPerGroup: 0,
    outputs: false,
    maxFindings: 10,
    safeFindings: false,
  },
];
