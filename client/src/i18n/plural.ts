/** A count's words in a language's plural categories; `#` stands for the number. */
export interface Plural {
  one: string;
  other: string;
}

const rules = new Map<string, Intl.PluralRules>();

/** "1 minute", "3 minutes": the form Intl.PluralRules picks for `count` in `locale`. */
export function plural(locale: string, count: number, forms: Plural): string {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  // English, German and Hungarian have only these two cardinal categories.
  const form = rule.select(count) === 'one' ? forms.one : forms.other;
  return form.replace('#', String(count));
}
