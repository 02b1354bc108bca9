// rows.js — the one lookup of the catalog's rows (every table row has a `name` and a `display`),
// and the lists the page's messages make of them. No DOM, no state.

/** The row called `name` in one of the catalog's tables, or undefined. */
export const row = (rows, name) => rows.find((r) => r.name === name);

/** A row's display name (the name itself when the row is unknown). */
export const display = (rows, name) => row(rows, name)?.display ?? name;

/** "a, b or c" of some words (display names). */
export const either = (words) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`);

/** The article for a display text: 'an ELU', 'an RMSprop', 'a ReLU', 'a SELU', 'a Uniform'. Read as
 *  a word unless its first two letters are capitals without a vowel (SGD, RMSprop: spelt out, so
 *  a letter that sounds like a vowel, F H L M N R S X, takes 'an'). */
export function an(text) {
  const s = String(text);
  const spelt = /^[A-Z][A-Z]/.test(s) && !/^.[AEIOU]/.test(s);
  const vowel = spelt ? /^[AEFHILMNORSX]/.test(s) : /^[aeiou]/i.test(s) && !/^(uni|use|usu|eu|one)/i.test(s);
  return `${vowel ? 'an' : 'a'} ${s}`;
}

/** The text with its first letter a capital ('an ELU' → 'An ELU'). */
export const cap = (text) => text.charAt(0).toUpperCase() + text.slice(1);
