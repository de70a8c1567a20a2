/**
 * The zones the server knows, for the searchable picker (`<input list>` with a
 * `<datalist>`, which filters as one types without any script). The schema's
 * own check still decides: a zone typed by hand that is not here is refused.
 */
export const TIME_ZONES: readonly string[] = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
