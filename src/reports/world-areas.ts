/**
 * The world areas a region-to-region report groups countries into (UN M49:
 * Latin America and the Caribbean, 419; Europe, 150 — with Cyprus, an EU
 * member). Everything else is "other"; no country given is "unknown".
 */
export type WorldArea = 'latin_america_caribbean' | 'europe' | 'other' | 'unknown';

export const WORLD_AREA_LABELS: Record<WorldArea, string> = {
  latin_america_caribbean: 'Latin America and the Caribbean',
  europe: 'Europe',
  other: 'Other countries',
  unknown: 'Country not given',
};

const LATIN_AMERICA_CARIBBEAN = new Set(
  'AG AI AR AW BB BL BO BQ BR BS BV BZ CL CO CR CU CW DM DO EC FK GD GF GP GS GT GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI'.split(
    ' ',
  ),
);

const EUROPE = new Set(
  'AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK'.split(
    ' ',
  ),
);

export function worldArea(countryCode: string | null): WorldArea {
  if (!countryCode) return 'unknown';
  if (LATIN_AMERICA_CARIBBEAN.has(countryCode)) return 'latin_america_caribbean';
  if (EUROPE.has(countryCode)) return 'europe';
  return 'other';
}
