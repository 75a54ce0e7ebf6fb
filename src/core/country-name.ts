const regionNames = new Map<string, Intl.DisplayNames | null>();

/** A country's name in `locale` ("DE" → "Germany", "Deutschland"), or the code when the browser has no name for it. */
export function countryName(code: string, locale: string): string {
  let names = regionNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
    } catch {
      names = null;
    }
    regionNames.set(locale, names);
  }
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}
