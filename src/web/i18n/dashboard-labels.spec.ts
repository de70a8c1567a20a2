import { LANGUAGES } from './languages';
import { DASHBOARD_LABELS_MESSAGES } from './dashboard-labels.messages';
import { DASHBOARD_ENUMS } from './dashboard-enums';

describe('dashboard labels', () => {
  it('has a label for every value of every enum a dashboard page shows, in every language', () => {
    const missing = LANGUAGES.flatMap((language) =>
      Object.entries(DASHBOARD_ENUMS).flatMap(([kind, values]) =>
        values
          .map((value) => `${language}:label.${kind}.${value}`)
          .filter((key) => !(key.slice(3) in (DASHBOARD_LABELS_MESSAGES[language] ?? {}))),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('has no label for a value the enums do not have', () => {
    const known = new Set(Object.entries(DASHBOARD_ENUMS).flatMap(([kind, values]) => values.map((value) => `label.${kind}.${value}`)));
    const stray = Object.keys(DASHBOARD_LABELS_MESSAGES.en).filter(
      (key) => key.startsWith('label.') && !key.startsWith('label.field.') && !known.has(key),
    );
    expect(stray).toEqual([]);
  });
});
